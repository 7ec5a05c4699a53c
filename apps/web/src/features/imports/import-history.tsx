import { Button, Card, Empty, Grid, Skeleton, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ImportBatch } from '@uplift/contract';
import { ErrorAlert } from '../../app/errors.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { dateTime } from '../../i18n/format.ts';
import { ImportStatusTag } from './import-status-tag.tsx';
import { useImportHistory } from './use-imports.ts';

/** Past imports, newest first (all of them for group HR, one's own for others): a table, cards on phones. */
export function ImportHistory() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const navigate = useNavigate();
  const phone = !Grid.useBreakpoint().md;
  const history = useImportHistory();
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];
  const open = (b: ImportBatch) => void navigate(`/imports/${b.id}`);
  const counts = (b: ImportBatch) => (
    <>
      {t('imports.history.countsText', { rows: b.counts.rows, create: b.counts.create, update: b.counts.update })}
      {b.counts.errors > 0 && (
        <Typography.Text type="danger" style={{ fontSize: 'inherit' }}>
          {' · '}
          {t('imports.history.errorsText', { count: b.counts.errors })}
        </Typography.Text>
      )}
    </>
  );

  const columns: ColumnsType<ImportBatch> = [
    { key: 'type', title: t('imports.history.type'), render: (_, b) => t(`imports.types.${b.type}`), width: 96 },
    {
      key: 'file',
      title: t('imports.history.file'),
      ellipsis: true,
      render: (_, b) => (
        <Link to={`/imports/${b.id}`} onClick={(e) => e.stopPropagation()}>
          {b.fileName}
        </Link>
      ),
    },
    { key: 'status', title: t('imports.history.status'), render: (_, b) => <ImportStatusTag status={b.status} />, width: 100 },
    { key: 'counts', title: t('imports.history.counts'), render: (_, b) => counts(b), responsive: ['lg'] },
    { key: 'by', title: t('imports.history.createdBy'), render: (_, b) => b.createdBy.username, width: 120, ellipsis: true },
    { key: 'at', title: t('imports.history.createdAt'), render: (_, b) => dateTime(b.createdAt, lang), width: 170 },
  ];

  let body;
  if (history.isPending) body = <Skeleton active paragraph={{ rows: 4 }} />;
  else if (history.isError) body = <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />;
  else if (items.length === 0) body = <Empty description={t('imports.history.empty')} data-testid="import-history-empty" />;
  else if (phone) {
    body = (
      <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="import-history-cards">
        {items.map((b) => (
          <Card key={b.id} size="small" hoverable onClick={() => open(b)} styles={{ body: { padding: 12 } }} data-testid="import-history-item" data-id={b.id}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
              <Typography.Text strong style={{ minWidth: 0, flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {b.fileName}
              </Typography.Text>
              <ImportStatusTag status={b.status} />
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 13, display: 'block' }}>
              {t(`imports.types.${b.type}`)} · {counts(b)}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {b.createdBy.username} · {dateTime(b.createdAt, lang)}
            </Typography.Text>
          </Card>
        ))}
      </Space>
    );
  } else {
    body = (
      <Table<ImportBatch>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        pagination={false}
        onRow={(b) => ({ onClick: () => open(b), style: { cursor: 'pointer' } })}
        data-testid="import-history-table"
      />
    );
  }

  return (
    <Card title={t('imports.history.title')} styles={{ body: { padding: phone ? 12 : 24 } }} data-testid="import-history">
      {body}
      {history.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage} data-testid="import-history-more">
            {t('app.loadMore')}
          </Button>
        </div>
      )}
    </Card>
  );
}
