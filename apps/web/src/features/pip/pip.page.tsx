import { useState } from 'react';
import { App, Button, Card, Descriptions, Modal, Result, Skeleton, Space, Steps, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApproverKind } from '@uplift/contract';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { useSession } from '../auth/use-session.ts';
import { PersonSelect } from '../people/person-select.tsx';
import { CheckinsCard } from '../checkins/checkins-card.tsx';
import { hasCheckins } from '../checkins/checkin-rules.ts';
import { EvaluationsCard } from '../checkins/evaluations-card.tsx';
import { ProgressCard } from '../checkins/progress-card.tsx';
import { ComplianceCard } from '../compliance/compliance-card.tsx';
import { EvidenceButton } from '../compliance/evidence-button.tsx';
import { FollowUpCard } from '../outcomes/follow-up-card.tsx';
import { OutcomeCard } from '../outcomes/outcome-card.tsx';
import { AckCard } from './ack-card.tsx';
import { GoalsCard } from './goals-card.tsx';
import { PlanActions } from './plan-actions.tsx';
import { PipStateTag } from './pip-tags.tsx';
import { TimelineCard } from './timeline-card.tsx';
import { useDelegate, usePip, type Pip } from './use-pips.ts';

const stepState = { waiting: 'wait', pending: 'process', approved: 'finish', rejected: 'error', superseded: 'wait' } as const;

/** The approval chain: before submission the people it resolves to, afterwards each step with its decision. */
function ChainCard(props: { plan: Pip; myEmployeeId: string | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const p = props.plan;
  const delegate = useDelegate(p.id);
  const [delegating, setDelegating] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const asked = p.approvals.length > 0;
  const items = asked
    ? p.approvals.map((s) => ({
        status: stepState[s.status],
        title: `${s.delegate ? `${s.delegate.name}（${s.approver.name}）` : s.approver.name} · ${t(`templates.approverKinds.${s.kind as ApproverKind}`)}`,
        description: (
          <span data-testid="chain-step" data-status={s.status} style={{ wordBreak: 'break-word' }}>
            {t(`pip.stepStatuses.${s.status}`)}
            {s.comment ? `：${s.comment}` : ''}
            {s.status === 'pending' && (s.approver.id === props.myEmployeeId || p.actors.includes('hr')) && (
              <Button size="small" type="link" onClick={() => setDelegating(s.id)} data-testid="delegate-open">
                {t('pip.delegate')}
              </Button>
            )}
          </span>
        ),
      }))
    : p.approvalChain
        .filter((n) => n.person)
        .map((n) => ({ status: 'wait' as const, title: n.person!.name, description: <span data-testid="chain-node">{t(`templates.approverKinds.${n.kind}`)}</span> }));
  return (
    <Card size="small" title={t('pip.chain')} data-testid="chain-card">
      {!asked && <Typography.Paragraph type="secondary">{t('pip.chainHint')}</Typography.Paragraph>}
      <Steps direction="vertical" size="small" items={items} />
      <Modal open={delegating !== null} title={t('pip.delegate')} onCancel={() => setDelegating(null)} confirmLoading={delegate.isPending} okButtonProps={{ disabled: !to }} onOk={() => delegating && to && delegate.mutate({ stepId: delegating, delegateId: to }, { onSuccess: () => setDelegating(null), onError: (err) => void message.error(errorText(err)) })}>
        <PersonSelect value={to} onChange={setTo} placeholder={t('pip.delegateTo')} source="delegates" exclude={[p.employee.id]} />
      </Modal>
    </Card>
  );
}

/** /pips/:id: one plan — who, why, when, its state and what the caller may do, chain, goals, acknowledgment, check-ins and evaluations, outcome and follow-up, record. */
export function PipPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useSession();
  const plan = usePip(id);
  const me = session.data?.status === 'signed-in' ? (session.data.user.employeeId ?? null) : null;
  if (plan.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (plan.isError) return plan.error && 'code' in plan.error && plan.error.code === 'NOT_FOUND' ? <Result status="404" title={t('pip.empty')} /> : <ErrorAlert error={plan.error} onRetry={() => void plan.refetch()} />;
  const p = plan.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', minWidth: 0 }} data-testid="pip-page" data-state={p.state}>
      <Card size="small">
        <Space size={8} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {p.employee.name}
          </Typography.Title>
          <PipStateTag state={p.state} />
        </Space>
        <Typography.Text type="secondary" style={{ display: 'block', wordBreak: 'break-word' }}>
          {p.employee.employeeNo} · {p.employee.unitName} · <Link to={`/people/${p.employee.id}/performance`}>{t('performance.file.open')}</Link>
        </Typography.Text>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          style={{ marginTop: 12 }}
          items={[
            { key: 'type', label: t('pip.fields.problemType'), children: t(`pip.problemTypes.${p.problemType}`) },
            { key: 'reason', label: t('pip.fields.reason'), children: <span style={{ wordBreak: 'break-word' }}>{p.reason.text}</span> },
            ...(p.violation ? [{ key: 'v', label: t('pip.fields.violation'), children: <span style={{ wordBreak: 'break-word' }}>{`${p.violation.occurredOn} ${p.violation.description}（${p.violation.evidence}）`}</span> }] : []),
            { key: 'period', label: t('pip.fields.period'), children: <span data-testid="pip-period">{`${p.plannedStart} – ${p.plannedEnd}`}</span> },
            { key: 'manager', label: t('pip.fields.manager'), children: p.manager?.name ?? '—' },
            { key: 'hrbp', label: t('pip.fields.hrbp'), children: p.hrbp?.name ?? '—' },
            { key: 'initiator', label: t('pip.fields.initiator'), children: p.initiator.name },
            ...(p.policy ? [{ key: 'policy', label: t('pip.fields.policy'), children: `v${p.policy.version}` }] : []),
            ...(p.closedReason ? [{ key: 'closed', label: t('pip.fields.state'), children: t(`pip.closedReasons.${p.closedReason as 'outcome' | 'left_during_plan'}`) }] : []),
          ]}
        />
        <Space wrap style={{ marginTop: 12 }}>
          <PlanActions plan={p} />
          <EvidenceButton plan={p} />
        </Space>
      </Card>
      <ChainCard plan={p} myEmployeeId={me} />
      {p.state !== 'draft' && p.state !== 'pending_approval' && <GoalsCard plan={p} />}
      <AckCard plan={p} />
      {hasCheckins(p.state) && (
        <>
          <CheckinsCard plan={p} />
          <EvaluationsCard plan={p} />
          <ProgressCard plan={p} />
        </>
      )}
      <OutcomeCard plan={p} />
      <FollowUpCard plan={p} />
      {/* 合规检查 / 解除审查 (the compliance guard): from the follow-up on, before any termination review */}
      <ComplianceCard plan={p} />
      <TimelineCard plan={p} myEmployeeId={me} />
    </Space>
  );
}
