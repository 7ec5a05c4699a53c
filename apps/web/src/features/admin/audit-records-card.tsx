import { Button, Card, Empty, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/errors.tsx';
import { dateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { JsonView } from './json-view.tsx';
import { useAuditRecords, type AuditRecord } from './use-system.ts';


const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** UUIDs shortened to their first block (the full id is in the tooltip and the expanded row). */
function shortId(id: string): string {
  return UUID.test(id) ? id.slice(0, 8) : id;
}

/** 最近审计记录: newest first; a row opens to show what changed. */
export function AuditRecordsCard() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const records = useAuditRecords();
  const items = records.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: ColumnsType<AuditRecord> = [
    { key: 'seq', title: t('system.records.seq'), dataIndex: 'seq', width: 72 },
    { key: 'at', title: t('system.records.at'), render: (_, r) => dateTime(r.at, lang), responsive: ['md'] },
    { key: 'actor', title: t('system.records.actor'), dataIndex: 'actorLabel', responsive: ['sm'] },
    { key: 'action', title: t('system.records.action'), render: (_, r) => <Typography.Text code>{r.action}</Typography.Text> },
    {
      key: 'entity',
      title: t('system.records.entity'),
      ellipsis: true,
      render: (_, r) => (
        <span title={r.entityId ?? undefined}>
          {r.entityType}
          {r.entityId && <Typography.Text type="secondary"> · {shortId(r.entityId)}</Typography.Text>}
        </span>
      ),
      responsive: ['lg'],
    },
  ];

  let body;
  if (records.isPending) body = <Skeleton active />;
  else if (records.isError) body = <ErrorAlert error={records.error} onRetry={() => void records.refetch()} />;
  else if (items.length === 0) body = <Empty description={t('system.records.empty')} />;
  else {
    body = (
      <Table<AuditRecord>
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={items}
        pagination={false}
        data-testid="audit-records"
        expandable={{
          expandedRowRender: (r) => (
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12, flexBasis: '100%' }}>
                {dateTime(r.at, lang)} · {r.actorLabel} · {r.entityType} {r.entityId ?? ''} · {t('app.requestId')} {r.requestId ?? '—'} · {t('system.records.hash')} {r.hash.slice(0, 16)}…
              </Typography.Text>
              <JsonView label={t('system.records.before')} value={r.before} />
              <JsonView label={t('system.records.after')} value={r.after} />
            </div>
          ),
        }}
      />
    );
  }

  return (
    <Card title={t('system.records.title')}>
      {body}
      {records.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => void records.fetchNextPage()} loading={records.isFetchingNextPage}>
            {t('app.loadMore')}
          </Button>
        </div>
      )}
    </Card>
  );
}
