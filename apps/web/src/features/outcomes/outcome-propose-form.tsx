import { Alert, App, Button, Checkbox, Form, Input, Radio, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pipFollowUps, pipOutcomes } from '@uplift/contract';
import { applyFieldErrors, useErrorText } from '../../app/errors.tsx';
import type { Evaluation } from '../checkins/use-checkins.ts';
import type { Pip } from '../pip/use-pips.ts';
import { proposalBody, type ProposalValues as Values } from './outcome-bodies.ts';
import { useProposeOutcome } from './use-outcomes.ts';

const FIELDS = ['outcome', 'note', 'extension.plannedEnd', 'extension.reason', 'followUps'];

/** The date `n` days after `date` (YYYY-MM-DD). */
function plusDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * The manager's (or HR's) proposal against the locked goals: passed, extended (new end and reason,
 * within the snapshot's limits) or not passed with its follow-ups. It waits for the manager's
 * rating of the final evaluation, as the server does.
 */
export function OutcomeProposeForm(props: { plan: Pip; finalMissing: Evaluation | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const propose = useProposeOutcome(props.plan.id);
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch('outcome', form);
  const p = props.plan;
  const ext = p.snapshot.extension;
  const latest = plusDays(p.plannedEnd, ext.maxDays);
  // what the template and the policy allow; an extension only while some are left
  const allowed = (o: (typeof pipOutcomes)[number]) => p.snapshot.outcomes.includes(o) && (o !== 'extended' || (ext.used < ext.maxTimes && ext.maxDays > 0));
  const followUps = pipFollowUps.filter((f) => p.snapshot.followUps.includes(f));
  return (
    <div data-testid="outcome-propose">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('outcomes.propose.title')}
      </Typography.Title>
      {props.finalMissing && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="outcome-final-missing"
          title={t('outcomes.propose.finalMissing', { name: props.finalMissing.name })}
          description={<Link to={{ hash: `evaluation-${props.finalMissing.id}` }}>{t('outcomes.propose.openFinal')}</Link>}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ followUps: (['training', 'reassessment'] as const).filter((f) => followUps.includes(f)) }}
        onFinish={(v) =>
          propose.mutate(proposalBody(v), {
            onSuccess: () => {
              form.resetFields();
              void message.success(t('outcomes.propose.done'));
            },
            onError: (err) => void (applyFieldErrors(form, err, FIELDS) || message.error(errorText(err))),
          })
        }
      >
        <Form.Item name="outcome" label={t('outcomes.propose.outcome')} rules={[{ required: true }]}>
          <Radio.Group options={pipOutcomes.map((o) => ({ value: o, disabled: !allowed(o), label: <span data-testid={`outcome-choice-${o}`}>{t(`outcomes.values.${o}`)}{allowed(o) ? '' : t('outcomes.propose.notAllowed')}</span> }))} />
        </Form.Item>
        {outcome === 'passed' && <Typography.Paragraph type="secondary">{t('outcomes.propose.passedHint')}</Typography.Paragraph>}
        {outcome === 'extended' && (
          <>
            <Typography.Paragraph type="secondary" data-testid="outcome-extension-hint">
              {t('outcomes.propose.extensionHint', { end: p.plannedEnd, latest, times: ext.maxTimes, days: ext.maxDays, used: ext.used })}
            </Typography.Paragraph>
            <Form.Item name={['extension', 'plannedEnd']} label={t('outcomes.propose.extensionEnd')} rules={[{ required: true }]}>
              <Input type="date" min={plusDays(p.plannedEnd, 1)} max={latest} data-testid="outcome-extension-end" />
            </Form.Item>
            <Form.Item name={['extension', 'reason']} label={t('outcomes.propose.extensionReason')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} data-testid="outcome-extension-reason" />
            </Form.Item>
          </>
        )}
        {outcome === 'not_passed' && (
          <Form.Item name="followUps" label={t('outcomes.propose.followUpsLabel')} extra={t('outcomes.propose.followUpsHint')} rules={[{ required: true, type: 'array', min: 1 }]}>
            <Checkbox.Group options={followUps.map((f) => ({ value: f, label: <span data-testid={`outcome-followup-${f}`}>{t(`outcomes.followUps.${f}`)}</span> }))} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('outcomes.propose.note')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} placeholder={t('outcomes.propose.notePlaceholder')} data-testid="outcome-note" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={propose.isPending} disabled={props.finalMissing !== null} data-testid="outcome-submit">
          {t('outcomes.propose.submit')}
        </Button>
      </Form>
    </div>
  );
}
