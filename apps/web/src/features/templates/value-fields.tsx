import { Button, Checkbox, Flex, Input, Select, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { approverKinds, goalFields, pipOutcomes, type TemplateBounds, type TemplateParamKey, type TemplateValues } from '@uplift/contract';
import { Field, Fields, Num } from './field.tsx';
import { issuesAt, issuesUnder, move, type Issues } from './template-text.ts';

type Props<K extends TemplateParamKey> = {
  param: K;
  value: TemplateValues[K];
  onChange: (v: TemplateValues[K]) => void;
  issues: Issues;
  /** an override's limits: inputs only offer what the bounds allow */
  bounds?: TemplateBounds;
  disabled?: boolean;
};

/** The editor of one parameter's value; errors sit on their fields ("values.<param>.<field>"). */
export function ValueFields<K extends TemplateParamKey>(props: Props<K>) {
  const { t } = useTranslation();
  const at = `values.${props.param}`;
  const err = (f: string) => issuesAt(props.issues, `${at}.${f}`);
  const set = (patch: object) => props.onChange({ ...props.value, ...patch });
  const num = (f: string, label: string, v: number, range?: { min: number; max: number }) => (
    <Field label={label} errors={err(f)} key={f}>
      <Num value={v} onChange={(n) => set({ [f]: n })} min={range?.min ?? 0} max={range?.max} disabled={props.disabled} invalid={err(f).length > 0} testId={`${props.param}-${f}`} ariaLabel={label} />
    </Field>
  );
  const b = props.bounds;

  switch (props.param) {
    case 'approvalChain': {
      const nodes = (props.value as TemplateValues['approvalChain']).nodes;
      const setNodes = (n: typeof nodes) => set({ nodes: n });
      return (
        <Flex vertical gap={8} data-testid="chain-editor">
          {nodes.map((n, i) => (
            <Flex key={`${n.key}-${i}`} wrap gap={8} align="end" data-testid="chain-node">
              <Typography.Text strong style={{ width: 20 }}>
                {i + 1}
              </Typography.Text>
              <Field label={t('templates.fields.kind')} errors={issuesAt(props.issues, `${at}.nodes.${i}.kind`)}>
                <Select value={n.kind} disabled={props.disabled} onChange={(kind) => setNodes(nodes.map((x, j) => (j === i ? { ...x, kind, key: uniqueKey(nodes, kind, j) } : x)))} options={approverKinds.map((k) => ({ value: k, label: t(`templates.approverKinds.${k}`) }))} style={{ width: '100%' }} data-testid="chain-kind" />
              </Field>
              <Field label={t('templates.fields.minGrade')} errors={issuesAt(props.issues, `${at}.nodes.${i}.minGrade`)}>
                <Input value={n.minGrade ?? ''} placeholder={t('templates.anyGrade')} disabled={props.disabled} onChange={(e) => setNodes(nodes.map((x, j) => (j === i ? { ...x, minGrade: e.target.value.trim() === '' ? null : e.target.value.trim() } : x)))} data-testid="chain-grade" />
              </Field>
              <Flex gap={4}>
                <Button size="small" icon={<ArrowUpOutlined />} aria-label={t('templates.moveUp')} disabled={props.disabled || i === 0} onClick={() => setNodes(move(nodes, i, -1))} />
                <Button size="small" icon={<ArrowDownOutlined />} aria-label={t('templates.moveDown')} disabled={props.disabled || i === nodes.length - 1} onClick={() => setNodes(move(nodes, i, 1))} />
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('templates.remove')} disabled={props.disabled || nodes.length <= 1} onClick={() => setNodes(nodes.filter((_, j) => j !== i))} />
              </Flex>
            </Flex>
          ))}
          {issuesUnder(props.issues, `${at}.nodes`).filter((m) => !nodes.some((_, i) => issuesAt(props.issues, `${at}.nodes.${i}.kind`).includes(m) || issuesAt(props.issues, `${at}.nodes.${i}.minGrade`).includes(m))).map((m) => (
            <Typography.Text key={m} type="danger" style={{ fontSize: 12 }} data-testid="field-error">
              {m}
            </Typography.Text>
          ))}
          {!props.disabled && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setNodes([...nodes, { key: uniqueKey(nodes, 'group_hr', -1), kind: 'group_hr', minGrade: null }])} style={{ alignSelf: 'flex-start' }} data-testid="chain-add">
              {t('templates.addNode')}
            </Button>
          )}
        </Flex>
      );
    }
    case 'goalForm': {
      const v = props.value as TemplateValues['goalForm'];
      return (
        <Field label={t('templates.params.goalForm')} errors={issuesUnder(props.issues, `${at}.fields`)} wide>
          <Checkbox.Group value={v.fields} disabled={props.disabled} onChange={(fields) => set({ fields: goalFields.filter((f) => fields.includes(f)) })} options={goalFields.map((f) => ({ value: f, label: t(`templates.goalFields.${f}`), disabled: b !== undefined && b.goalForm.requiredFields.includes(f) && v.fields.includes(f) }))} data-testid="goalForm-fields" />
        </Field>
      );
    }
    case 'duration': {
      const v = props.value as TemplateValues['duration'];
      return (
        <Fields>
          {num('defaultDays', t('templates.fields.defaultDays'), v.defaultDays, b?.duration)}
          {num('minDays', t('templates.fields.minDays'), v.minDays, b?.duration)}
          {num('maxDays', t('templates.fields.maxDays'), v.maxDays, b?.duration)}
        </Fields>
      );
    }
    case 'cadence': {
      const v = props.value as TemplateValues['cadence'];
      if (!b) return <Fields>{[num('oneOnOneEveryDays', t('templates.fields.oneOnOne'), v.oneOnOneEveryDays, { min: 1, max: 60 }), num('threePartyEveryDays', t('templates.fields.threeParty'), v.threePartyEveryDays, { min: 1, max: 90 })]}</Fields>;
      // an override picks one of the allowed intervals
      const pick = (f: 'oneOnOneEveryDays' | 'threePartyEveryDays', label: string, options: number[]) => (
        <Field label={label} errors={err(f)} key={f}>
          <Select value={v[f]} disabled={props.disabled} status={err(f).length > 0 ? 'error' : undefined} onChange={(n: number) => set({ [f]: n })} options={options.map((d) => ({ value: d, label: String(d) }))} style={{ width: '100%' }} data-testid={`cadence-${f}`} />
        </Field>
      );
      return <Fields>{[pick('oneOnOneEveryDays', t('templates.fields.oneOnOne'), b.cadence.oneOnOneOptions), pick('threePartyEveryDays', t('templates.fields.threeParty'), b.cadence.threePartyOptions)]}</Fields>;
    }
    case 'evaluation': {
      const points = (props.value as TemplateValues['evaluation']).points;
      const setPoints = (p: typeof points) => set({ points: p });
      return (
        <Flex vertical gap={8}>
          {points.map((p, i) => (
            <Flex key={i} wrap gap={8} align="end" data-testid="evaluation-point">
              <Field label={t('templates.fields.pointKey')} errors={issuesAt(props.issues, `${at}.points.${i}.key`)}>
                <Input value={p.key} disabled={props.disabled} onChange={(e) => setPoints(points.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))} />
              </Field>
              <Field label={t('templates.fields.pointName')} errors={issuesAt(props.issues, `${at}.points.${i}.name`)}>
                <Input value={p.name} disabled={props.disabled} onChange={(e) => setPoints(points.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
              </Field>
              <Field label={t('templates.fields.atPercent')} errors={issuesAt(props.issues, `${at}.points.${i}.atPercent`)}>
                <Num value={p.atPercent} min={1} max={100} disabled={props.disabled} onChange={(n) => setPoints(points.map((x, j) => (j === i ? { ...x, atPercent: n } : x)))} />
              </Field>
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('templates.remove')} disabled={props.disabled || points.length <= 1} onClick={() => setPoints(points.filter((_, j) => j !== i))} />
            </Flex>
          ))}
          {issuesAt(props.issues, `${at}.points`).map((m) => (
            <Typography.Text key={m} type="danger" style={{ fontSize: 12 }} data-testid="field-error">
              {m}
            </Typography.Text>
          ))}
          {!props.disabled && (
            <Button size="small" icon={<PlusOutlined />} style={{ alignSelf: 'flex-start' }} onClick={() => setPoints([...points, { key: `p${points.length + 1}`, name: '', atPercent: 75 }])}>
              {t('templates.addPoint')}
            </Button>
          )}
        </Flex>
      );
    }
    case 'reminders': {
      const v = props.value as TemplateValues['reminders'];
      return <Fields>{[num('beforeCheckInHours', t('templates.fields.beforeCheckInHours'), v.beforeCheckInHours, b?.reminders.beforeCheckInHours), num('overdueMinutes', t('templates.fields.overdueMinutes'), v.overdueMinutes, b?.reminders.overdueMinutes)]}</Fields>;
    }
    case 'outcomes': {
      const v = props.value as TemplateValues['outcomes'];
      return (
        <Field label={t('templates.params.outcomes')} errors={issuesUnder(props.issues, `${at}.allowed`)} wide>
          <Checkbox.Group value={v.allowed} disabled={props.disabled} onChange={(allowed) => set({ allowed: pipOutcomes.filter((o) => allowed.includes(o)) })} options={pipOutcomes.map((o) => ({ value: o, label: t(`templates.outcomes.${o}`), disabled: b ? !b.outcomes.allowed.includes(o) : false }))} />
        </Field>
      );
    }
    case 'extension': {
      const v = props.value as TemplateValues['extension'];
      return <Fields>{[num('maxTimes', t('templates.fields.maxTimes'), v.maxTimes, { min: 0, max: b?.extension.maxTimes ?? 5 }), num('maxDays', t('templates.fields.extMaxDays'), v.maxDays, { min: 0, max: b?.extension.maxDays ?? 180 })]}</Fields>;
    }
    default:
      return null;
  }
}

/** A node key not used by another node: the kind, numbered when needed. */
function uniqueKey(nodes: readonly { key: string }[], kind: string, self: number): string {
  const base = kind.replace(/_/g, '-');
  const taken = new Set(nodes.filter((_, j) => j !== self).map((n) => n.key));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}
