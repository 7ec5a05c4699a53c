import type { ReactNode } from 'react';
import { Card } from 'antd';
import { QueryList, queryListState, type QueryListProps, type QueryListState } from '../../app/query-list.tsx';

/** One workbench section: a card marked `m-<id>` (its items carry their own test ids). */
export function Section(props: { id: string; title: ReactNode; extra?: ReactNode; state?: QueryListState; children: ReactNode }) {
  return (
    <Card size="small" title={props.title} extra={props.extra} data-testid={`m-${props.id}`} data-state={props.state} styles={{ body: { paddingBlock: 4 } }}>
      {props.children}
    </Card>
  );
}

/**
 * A section listing one query's items, with its loading, error and empty states (`data-state`
 * says which); with `hideWhenEmpty` a section with nothing is left out instead.
 */
export function QuerySection<T, I>(props: { id: string; title: ReactNode; extra?: ReactNode; hideWhenEmpty?: boolean } & QueryListProps<T, I>) {
  const { id, title, extra, hideWhenEmpty, ...list } = props;
  const { state } = queryListState(list.query, list.pick);
  if (state === 'empty' && hideWhenEmpty) return null;
  return (
    <Section id={id} title={title} extra={extra} state={state}>
      <QueryList {...list} />
    </Section>
  );
}
