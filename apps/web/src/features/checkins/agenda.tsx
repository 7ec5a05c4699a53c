import { Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/errors.tsx';
import { dateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { useOverdueCheckins, useOverdueEvaluations, useUpcomingCheckins } from './use-checkins.ts';

/** How far ahead the agenda looks, in days. */
export const UPCOMING_DAYS = 14;

const rowLink = { display: 'block', width: '100%', minWidth: 0, wordBreak: 'break-word' } as const;

/** The caller's meetings of the next 14 days (loading, error and empty states included), each opening its plan at the meeting. */
export function UpcomingCheckinList() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const list = useUpcomingCheckins(UPCOMING_DAYS);
  return list.isPending ? (
    <Skeleton active paragraph={{ rows: 2 }} />
  ) : list.isError ? (
    <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
  ) : list.data.items.length === 0 ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('checkins.agenda.upcomingEmpty')} />
  ) : (
    <List
      size="small"
      dataSource={list.data.items}
      rowKey="id"
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

/** Minutes past their deadline across the caller's plans as HRBP and their HR scope, each opening its plan at the meeting. */
export function OverdueCheckinList() {
  const { t } = useTranslation();
  const checkins = useOverdueCheckins();
  return checkins.isPending ? (
    <Skeleton active paragraph={{ rows: 2 }} />
  ) : checkins.isError ? (
    <ErrorAlert error={checkins.error} onRetry={() => void checkins.refetch()} />
  ) : checkins.data.items.length === 0 ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('checkins.agenda.overdueMinutesEmpty')} data-testid="overdue-checkins-empty" />
  ) : (
    <List
      size="small"
      dataSource={checkins.data.items}
      rowKey="id"
      renderItem={(c) => (
        <List.Item>
          <Link to={`/pips/${c.planId}#checkin-${c.id}`} style={rowLink} data-testid="overdue-checkin" data-id={c.id}>
            <Space size={6} wrap>
              <Typography.Text strong>{c.employee.name}</Typography.Text>
              <Typography.Text>{t(`checkins.kinds.${c.kind}`)}</Typography.Text>
              <Tag color="red">{t('checkins.overdue')}</Tag>
            </Space>
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {t('checkins.agenda.meetingOn', { date: c.scheduledOn })} · {t('checkins.agenda.dueOn', { date: c.minutesDueOn })}
              {c.manager && ` · ${t('checkins.agenda.manager', { name: c.manager.name })}`}
            </Typography.Text>
          </Link>
        </List.Item>
      )}
    />
  );
}

/** Open evaluations past their due date, likewise, each opening its plan at the evaluation. */
export function OverdueEvaluationList() {
  const { t } = useTranslation();
  const evaluations = useOverdueEvaluations();
  return evaluations.isPending ? (
    <Skeleton active paragraph={{ rows: 2 }} />
  ) : evaluations.isError ? (
    <ErrorAlert error={evaluations.error} onRetry={() => void evaluations.refetch()} />
  ) : evaluations.data.items.length === 0 ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('checkins.agenda.overdueEvaluationsEmpty')} data-testid="overdue-evaluations-empty" />
  ) : (
    <List
      size="small"
      dataSource={evaluations.data.items}
      rowKey="id"
      renderItem={(e) => (
        <List.Item>
          <Link to={`/pips/${e.planId}#evaluation-${e.id}`} style={rowLink} data-testid="overdue-evaluation" data-id={e.id}>
            <Space size={6} wrap>
              <Typography.Text strong>{e.employee.name}</Typography.Text>
              <Typography.Text>{e.name}</Typography.Text>
              <Tag color="red">{t('checkins.evaluations.overdue')}</Tag>
              {e.escalatedAt && <Tag color="volcano">{t('checkins.evaluations.escalated')}</Tag>}
            </Space>
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {t('checkins.agenda.dueOn', { date: e.dueOn })} · {t('checkins.evaluations.missing', { parts: e.missing.map((m) => t(`checkins.evaluations.parts.${m}`)).join('、') })}
              {e.manager && ` · ${t('checkins.agenda.manager', { name: e.manager.name })}`}
            </Typography.Text>
          </Link>
        </List.Item>
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
