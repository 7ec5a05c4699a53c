import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { Card, Empty, Skeleton } from 'antd';
import { ErrorAlert } from '../../app/errors.tsx';

/** One workbench section: a card marked `m-<id>` (its items carry their own test ids). */
export function Section(props: { id: string; title: ReactNode; extra?: ReactNode; state?: 'loading' | 'error' | 'empty' | 'ready'; children: ReactNode }) {
  return (
    <Card size="small" title={props.title} extra={props.extra} data-testid={`m-${props.id}`} data-state={props.state} styles={{ body: { paddingBlock: 4 } }}>
      {props.children}
    </Card>
  );
}

/**
 * A section over one query: a skeleton while it loads, the error with a retry, an empty state
 * (or nothing at all when `hideWhenEmpty`), else `children` with the items `pick` chose.
 */
export function QuerySection<T, I>(props: {
  id: string;
  title: ReactNode;
  extra?: ReactNode;
  query: UseQueryResult<T>;
  pick: (data: T) => readonly I[];
  empty: string;
  hideWhenEmpty?: boolean;
  children: (items: readonly I[], data: T) => ReactNode;
}) {
  const q = props.query;
  const items = q.data === undefined ? [] : props.pick(q.data);
  const state = q.isPending ? 'loading' : q.isError ? 'error' : items.length === 0 ? 'empty' : 'ready';
  if (state === 'empty' && props.hideWhenEmpty) return null;
  return (
    <Section id={props.id} title={props.title} extra={props.extra} state={state}>
      {state === 'loading' ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : state === 'error' ? (
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      ) : state === 'empty' || q.data === undefined ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.empty} />
      ) : (
        props.children(items, q.data)
      )}
    </Section>
  );
}
