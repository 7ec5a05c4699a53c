import type { ReactNode } from 'react';
import { List } from 'antd';
import { useScrollIntoView } from './use-hash-target.ts';

/**
 * A list row a link's `#<anchor>` lands on (a to-do, a WeCom card): scrolled into view once the
 * page is `ready`, marked with a bar while it is the target. `data` are its data-* attributes.
 */
export function TargetedItem(props: { anchor: string; targeted: boolean; ready?: boolean; data: Record<`data-${string}`, string | boolean>; children: ReactNode }) {
  const ref = useScrollIntoView<HTMLDivElement>(props.targeted && (props.ready ?? true));
  return (
    <List.Item style={{ display: 'block', paddingInline: 0, scrollMarginTop: 72 }}>
      <div ref={ref} id={props.anchor} {...props.data} style={{ minWidth: 0, wordBreak: 'break-word', ...(props.targeted ? { borderInlineStart: '3px solid #1677ff', paddingInlineStart: 8 } : {}) }}>
        {props.children}
      </div>
    </List.Item>
  );
}
