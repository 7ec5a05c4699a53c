import { useMemo, useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Modal, Segmented, Select, Skeleton, Space, Statistic, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AckPerson, AckStatus, PolicyVersion } from '@uplift/contract';
import { ACK_CHART_UNITS, ackChartOption } from '../../charts/ack-chart.ts';
import { EChart } from '../../charts/echart.tsx';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { useDownload } from '../imports/use-imports.ts';
import { PersonSelect } from '../people/person-select.tsx';
import { useAckPeople, useAckSummary, useRecordRefusal } from './use-policies.ts';

const statusColor: Record<AckStatus, string> = { confirmed: 'green', refused: 'red', pending: 'default' };

/** HR records a witnessed refusal for a person in scope. */
function RefusalModal(props: { versionId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const refuse = useRecordRefusal(props.versionId);
  const [form] = Form.useForm<{ employeeId: string; witnessEmployeeId: string; note: string }>();
  return (
    <Modal
      open={props.open}
      title={t('policies.acks.refuse')}
      onCancel={props.onClose}
      okButtonProps={{ loading: refuse.isPending }}
      onOk={() =>
        void form.validateFields().then((v) =>
          refuse.mutate(v, {
            onSuccess: () => {
              void message.success(t('policies.acks.refused'));
              form.resetFields();
              props.onClose();
            },
            onError: (err) => void message.error(errorText(err)),
          }),
        )
      }
    >
      <Form form={form} layout="vertical">
        <Form.Item label={t('policies.acks.employee')} name="employeeId" rules={[{ required: true }]}>
          <PersonSelect />
        </Form.Item>
        <Form.Item label={t('policies.acks.witness')} name="witnessEmployeeId" rules={[{ required: true }]}>
          <PersonSelect />
        </Form.Item>
        <Form.Item label={t('policies.acks.note')} name="note" rules={[{ required: true }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Confirmed / refused / pending per unit (chart and counts), the people, and the Excel export. */
export function AckReport(props: { version: PolicyVersion }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const v = props.version;
  const ready = v.state === 'in_force' || v.state === 'superseded';
  const summary = useAckSummary(v.id, ready);
  const [status, setStatus] = useState<AckStatus | 'all'>('all');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [cursors, setCursors] = useState<string[]>([]);
  const people = useAckPeople(v.id, { ...(status !== 'all' && { status }), ...(unitId && { unitId }), ...(cursors.length && { cursor: cursors.at(-1) }) }, ready);
  const download = useDownload();
  const [refusing, setRefusing] = useState(false);
  const labels = useMemo(() => ({ confirmed: t('policies.ackStatuses.confirmed'), refused: t('policies.ackStatuses.refused'), pending: t('policies.ackStatuses.pending') }), [t]);
  const option = useMemo(() => (summary.data ? ackChartOption(summary.data, labels) : null), [summary.data, labels]);

  if (!ready) return <Empty description={t('policies.acks.notYet')} />;
  if (summary.isPending) return <Skeleton active />;
  if (summary.isError) return <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />;
  const s = summary.data;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="ack-report">
      <Space wrap size={24}>
        {(['confirmed', 'refused', 'pending'] as const).map((k) => (
          <Statistic key={k} title={labels[k]} value={s.totals[k]} data-testid={`ack-total-${k}`} />
        ))}
      </Space>
      <Card size="small" title={t('policies.acks.chart')}>
        {option && <EChart option={option} height={Math.max(160, Math.min(s.units.length, ACK_CHART_UNITS) * 32 + 60)} ariaLabel={t('policies.acks.chart')} testId="ack-chart" />}
      </Card>
      <Space wrap>
        <Segmented<AckStatus | 'all'>
          value={status}
          onChange={(x) => {
            setStatus(x);
            setCursors([]);
          }}
          options={[{ value: 'all', label: '∑' }, ...(['confirmed', 'refused', 'pending'] as const).map((k) => ({ value: k, label: labels[k] }))]}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('policies.acks.unit')}
          value={unitId}
          onChange={(u: string | undefined) => {
            setUnitId(u ?? null);
            setCursors([]);
          }}
          options={s.units.map((u) => ({ value: u.unitId, label: u.unitName }))}
          style={{ minWidth: 160, maxWidth: '100%' }}
        />
        <Button icon={<DownloadOutlined />} loading={download.isPending} onClick={() => download.mutate({ path: `/api/policy-versions/${v.id}/acknowledgments/export`, query: { lang }, fallback: 'acknowledgments.xlsx' })} data-testid="ack-export">
          {t('policies.acks.export')}
        </Button>
        {v.state === 'in_force' && <Button onClick={() => setRefusing(true)}>{t('policies.acks.refuse')}</Button>}
      </Space>
      <Table<AckPerson>
        size="small"
        rowKey="employeeId"
        loading={people.isPending}
        dataSource={people.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { key: 'name', title: t('policies.acks.people'), render: (_, p) => `${p.name}（${p.employeeNo}）` },
          { key: 'unit', title: t('policies.acks.unit'), dataIndex: 'unitName', responsive: ['sm'] },
          { key: 'status', title: t('policies.acks.status'), render: (_, p) => <Tag color={statusColor[p.status]}>{labels[p.status]}</Tag> },
          { key: 'at', title: t('policies.acks.at'), render: (_, p) => (p.at ? new Date(p.at).toLocaleString(lang) : ''), responsive: ['md'] },
        ]}
      />
      <Space>
        {cursors.length > 0 && <Button onClick={() => setCursors(cursors.slice(0, -1))}>←</Button>}
        {people.data?.nextCursor && <Button onClick={() => setCursors([...cursors, people.data.nextCursor!])}>{t('app.loadMore')}</Button>}
      </Space>
      <RefusalModal versionId={v.id} open={refusing} onClose={() => setRefusing(false)} />
    </Space>
  );
}
