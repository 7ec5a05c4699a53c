import type { ReactNode } from 'react';
import { List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryList } from '../../app/query-list.tsx';
import { dateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { useOverdueCheckins, useOverdueEvaluations, useUpcomingCheckins } from './use-checkins.ts';

/** How far ahead the agenda looks, in days. */
export const UPCOMING_DAYS = 14;

const rowLink = { display: 'block', width: '100%', minWidth: 0, wordBreak: 'break-word' } as const;
const byId = (x: { id: string }) => x.id;

/** The caller's meetings of the next 14 days (loading, error and empty states included), each opening its plan at the meeting. */
export function UpcomingCheckinList() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const list = useUpcomingCheckins(UPCOMING_DAYS);
  return (
    <QueryList
      query={list}
      pick={(d) => d.items}
      empty={t('checkins.agenda.upcomingEmpty')}
      rowKey={byId}
      renderItem={(c) => (
        <List.Item>
          <Link to={`/pips/${c.planId}#checkin-${c.id}`} style={rowLink} data-testid="upcoming-checkin" data-id={c.id}>
            <Space size={6} wrap>
              <Typography.Text strong>{dateTime(c.scheduledAt, lang)}</Typography.Text>
              <Typography.Text>{t(`checkins.kinds.${c.kind}`)}</Typography.Text>
              <Tag>{t(`checkins.agenda.roles.${c.role}`)}</Tag>
            </Space>
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {/* the other people at the meeting: the employee sees their manager, the others the employee */}
              {c.role === 'employee' ? (c.manager ? t('checkins.agenda.manager', { name: c.manager.name }) : '') : c.employee.name}
              {c.role === 'hrbp' && c.manager ? ` · ${t('checkins.agenda.manager', { name: c.manager.name })}` : ''}
            </Typography.Text>
          </Link>
        </List.Item>
      )}
    />
  );
}

/** 近期面谈: the caller's meetings of the next 14 days under a heading. */
export function UpcomingCheckins() {
  const { t } = useTranslation();
  return (
    <div data-testid="upcoming-checkins" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>{t('checkins.agenda.upcoming')}</Typography.Title>
      <UpcomingCheckinList />
    </div>
  );
}

/** One overdue item, opening its plan at `to`: who, what, the overdue tags; the dates and the manager below. */
function OverdueRow(props: { to: string; testId: string; id: string; who: string; what: string; tags: ReactNode; detail: string; manager: { name: string } | null }) {
  const { t } = useTranslation();
  return (
    <List.Item>
      <Link to={props.to} style={rowLink} data-testid={props.testId} data-id={props.id}>
        <Space size={6} wrap>
          <Typography.Text strong>{props.who}</Typography.Text>
          <Typography.Text>{props.what}</Typography.Text>
          {props.tags}
        </Space>
        <Typography.Text type="secondary" style={{ display: 'block' }}>
          {props.detail}
          {props.manager && ` · ${t('checkins.agenda.manager', { name: props.manager.name })}`}
        </Typography.Text>
      </Link>
    </List.Item>
  );
}

/** Minutes past their deadline across the caller's plans as HRBP and their HR scope, each opening its plan at the meeting. */
export function OverdueCheckinList() {
  const { t } = useTranslation();
  const checkins = useOverdueCheckins();
  return (
    <QueryList
      query={checkins}
      pick={(d) => d.items}
      empty={t('checkins.agenda.overdueMinutesEmpty')}
      emptyTestId="overdue-checkins-empty"
      rowKey={byId}
      renderItem={(c) => (
        <OverdueRow
          to={`/pips/${c.planId}#checkin-${c.id}`}
          testId="overdue-checkin"
          id={c.id}
          who={c.employee.name}
          what={t(`checkins.kinds.${c.kind}`)}
          tags={<Tag color="red">{t('checkins.overdue')}</Tag>}
          detail={`${t('checkins.agenda.meetingOn', { date: c.scheduledOn })} · ${t('checkins.agenda.dueOn', { date: c.minutesDueOn })}`}
          manager={c.manager}
        />
      )}
    />
  );
}

/** Open evaluations past their due date, likewise, each opening its plan at the evaluation. */
export function OverdueEvaluationList() {
  const { t } = useTranslation();
  const evaluations = useOverdueEvaluations();
  return (
    <QueryList
      query={evaluations}
      pick={(d) => d.items}
      empty={t('checkins.agenda.overdueEvaluationsEmpty')}
      emptyTestId="overdue-evaluations-empty"
      rowKey={byId}
      renderItem={(e) => (
        <OverdueRow
          to={`/pips/${e.planId}#evaluation-${e.id}`}
          testId="overdue-evaluation"
          id={e.id}
          who={e.employee.name}
          what={e.name}
          tags={
            <>
              <Tag color="red">{t('checkins.evaluations.overdue')}</Tag>
              {e.escalatedAt && <Tag color="volcano">{t('checkins.evaluations.escalated')}</Tag>}
            </>
          }
          detail={`${t('checkins.agenda.dueOn', { date: e.dueOn })} · ${t('checkins.evaluations.missing', { parts: e.missing.map((m) => t(`checkins.evaluations.parts.${m}`)).join('、') })}`}
          manager={e.manager}
        />
      )}
    />
  );
}

/** 逾期 for HR and HRBPs: minutes and evaluations past their deadline across their plans and units. */
export function OverdueLists() {
  const { t } = useTranslation();
  return (
    <div data-testid="overdue-view">
      <Typography.Title level={5}>{t('checkins.agenda.overdueMinutes')}</Typography.Title>
      <OverdueCheckinList />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('checkins.agenda.overdueEvaluations')}
      </Typography.Title>
      <OverdueEvaluationList />
    </div>
  );
}
