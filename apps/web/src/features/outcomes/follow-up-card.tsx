import { useState } from 'react';
import { Alert, App, Button, Divider, Empty, List, Skeleton, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { useMeta } from '../calendar/use-meta.ts';
import { hasCheckins } from '../checkins/checkin-rules.ts';
import { useEvaluations } from '../checkins/use-checkins.ts';
import { SectionCard } from '../pip/section-card.tsx';
import type { Pip } from '../pip/use-pips.ts';
import { currentOutcome, reassessmentReady, reassessmentsOf, showsFollowUp } from './outcome-rules.ts';
import { RoleAdjustmentForm, RoleAdjustmentItem } from './role-adjustment.tsx';
import { TrainingForm } from './training-form.tsx';
import { TrainingItem } from './training-item.tsx';
import { useArrangeReassessment, useOutcomes, type PipFollowUpView, type PipTraining } from './use-outcomes.ts';

/** 再评估: the rule, the one in progress or the last conclusion, and the button once training or a role adjustment is done. */
function Reassessment(props: { plan: Pip; view: PipFollowUpView; lead: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const p = props.plan;
  const evaluations = useEvaluations(p.id);
  const arrange = useArrangeReassessment(p.id);
  const { open, concluded } = reassessmentsOf(evaluations.data?.items ?? []);
  const ready = reassessmentReady(props.view);
  const writable = p.state === 'follow_up' && props.lead;
  return (
    <div data-testid="reassessment">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('outcomes.followUp.reassessment')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="reassessment-rule">
        {t('outcomes.followUp.rule')}
      </Typography.Paragraph>
      {open && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="reassessment-open"
          title={t('outcomes.followUp.open', { name: open.name })}
          description={<Link to={{ hash: `evaluation-${open.id}` }}>{t('outcomes.followUp.openLink')}</Link>}
        />
      )}
      {!open && concluded && (
        <Alert
          type={concluded.conclusion === 'met' ? 'success' : 'warning'}
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="reassessment-concluded"
          data-conclusion={concluded.conclusion}
          title={concluded.conclusion === 'met' ? t('outcomes.followUp.met', { name: concluded.name }) : t('outcomes.followUp.notMet', { name: concluded.name })}
        />
      )}
      {writable && !open && (concluded === null || concluded.conclusion === 'not_met') && (
        <>
          {!ready && (
            <Typography.Paragraph type="warning" data-testid="reassessment-not-ready">
              {t('outcomes.followUp.notReady')}
            </Typography.Paragraph>
          )}
          <Button
            type="primary"
            disabled={!ready}
            loading={arrange.isPending}
            data-testid="reassessment-arrange"
            onClick={() => arrange.mutate(undefined, { onSuccess: () => void message.success(t('outcomes.followUp.arranged')), onError: (err) => void message.error(errorText(err)) })}
          >
            {t('outcomes.followUp.arrange')}
          </Button>
        </>
      )}
    </div>
  );
}

/**
 * 未通过跟进 (#follow-up): trainings aimed at a gap of the locked goals (attendance, materials
 * with their SHA-256), role adjustments with the notice the employee signs, and the re-assessment
 * on the same locked standard. Read-only once the plan has left the follow-up.
 */
export function FollowUpCard(props: { plan: Pip }) {
  const { t } = useTranslation();
  const p = props.plan;
  const list = useOutcomes(p.id, hasCheckins(p.state));
  const meta = useMeta();
  const today = meta.data?.today ?? new Date().toISOString().slice(0, 10);
  const [training, setTraining] = useState<PipTraining | 'new' | null>(null);
  const [adjusting, setAdjusting] = useState(false);
  // while loading (or failed) only a plan in follow-up shows the card, to avoid a flash elsewhere
  if (!(list.isSuccess ? showsFollowUp(p, list.data) : p.state === 'follow_up')) return null;

  const lead = ['manager', 'hrbp', 'hr'].some((a) => p.actors.includes(a));
  const hrSide = p.actors.includes('hrbp') || p.actors.includes('hr');
  const writable = p.state === 'follow_up' && lead;
  let body;
  if (list.isPending) body = <Skeleton active paragraph={{ rows: 4 }} />;
  else if (list.isError) body = <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  else {
    const v = list.data;
    const planned = currentOutcome(p, v.outcomes)?.followUps ?? [];
    body = (
      <>
        {planned.length > 0 && <Typography.Paragraph data-testid="follow-up-planned">{t('outcomes.followUp.planned', { list: planned.map((f) => t(`outcomes.followUps.${f}`)).join(t('outcomes.listSep')) })}</Typography.Paragraph>}
        {p.state !== 'follow_up' && <Typography.Paragraph type="secondary">{t('outcomes.followUp.readOnly')}</Typography.Paragraph>}

        <Typography.Title level={5}>{t('outcomes.followUp.trainings')}</Typography.Title>
        {v.trainings.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('outcomes.followUp.trainingsEmpty')} data-testid="trainings-empty" />
        ) : (
          <List dataSource={v.trainings} rowKey="id" data-testid="trainings" renderItem={(tr) => <TrainingItem training={tr} goals={p.goals} writable={writable} onEdit={() => setTraining(tr)} />} />
        )}
        {writable && (
          <Button icon={<PlusOutlined />} onClick={() => setTraining('new')} data-testid="training-add">
            {t('outcomes.followUp.addTraining')}
          </Button>
        )}

        <Divider style={{ margin: '16px 0 12px' }} />
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('outcomes.followUp.roles')}
        </Typography.Title>
        {v.roleAdjustments.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('outcomes.followUp.rolesEmpty')} />
        ) : (
          <List dataSource={v.roleAdjustments} rowKey="id" data-testid="role-adjustments" renderItem={(r) => <RoleAdjustmentItem plan={p} adjustment={r} />} />
        )}
        {p.state === 'follow_up' &&
          (hrSide ? (
            <Button icon={<PlusOutlined />} onClick={() => setAdjusting(true)} data-testid="role-add">
              {t('outcomes.followUp.addRole')}
            </Button>
          ) : (
            lead && <Typography.Text type="secondary">{t('outcomes.followUp.roleHintHr')}</Typography.Text>
          ))}

        <Divider style={{ margin: '16px 0 12px' }} />
        <Reassessment plan={p} view={v} lead={lead} />
      </>
    );
  }
  return (
    <>
      <SectionCard title={t('outcomes.followUp.title')} testId="follow-up-card" intro={t('outcomes.followUp.intro')} anchor={{ id: 'follow-up', ready: !list.isPending }}>
        {body}
      </SectionCard>
      {training !== null && <TrainingForm planId={p.id} goals={p.goals} training={training === 'new' ? null : training} open onClose={() => setTraining(null)} today={today} />}
      <RoleAdjustmentForm planId={p.id} open={adjusting} onClose={() => setAdjusting(false)} today={today} />
    </>
  );
}
