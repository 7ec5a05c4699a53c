import { useState, type HTMLAttributes } from 'react';
import { App, Button, Card, Empty, Grid, Popconfirm, Select, Skeleton, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { cycleTypes } from '@uplift/contract';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { hasAnyRole, hrRoles } from '../auth/session.ts';
import { useSession } from '../auth/use-session.ts';
import { CreateCycleModal } from './create-cycle-modal.tsx';
import { writerRoles } from './performance.ts';
import { CycleStatusTag } from './performance-tags.tsx';
import { useCloseCycle, useCycles, type Cycle, type CycleType } from './use-performance.ts';

/** 关闭: asks first, saying that results become final and the rules of the cycle's type run. */
function CloseButton(props: { cycle: Cycle }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const close = useCloseCycle();
  return (
    <Popconfirm
      title={t('performance.cycles.closeConfirm', { name: props.cycle.name })}
      description={<div style={{ maxWidth: 300 }}>{t('performance.cycles.closeHint')}</div>}
      okText={t('performance.cycles.close')}
      cancelText={t('app.cancel')}
      onConfirm={() =>
        close.mutateAsync(props.cycle.id).then(
          () => void message.success(t('performance.cycles.closed', { name: props.cycle.name })),
          (err: unknown) => void message.error(errorText(err)),
        )
      }
    >
      <Button size="small" loading={close.isPending} data-testid="cycle-close">
        {t('performance.cycles.close')}
      </Button>
    </Popconfirm>
  );
}

/** /cycles, 考核周期: the cycles newest first, filtered by type; HR opens and closes them. */
export function CyclesPage() {
  const { t } = useTranslation();
  const phone = !Grid.useBreakpoint().md;
  const session = useSession();
  const [type, setType] = useState<CycleType | null>(null);
  const cycles = useCycles(type);
  const [creating, setCreating] = useState(false);
  const user = session.data?.status === 'signed-in' ? session.data.user : null;
  const canCreate = user !== null && hasAnyRole(user, writerRoles);
  const canClose = user !== null && hasAnyRole(user, hrRoles);
  const items = cycles.data ?? [];

  const closeAction = (c: Cycle) => (c.status === 'open' && canClose ? <CloseButton cycle={c} /> : null);
  const columns: ColumnsType<Cycle> = [
    { key: 'code', title: t('performance.cycles.code'), dataIndex: 'code', width: 110 },
    { key: 'name', title: t('performance.cycles.name'), dataIndex: 'name' },
    { key: 'type', title: t('performance.cycles.type'), render: (_, c) => t(`performance.cycleTypes.${c.type}`), width: 90 },
    { key: 'owner', title: t('performance.cycles.owner'), dataIndex: 'ownerUnitName', ellipsis: true, responsive: ['lg'] },
    { key: 'dates', title: t('performance.cycles.dates'), render: (_, c) => `${c.startDate} ~ ${c.endDate}`, width: 210 },
    { key: 'grades', title: t('performance.cycles.grades'), render: (_, c) => c.grades.join(' / '), responsive: ['xl'] },
    { key: 'results', title: t('performance.cycles.results'), render: (_, c) => c.results ?? '—', align: 'right', width: 80 },
    { key: 'status', title: t('performance.cycles.status'), render: (_, c) => <CycleStatusTag status={c.status} />, width: 90 },
    { key: 'actions', title: '', render: (_, c) => closeAction(c), width: 80 },
  ];

  let body;
  if (cycles.isPending) body = <Skeleton active paragraph={{ rows: 5 }} />;
  else if (cycles.isError) body = <ErrorAlert error={cycles.error} onRetry={() => void cycles.refetch()} />;
  else if (items.length === 0) body = <Empty description={t('performance.cycles.empty')} data-testid="cycles-empty" />;
  else if (phone) {
    body = (
      <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="cycles-cards">
        {items.map((c) => (
          <Card key={c.id} size="small" styles={{ body: { padding: 12 } }} data-testid="cycle-row" data-code={c.code}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
              <Typography.Text strong style={{ minWidth: 0, wordBreak: 'break-word' }}>
                {c.name} <Typography.Text type="secondary">{c.code}</Typography.Text>
              </Typography.Text>
              <CycleStatusTag status={c.status} />
            </div>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
              {t(`performance.cycleTypes.${c.type}`)} · {c.startDate} ~ {c.endDate}
            </Typography.Text>
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 4, gap: 8 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12, minWidth: 0, wordBreak: 'break-word' }}>
                {c.ownerUnitName} · {t('performance.cycles.resultsCount', { count: c.results ?? 0 })}
              </Typography.Text>
              {closeAction(c)}
            </div>
          </Card>
        ))}
      </Space>
    );
  } else {
    body = <Table<Cycle> rowKey="id" size="middle" columns={columns} dataSource={items} pagination={false} onRow={(c) => ({ 'data-testid': 'cycle-row', 'data-code': c.code }) as HTMLAttributes<HTMLElement>} data-testid="cycles-table" />;
  }

  return (
    <Card
      title={t('performance.cycles.title')}
      styles={{ body: { padding: phone ? 12 : 24 } }}
      data-testid="cycles-page"
      extra={
        canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="cycle-create">
            {t('performance.cycles.create')}
          </Button>
        )
      }
    >
      <div style={{ marginBottom: 12, maxWidth: 200 }}>
        <Select<CycleType>
          allowClear
          value={type ?? undefined}
          onChange={(v) => setType(v ?? null)}
          options={cycleTypes.map((c) => ({ value: c, label: t(`performance.cycleTypes.${c}`) }))}
          placeholder={t('performance.cycles.allTypes')}
          style={{ width: '100%' }}
          data-testid="cycles-type"
        />
      </div>
      {body}
      {canCreate && <CreateCycleModal open={creating} onClose={() => setCreating(false)} />}
    </Card>
  );
}
