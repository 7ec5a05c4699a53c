import { useEffect, useState } from 'react';
import { Grid, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { ImportRowError } from '@uplift/contract';
import { ErrorAlert } from '../../app/errors.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { rowErrorText } from './imports.ts';
import { useImportErrors } from './use-imports.ts';

const PAGE_SIZE = 20;

/**
 * A batch's row errors, PAGE_SIZE a page. The server pages by cursor, so a page further on is
 * reached by loading the pages before it (a few hundred errors at a time); the table is handed
 * one page, as with server-side paging.
 */
export function ImportErrorsTable(props: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const phone = !Grid.useBreakpoint().md;
  const errors = useImportErrors(props.id, true);
  const [page, setPage] = useState(1);
  const items = errors.data?.pages.flatMap((p) => p.items) ?? [];
  const total = errors.data?.pages[0]?.total ?? 0;
  const short = items.length < page * PAGE_SIZE && items.length < total;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = errors;
  useEffect(() => {
    if (short && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [short, hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (errors.isError) return <ErrorAlert error={errors.error} onRetry={() => void errors.refetch()} />;
  const blank = <Typography.Text type="secondary">{t('imports.errors.blank')}</Typography.Text>;
  const columnName = (e: ImportRowError) => e.header ?? e.column ?? t('imports.errors.wholeRow');
  const columns: ColumnsType<ImportRowError> = phone
    ? [
        { key: 'row', title: t('imports.errors.row'), dataIndex: 'rowNumber', width: 56 },
        {
          key: 'what',
          title: t('imports.errors.message'),
          render: (_, e) => (
            <div style={{ wordBreak: 'break-word' }}>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {columnName(e)} · {e.value ?? t('imports.errors.blank')}
              </Typography.Text>
              <span data-testid="import-error-message">{rowErrorText(e, lang)}</span>
            </div>
          ),
        },
      ]
    : [
        { key: 'row', title: t('imports.errors.row'), dataIndex: 'rowNumber', width: 72 },
        { key: 'column', title: t('imports.errors.column'), render: (_, e) => columnName(e), width: 160, ellipsis: true },
        { key: 'value', title: t('imports.errors.value'), render: (_, e) => e.value ?? blank, width: 200, ellipsis: true },
        { key: 'message', title: t('imports.errors.message'), render: (_, e) => <span data-testid="import-error-message">{rowErrorText(e, lang)}</span> },
      ];

  return (
    <div data-testid="import-errors">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('imports.errors.title')}
        <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal', marginInlineStart: 8 }} data-testid="import-errors-total" data-total={total}>
          {t('imports.errors.total', { count: total })}
        </Typography.Text>
      </Typography.Title>
      <Table<ImportRowError>
        rowKey={(e) => `${e.rowNumber}:${e.column ?? ''}:${e.code}`}
        size="small"
        columns={columns}
        dataSource={items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)}
        loading={errors.isPending || short}
        pagination={{ current: page, pageSize: PAGE_SIZE, total, onChange: setPage, showSizeChanger: false, size: 'small', simple: phone }}
        data-testid="import-errors-table"
      />
    </div>
  );
}
