import { useMemo, type ReactNode } from 'react';
import { Divider, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { evaluationParts, type EvaluationStatus, type PipGoal } from '@uplift/contract';
import { QueryList } from '../../app/query-list.tsx';
import { SectionCard } from '../pip/section-card.tsx';
import { dateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import type { Pip } from '../pip/use-pips.ts';
import { HrbpCommentForm, ManagerEvaluationForm, SelfAssessmentForm } from './evaluation-forms.tsx';
import { useCheckins, useEvaluations, type Evaluation, type EvaluationPart } from './use-checkins.ts';
import { latestPercents } from './checkin-rules.ts';
import { useHashTarget } from './use-hash-target.ts';
import { TargetedItem } from './targeted-item.tsx';

const statusColor: Record<EvaluationStatus, string> = { scheduled: 'default', open: 'blue', completed: 'green', cancelled: 'default' };

/** Who fills which part: the plan's manager, the employee, the HRBP (or HR in scope). */
function mine(part: EvaluationPart, actors: ReadonlySet<string>): boolean {
  switch (part) {
    case 'manager':
      return actors.has('manager');
    case 'self':
      return actors.has('employee');
    case 'hrbp':
      return actors.has('hrbp') || actors.has('hr');
    default: {
      const never: never = part;
      return never;
    }
  }
}

function GoalLines(props: { goals: readonly PipGoal[]; rows: readonly { goalId: string; rating: string; comment: string; percent?: number }[] }) {
  const title = (id: string) => props.goals.find((g) => g.id === id)?.title ?? '—';
  return (
    <ul style={{ paddingInlineStart: 20, margin: '4px 0' }}>
      {props.rows.map((r) => (
        <li key={r.goalId}>
          {title(r.goalId)}：<b>{r.rating}</b>
          {r.percent !== undefined && ` · ${r.percent}%`}
          {r.comment && <Typography.Text type="secondary">{` · ${r.comment}`}</Typography.Text>}
        </li>
      ))}
    </ul>
  );
}

/** One part: read-only once submitted (who, when, what), else the form for the one whose part it is. */
function Part(props: { part: EvaluationPart; evaluation: Evaluation; plan: Pip; latest: ReadonlyMap<string, number> }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const e = props.evaluation;
  const actors = new Set(props.plan.actors);
  const by = (s: { by: string; at: string }) => (
    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
      {t('checkins.evaluations.submittedBy', { by: s.by, at: dateTime(s.at, lang) })}
    </Typography.Text>
  );
  let body: ReactNode;
  if (props.part === 'manager' && e.manager) {
    body = (
      <>
        <Typography.Text style={{ display: 'block' }}>
          {t('checkins.evaluations.overall')}：<b data-testid="eval-overall-value">{e.manager.overall}</b>
        </Typography.Text>
        {e.conclusion && (
          <Typography.Text style={{ display: 'block' }} data-testid="eval-conclusion-value">
            {t('checkins.evaluations.conclusion')}：<Tag color={e.conclusion === 'met' ? 'green' : 'red'}>{t(`checkins.evaluations.conclusions.${e.conclusion}`)}</Tag>
          </Typography.Text>
        )}
        <GoalLines goals={props.plan.goals} rows={e.manager.goals} />
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{e.manager.summary}</Typography.Paragraph>
        {by(e.manager)}
      </>
    );
  } else if (props.part === 'self' && e.self) {
    body = (
      <>
        <GoalLines goals={props.plan.goals} rows={e.self.goals} />
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{e.self.summary}</Typography.Paragraph>
        {by(e.self)}
      </>
    );
  } else if (props.part === 'hrbp' && e.hrbp) {
    body = (
      <>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{e.hrbp.comment}</Typography.Paragraph>
        {by(e.hrbp)}
      </>
    );
  } else if (e.status !== 'open' || !mine(props.part, actors)) {
    body = <Typography.Text type="secondary">{e.status === 'scheduled' ? t('checkins.evaluations.notOpen') : t('checkins.evaluations.notSubmitted')}</Typography.Text>;
  } else if (props.part === 'manager') {
    body = <ManagerEvaluationForm evaluation={e} goals={props.plan.goals} latest={props.latest} />;
  } else if (props.part === 'self') {
    body = <SelfAssessmentForm evaluation={e} goals={props.plan.goals} />;
  } else if (!e.manager) {
    body = <Typography.Text type="secondary">{t('checkins.evaluations.waitingManager')}</Typography.Text>;
  } else {
    body = <HrbpCommentForm evaluation={e} />;
  }
  const done = e[props.part] !== null;
  return (
    <div data-testid={`evaluation-part-${props.part}`} data-done={done}>
      <Space size={6} wrap style={{ marginBottom: 4 }}>
        <Typography.Text strong>{t(`checkins.evaluations.parts.${props.part}`)}</Typography.Text>
        {done && <Tag color="green">{t('checkins.evaluations.submitted')}</Tag>}
      </Space>
      {body}
    </div>
  );
}

function EvaluationItem(props: { evaluation: Evaluation; plan: Pip; latest: ReadonlyMap<string, number>; targeted: boolean; settled: boolean }) {
  const { t } = useTranslation();
  const e = props.evaluation;
  return (
    // the check-ins card above must have its height before the page scrolls here
    <TargetedItem anchor={`evaluation-${e.id}`} targeted={props.targeted} ready={props.settled} data={{ 'data-testid': 'evaluation', 'data-id': e.id, 'data-status': e.status }}>
        <Space size={[6, 4]} wrap>
          <Typography.Text strong>{e.name}</Typography.Text>
          {e.final && <Tag color="purple">{t('checkins.evaluations.final')}</Tag>}
          {e.kind === 'reassessment' && <Tag color="purple">{t('checkins.evaluations.reassessment')}</Tag>}
          <Tag color={statusColor[e.status]} data-testid="evaluation-status">
            {t(`checkins.evaluations.statuses.${e.status}`)}
          </Tag>
          {e.overdue && <Tag color="red">{t('checkins.evaluations.overdue')}</Tag>}
          {e.escalatedAt && <Tag color="volcano">{t('checkins.evaluations.escalated')}</Tag>}
        </Space>
        <Typography.Text type="secondary" style={{ display: 'block' }}>
          {e.kind === 'point' && `${t('checkins.evaluations.atPercent', { percent: e.atPercent })} · `}
          {t('checkins.evaluations.opensOn', { date: e.opensOn })}
          {e.dueOn && ` · ${t('checkins.evaluations.dueOn', { date: e.dueOn })}`}
          {e.goalsVersion !== null && ` · ${t('checkins.evaluations.goalsVersion', { version: e.goalsVersion })}`}
        </Typography.Text>
        {e.status === 'open' && e.missing.length > 0 && (
          <Typography.Text type={e.overdue ? 'danger' : 'warning'} style={{ display: 'block' }} data-testid="evaluation-missing">
            {t('checkins.evaluations.missing', { parts: e.missing.map((m) => t(`checkins.evaluations.parts.${m}`)).join('、') })}
          </Typography.Text>
        )}
        {e.status !== 'scheduled' && e.status !== 'cancelled' &&
          evaluationParts.map((part) => (
            <div key={part}>
              <Divider style={{ margin: '10px 0' }} />
              <Part part={part} evaluation={e} plan={props.plan} latest={props.latest} />
            </div>
          ))}
    </TargetedItem>
  );
}

/**
 * 评估: the plan's evaluation points with their status, due date and missing parts; the manager's
 * rating, the employee's self-assessment and the HRBP's comment, each a form for the one whose part
 * it is while open and the record (who, when) once submitted.
 */
export function EvaluationsCard(props: { plan: Pip }) {
  const { t } = useTranslation();
  const p = props.plan;
  const list = useEvaluations(p.id);
  const checkins = useCheckins(p.id);
  const target = useHashTarget('evaluation');
  const latest = useMemo(() => latestPercents(checkins.data?.items ?? []), [checkins.data]);
  return (
    <SectionCard title={t('checkins.evaluations.title')} testId="evaluations-card" intro={t('checkins.evaluations.intro')}>
      <QueryList
        query={list}
        pick={(d) => d.items}
        empty={t('checkins.evaluations.empty')}
        emptyTestId="evaluations-empty"
        rowKey={(e) => e.id}
        renderItem={(e) => <EvaluationItem evaluation={e} plan={p} latest={latest} targeted={e.id === target} settled={!checkins.isPending} />}
        listTestId="evaluations-list"
      />
    </SectionCard>
  );
}
