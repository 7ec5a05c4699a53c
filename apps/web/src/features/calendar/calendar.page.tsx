import { useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, Grid, List, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { CloudUploadOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../app/errors.tsx';
import { hasAnyRole } from '../auth/session.ts';
import { useSession } from '../auth/use-session.ts';
import { dayRuns, marksByDate, weekdayName, yearSummary } from './calendar.ts';
import { DayModal } from './day-modal.tsx';
import { useCalendarYear } from './use-calendar.ts';
import { useMeta } from './use-meta.ts';
import { WorkingDaysCard } from './working-days-card.tsx';
import { YearGrid } from './year-grid.tsx';

const maintainerRoles = ['sys_admin', 'group_hr'] as const;

/** /calendar, 节假日日历: a year of holidays and make-up days, national or a city's; admins keep it. */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const phone = !Grid.useBreakpoint().md;
  const session = useSession();
  const meta = useMeta();
  const today = meta.data?.today ?? new Date().toISOString().slice(0, 10);
  // year and city live in the address (?year=2027&city=深圳), so a view can be linked to
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year'));
  const shown = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : Number(today.slice(0, 4));
  const city = params.get('city') || null;
  const show = (next: { year?: number; city?: string | null }) => {
    const y = next.year ?? shown;
    const c = next.city === undefined ? city : next.city;
    setParams({ year: String(y), ...(c ? { city: c } : {}) }, { replace: true });
  };
  const cal = useCalendarYear(shown, city);
  const [editing, setEditing] = useState<{ date: string | null } | null>(null);
  const user = session.data?.status === 'signed-in' ? session.data.user : null;
  const canEdit = user !== null && hasAnyRole(user, maintainerRoles);
  const marks = useMemo(() => marksByDate(cal.data?.days ?? []), [cal.data]);
  const summary = yearSummary(marks);
  // the year as runs (春节 2/15–2/23): a city's own entries and the national ones it does not override
  const runs = useMemo(() => dayRuns(marks), [marks]);

  let body;
  if (cal.isPending) body = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (cal.isError) body = <ErrorAlert error={cal.error} onRetry={() => void cal.refetch()} />;
  else {
    body = (
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {!cal.data.maintained && (
          <Alert
            type="warning"
            showIcon
            title={t('calendar.notMaintained', { year: shown })}
            description={t('calendar.notMaintainedHint')}
            action={
              canEdit && (
                <Button size="small" icon={<CloudUploadOutlined />} onClick={() => void navigate('/imports?type=holidays')} data-testid="calendar-import">
                  {t('calendar.importYear')}
                </Button>
              )
            }
            data-testid="calendar-not-maintained"
          />
        )}
        <Typography.Text type="secondary" data-testid="calendar-summary">
          {t('calendar.summary', { holidays: summary.holidays, workdays: summary.workdays })}
          {city && summary.local > 0 ? t('calendar.summaryLocal', { count: summary.local, city }) : ''}
        </Typography.Text>
        <YearGrid year={shown} marks={marks} cell={phone ? 21 : 24} onPick={canEdit ? (date) => setEditing({ date }) : null} />
        <Space size={16} wrap style={{ fontSize: 12 }}>
          <Tag color="error">{t('calendar.legendHoliday')}</Tag>
          <Tag color="processing">{t('calendar.legendWorkday')}</Tag>
          <Typography.Text type="secondary">{t('calendar.legendWeekend')}</Typography.Text>
        </Space>
        <Card
          size="small"
          title={t('calendar.entries')}
          extra={
            canEdit && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing({ date: null })} data-testid="calendar-add">
                {t('calendar.add')}
              </Button>
            )
          }
        >
          {runs.length === 0 ? (
            <Empty description={t('calendar.entriesEmpty')} data-testid="calendar-entries-empty" />
          ) : (
            <List
              size="small"
              dataSource={runs}
              data-testid="calendar-entries"
              renderItem={(r) => (
                <List.Item data-testid="calendar-entry" data-date={r.from}>
                  <Space size={8} wrap style={{ minWidth: 0 }}>
                    <Tag color={r.kind === 'holiday' ? 'error' : 'processing'} style={{ marginInlineEnd: 0 }}>
                      {t(`calendar.kindShort.${r.kind}`)}
                    </Tag>
                    <Typography.Text strong>{r.name}</Typography.Text>
                    <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {r.days === 1 ? `${r.from}（${weekdayName(i18n.language, r.from)}）` : t('calendar.range', { from: r.from, to: r.to.slice(5), days: r.days })}
                    </Typography.Text>
                    <Typography.Text type="secondary">{r.city ?? t('calendar.national')}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Space>
    );
  }

  const editingMark = editing?.date ? marks.get(editing.date) : undefined;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="calendar-page">
      <Card
        title={t('calendar.title')}
        styles={{ body: { padding: phone ? 12 : 24 } }}
        extra={
          <Space size={4}>
            <Button size="small" icon={<LeftOutlined />} aria-label={t('calendar.prevYear')} onClick={() => show({ year: shown - 1 })} data-testid="calendar-prev" />
            <Typography.Text strong data-testid="calendar-year">
              {shown}
            </Typography.Text>
            <Button size="small" icon={<RightOutlined />} aria-label={t('calendar.nextYear')} onClick={() => show({ year: shown + 1 })} data-testid="calendar-next" />
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">{t('calendar.intro')}</Typography.Paragraph>
        {!canEdit && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('calendar.readOnly')}
          </Typography.Paragraph>
        )}
        <div style={{ marginBottom: 16, maxWidth: 240 }}>
          <Select<string>
            value={city ?? ''}
            onChange={(v) => show({ city: v || null })}
            options={[{ value: '', label: t('calendar.national') }, ...(cal.data?.cities ?? []).map((c) => ({ value: c, label: c }))]}
            style={{ width: '100%' }}
            aria-label={t('calendar.city')}
            data-testid="calendar-city"
          />
        </div>
        {body}
      </Card>
      <WorkingDaysCard city={city} today={today} />
      {canEdit && <DayModal open={editing !== null} date={editing?.date ?? null} city={city} current={editingMark} onClose={() => setEditing(null)} />}
    </Space>
  );
}
