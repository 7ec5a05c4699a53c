import type { Key, ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Empty, List, Skeleton } from 'antd';
import { ErrorAlert } from './errors.tsx';

export type QueryListState = 'loading' | 'error' | 'empty' | 'ready';

/** The rows of a list over one query: which items of its answer, and how each is keyed and drawn. */
export type QueryListProps<T, I> = {
  query: UseQueryResult<T>;
  pick: (data: T) => readonly I[];
  /** what the empty state says, and its test id */
  empty: string;
  emptyTestId?: string;
  rowKey: (item: I) => Key;
  renderItem: (item: I) => ReactNode;
  /** the list's test id, once it has rows */
  listTestId?: string;
};

/** Where a list over a query stands, with the items `pick` chose (none until it answers). */
export function queryListState<T, I>(query: UseQueryResult<T>, pick: (data: T) => readonly I[]): { state: QueryListState; items: readonly I[] } {
  const items = query.data === undefined ? [] : pick(query.data);
  const state = query.isPending ? 'loading' : query.isError ? 'error' : items.length === 0 ? 'empty' : 'ready';
  return { state, items };
}

/** A small list over a query: a skeleton while it loads, the error with a retry, the empty state, else a row per item. */
export function QueryList<T, I>(props: QueryListProps<T, I>) {
  const q = props.query;
  const { state, items } = queryListState(q, props.pick);
  switch (state) {
    case 'loading':
      return <Skeleton active paragraph={{ rows: 2 }} />;
    case 'error':
      return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
    case 'empty':
      return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.empty} data-testid={props.emptyTestId} />;
    case 'ready':
      return <List size="small" dataSource={[...items]} rowKey={props.rowKey} renderItem={props.renderItem} data-testid={props.listTestId} />;
    default: {
      const never: never = state;
      return never;
    }
  }
}
