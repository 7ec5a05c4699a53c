import { useState } from 'react';
import { Alert, App, Button, Divider, Empty, Form, Input, List, Modal, Popconfirm, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { hasCheckins } from '../checkins/checkin-rules.ts';
import { useEvaluations } from '../checkins/use-checkins.ts';
import { SectionCard } from '../pip/section-card.tsx';
import type { Pip } from '../pip/use-pips.ts';
import { OutcomeProposeForm } from './outcome-propose-form.tsx';
import { OutcomeRound } from './outcome-round.tsx';
import { awaitingReceipt, currentOutcome, finalEvaluationMissing, mayDecide, mayPropose, pendingProposal } from './outcome-rules.ts';
import { SignText } from './sign-text.tsx';
import { useAcknowledgeOutcome, useConfirmOutcome, useOutcomeReceipt, useOutcomes, useRefuseOutcome, useReturnOutcome, type PipOutcomeRecord } from './use-outcomes.ts';

/** The proposal waiting for confirmation: the HRBP (or HR, not the proposer) confirms it or returns it with a comment. */
function PendingProposal(props: { plan: Pip; outcome: PipOutcomeRecord; decide: boolean; mine: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const confirm = useConfirmOutcome(props.plan.id);
  const giveBack = useReturnOutcome(props.plan.id);
  const [returning, setReturning] = useState(false);
  const [form] = Form.useForm<{ comment: string }>();
  const o = props.outcome;
  return (
    <div data-testid="outcome-pending" data-id={o.id}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('outcomes.pending.title')}
      </Typography.Title>
      <OutcomeRound outcome={o} />
      {props.decide ? (
        <Space wrap style={{ marginTop: 12 }}>
          <Popconfirm
            title={t('outcomes.pending.confirmTitle')}
            description={<div style={{ maxWidth: 260 }}>{t('outcomes.pending.confirmHint')}</div>}
            okText={t('outcomes.pending.confirm')}
            cancelText={t('app.cancel')}
            okButtonProps={{ loading: confirm.isPending, ...({ 'data-testid': 'outcome-confirm-ok' } as Record<string, string>) }}
            onConfirm={() => confirm.mutateAsync(o.id).then(() => void message.success(t('outcomes.pending.confirmed')), (err: unknown) => void message.error(errorText(err)))}
          >
            <Button type="primary" data-testid="outcome-confirm">
              {t('outcomes.pending.confirm')}
            </Button>
          </Popconfirm>
          <Button onClick={() => setReturning(true)} data-testid="outcome-return">
            {t('outcomes.pending.return')}
          </Button>
        </Space>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid="outcome-waiting">
          {props.mine ? t('outcomes.pending.mine') : t('outcomes.pending.waiting')}
        </Typography.Paragraph>
      )}
      <Modal open={returning} title={t('outcomes.pending.returnTitle')} onCancel={() => setReturning(false)} onOk={() => form.submit()} confirmLoading={giveBack.isPending} okButtonProps={{ 'data-testid': 'outcome-return-ok' } as Record<string, string>} destroyOnHidden okText={t('outcomes.pending.return')} cancelText={t('app.cancel')}>
        <Form
          clearOnDestroy
          form={form}
          layout="vertical"
          onFinish={(v) =>
            giveBack.mutate(
              { outcomeId: o.id, comment: v.comment.trim() },
              {
                onSuccess: () => {
                  setReturning(false);
                  void message.success(t('outcomes.pending.returned'));
                },
                onError: (err) => void message.error(errorText(err)),
              },
            )
          }
        >
          <Form.Item name="comment" label={t('outcomes.pending.returnComment')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} placeholder={t('outcomes.pending.returnPlaceholder')} data-testid="outcome-return-comment" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

/** The employee reads exactly the confirmed outcome and acknowledges it; HR may record a refusal before a witness. */
function Receipt(props: { plan: Pip }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const p = props.plan;
  const employee = p.actors.includes('employee');
  const hr = p.actors.includes('hr');
  const receipt = useOutcomeReceipt(p.id, employee || hr);
  const ack = useAcknowledgeOutcome(p.id);
  const refuse = useRefuseOutcome(p.id);
  if (!employee && !hr)
    return (
      <Typography.Paragraph type="secondary" data-testid="outcome-receipt-waiting">
        {t('outcomes.receipt.waitingEmployee')}
      </Typography.Paragraph>
    );
  if (receipt.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (receipt.isError) return <ErrorAlert error={receipt.error} onRetry={() => void receipt.refetch()} />;
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('outcomes.receipt.title')}
      </Typography.Title>
      <SignText
        text={receipt.data.text}
        sha256={receipt.data.sha256}
        intro={employee ? t('outcomes.receipt.intro') : t('outcomes.receipt.waitingEmployee')}
        readLabel={t('outcomes.receipt.read')}
        signLabel={t('outcomes.receipt.submit')}
        testId="outcome-receipt"
        canSign={employee}
        canRecordRefusal={hr}
        signing={ack.isPending}
        refusing={refuse.isPending}
        onSign={(sha256) => ack.mutate(sha256, { onSuccess: () => void message.success(t('outcomes.receipt.done')), onError: (err) => void message.error(errorText(err)) })}
        onRefuse={(v, done) => refuse.mutate(v, done)}
      />
    </>
  );
}

/**
 * 评审结果 (#outcome): the final review's proposal form for the manager or HR, the pending
 * proposal with confirm / return for the HRBP or HR (never the proposer), the employee's receipt
 * of exactly the confirmed text (or HR's witnessed refusal), and every round's record.
 */
export function OutcomeCard(props: { plan: Pip }) {
  const { t } = useTranslation();
  const p = props.plan;
  const enabled = hasCheckins(p.state);
  const list = useOutcomes(p.id, enabled);
  const evaluations = useEvaluations(p.id, enabled && p.state === 'final_review');
  if (!enabled || (list.isSuccess && list.data.outcomes.length === 0 && p.state !== 'final_review')) return null;

  const employeeOnly = p.actors.includes('employee') && p.actors.length === 1;
  let body;
  if (list.isPending) body = <Skeleton active paragraph={{ rows: 4 }} />;
  else if (list.isError) body = <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  else {
    const outcomes = list.data.outcomes;
    const pending = pendingProposal(outcomes);
    const current = currentOutcome(p, outcomes);
    // the employee sees the result once it is confirmed, not the proposals before it
    const rounds = (employeeOnly ? outcomes.filter((o) => o.status === 'confirmed') : outcomes).filter((o) => o.id !== pending?.id).reverse();
    const sections = [
      pending &&
        (employeeOnly ? (
          <Typography.Paragraph type="secondary" key="pending" data-testid="outcome-waiting">
            {t('outcomes.pending.employee')}
          </Typography.Paragraph>
        ) : (
          <PendingProposal key="pending" plan={p} outcome={pending} decide={mayDecide(p, pending)} mine={pending.proposedByYou} />
        )),
      awaitingReceipt(p, outcomes) && <Receipt key="receipt" plan={p} />,
      p.state === 'final_review' && current?.acknowledgment && current.outcome === 'passed' && <Alert key="next" type="success" showIcon title={t('outcomes.next.close')} data-testid="outcome-next" />,
      p.state === 'follow_up' && current?.acknowledgment && <Alert key="next" type="info" showIcon title={t('outcomes.next.followUp')} data-testid="outcome-next" />,
      mayPropose(p, outcomes) && <OutcomeProposeForm key="propose" plan={p} finalMissing={evaluations.data ? finalEvaluationMissing(evaluations.data.items) : null} />,
    ].filter(Boolean);
    body = (
      <>
        {sections.map((s, i) => (
          <div key={i}>
            {i > 0 && <Divider style={{ margin: '12px 0' }} />}
            {s}
          </div>
        ))}
        {rounds.length > 0 ? (
          <List size="small" style={{ marginTop: sections.length ? 12 : 0 }} dataSource={rounds} rowKey="id" data-testid="outcome-history" renderItem={(o) => <List.Item style={{ paddingInline: 0 }}>{<OutcomeRound outcome={o} />}</List.Item>} />
        ) : (
          sections.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('outcomes.empty')} />
        )}
      </>
    );
  }
  return (
    <SectionCard title={t('outcomes.title')} testId="outcome-card" intro={t('outcomes.intro')} anchor={{ id: 'outcome', ready: !list.isPending }}>
      {body}
    </SectionCard>
  );
}
