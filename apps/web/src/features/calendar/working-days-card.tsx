import { useState } from 'react';
import { Alert, Card, Input, InputNumber, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/errors.tsx';
import { useWorkingDays } from './use-calendar.ts';

/** 工作日计算: the date N working days after a date in the chosen calendar, with the days counted. */
export function WorkingDaysCard(props: { city: string | null; today: string }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(props.today);
  const [days, setDays] = useState<number | null>(2);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from);
  const due = useWorkingDays(valid ? from : null, days, props.city);
  return (
    <Card size="small" title={t('calendar.calc.title')} data-testid="calendar-calc">
      <Space wrap size={12} style={{ marginBottom: 12 }}>
        <label>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t('calendar.calc.from')}
          </Typography.Text>
          <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} style={{ width: 160 }} data-testid="calendar-calc-from" />
        </label>
        <label>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t('calendar.calc.days')}
          </Typography.Text>
          <InputNumber min={0} max={365} precision={0} value={days} onChange={(v) => setDays(v)} style={{ width: 100 }} data-testid="calendar-calc-days" />
        </label>
      </Space>
      {due.isFetching && !due.data && <Spin size="small" />}
      {due.isError && <ErrorAlert error={due.error} onRetry={() => void due.refetch()} />}
      {due.data && (
        <div data-testid="calendar-calc-result">
          <Typography.Text>{t('calendar.calc.result', { from: due.data.from, days: due.data.days })} </Typography.Text>
          <Typography.Text strong data-testid="calendar-calc-due">
            {due.data.due}
          </Typography.Text>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0', wordBreak: 'break-word' }}>
            {t('calendar.calc.counted', { days: due.data.counted.join('、') })}
          </Typography.Paragraph>
          {due.data.missingYears.length > 0 && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('calendar.calc.missing', { years: due.data.missingYears.join('、') })} />}
        </div>
      )}
    </Card>
  );
}
