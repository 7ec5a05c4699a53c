import { Checkbox, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { approverKinds, goalFields, pipOutcomes, type TemplateBounds, type TemplateParamKey } from '@uplift/contract';
import { Field, Fields, Num } from './field.tsx';
import { issuesAt, issuesUnder, type Issues } from './template-text.ts';

const intervalChoices = [7, 10, 14, 21, 28, 30, 45, 60, 90];

/** The editor of what units may pick for one parameter; errors sit on "bounds.<param>.<field>". */
export function BoundsFields(props: { param: TemplateParamKey; bounds: TemplateBounds; onChange: (b: TemplateBounds) => void; issues: Issues; disabled?: boolean }) {
  const { t } = useTranslation();
  const { param, bounds: b, disabled } = props;
  const at = `bounds.${param}`;
  const set = <K extends TemplateParamKey>(k: K, v: TemplateBounds[K]) => props.onChange({ ...b, [k]: v });
  const range = <K extends 'duration'>(k: K, label: string) => (
    <Fields>
      <Field label={`${label} · ${t('templates.bounds.min')}`} errors={issuesAt(props.issues, `${at}.min`)}>
        <Num value={b[k].min} min={0} disabled={disabled} invalid={issuesAt(props.issues, `${at}.min`).length > 0} onChange={(min) => set(k, { ...b[k], min })} testId={`bounds-${k}-min`} />
      </Field>
      <Field label={`${label} · ${t('templates.bounds.max')}`} errors={issuesAt(props.issues, `${at}.max`)}>
        <Num value={b[k].max} min={0} disabled={disabled} invalid={issuesAt(props.issues, `${at}.max`).length > 0} onChange={(max) => set(k, { ...b[k], max })} testId={`bounds-${k}-max`} />
      </Field>
    </Fields>
  );

  switch (param) {
    case 'approvalChain':
      return (
        <Field label={t('templates.bounds.requiredKinds')} errors={issuesUnder(props.issues, at)} wide>
          <Checkbox.Group value={b.approvalChain.requiredKinds} disabled={disabled} onChange={(v) => set('approvalChain', { requiredKinds: approverKinds.filter((k) => v.includes(k)) })} options={approverKinds.map((k) => ({ value: k, label: t(`templates.approverKinds.${k}`) }))} />
        </Field>
      );
    case 'goalForm':
      return (
        <Field label={t('templates.bounds.requiredFields')} errors={issuesUnder(props.issues, at)} wide>
          <Checkbox.Group value={b.goalForm.requiredFields} disabled={disabled} onChange={(v) => set('goalForm', { requiredFields: goalFields.filter((f) => v.includes(f)) })} options={goalFields.map((f) => ({ value: f, label: t(`templates.goalFields.${f}`) }))} />
        </Field>
      );
    case 'duration':
      return range('duration', t('templates.bounds.duration'));
    case 'cadence': {
      const pick = (f: 'oneOnOneOptions' | 'threePartyOptions') => (
        <Field label={t(`templates.bounds.${f}`)} errors={issuesUnder(props.issues, `${at}.${f}`)} key={f}>
          <Select<number[]>
            mode="multiple"
            value={b.cadence[f]}
            disabled={disabled}
            status={issuesUnder(props.issues, `${at}.${f}`).length > 0 ? 'error' : undefined}
            onChange={(v) => set('cadence', { ...b.cadence, [f]: [...v].sort((x, y) => x - y) })}
            options={intervalChoices.filter((d) => f === 'threePartyOptions' || d <= 60).map((d) => ({ value: d, label: String(d) }))}
            style={{ width: '100%' }}
            data-testid={`bounds-cadence-${f}`}
          />
        </Field>
      );
      return <Fields>{[pick('oneOnOneOptions'), pick('threePartyOptions')]}</Fields>;
    }
    case 'evaluation':
      return (
        <Fields>
          <Field label={t('templates.bounds.minPoints')} errors={issuesAt(props.issues, `${at}.minPoints`)}>
            <Num value={b.evaluation.minPoints} min={1} max={10} disabled={disabled} onChange={(minPoints) => set('evaluation', { minPoints })} />
          </Field>
        </Fields>
      );
    case 'reminders': {
      const r = (f: 'beforeCheckInHours' | 'overdueMinutes', edge: 'min' | 'max') => (
        <Field label={`${t(`templates.bounds.${f}`)} · ${t(`templates.bounds.${edge}`)}`} errors={issuesAt(props.issues, `${at}.${f}.${edge}`)} key={`${f}-${edge}`}>
          <Num value={b.reminders[f][edge]} min={0} disabled={disabled} onChange={(n) => set('reminders', { ...b.reminders, [f]: { ...b.reminders[f], [edge]: n } })} />
        </Field>
      );
      return <Fields>{[r('beforeCheckInHours', 'min'), r('beforeCheckInHours', 'max'), r('overdueMinutes', 'min'), r('overdueMinutes', 'max')]}</Fields>;
    }
    case 'outcomes':
      return (
        <Field label={t('templates.bounds.allowed')} errors={issuesUnder(props.issues, at)} wide>
          <Checkbox.Group value={b.outcomes.allowed} disabled={disabled} onChange={(v) => set('outcomes', { allowed: pipOutcomes.filter((o) => v.includes(o)) })} options={pipOutcomes.map((o) => ({ value: o, label: t(`templates.outcomes.${o}`) }))} />
        </Field>
      );
    case 'extension':
      return (
        <Fields>
          <Field label={t('templates.bounds.maxTimes')} errors={issuesAt(props.issues, `${at}.maxTimes`)}>
            <Num value={b.extension.maxTimes} min={0} max={5} disabled={disabled} invalid={issuesAt(props.issues, `${at}.maxTimes`).length > 0} onChange={(maxTimes) => set('extension', { ...b.extension, maxTimes })} />
          </Field>
          <Field label={t('templates.bounds.maxDays')} errors={issuesAt(props.issues, `${at}.maxDays`)}>
            <Num value={b.extension.maxDays} min={0} max={180} disabled={disabled} invalid={issuesAt(props.issues, `${at}.maxDays`).length > 0} onChange={(maxDays) => set('extension', { ...b.extension, maxDays })} testId="bounds-extension-maxDays" />
          </Field>
        </Fields>
      );
    default: {
      const never: never = param;
      return String(never);
    }
  }
}
