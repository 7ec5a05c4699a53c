import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';
import { useLocation } from 'react-router';
import { useScrollIntoView } from '../checkins/use-hash-target.ts';

/**
 * A card of the plan page: its title, a short grey introduction and its content. With `anchor`,
 * a link's `#<anchor.id>` (a to-do, a notification) scrolls to it once it is `ready`.
 */
export function SectionCard(props: { title: ReactNode; testId: string; intro: ReactNode; extra?: ReactNode; anchor?: { id: string; ready: boolean }; children: ReactNode }) {
  const { hash } = useLocation();
  const ref = useScrollIntoView<HTMLDivElement>(props.anchor !== undefined && props.anchor.ready && hash === `#${props.anchor.id}`);
  const card = (
    <Card size="small" title={props.title} data-testid={props.testId} extra={props.extra}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {props.intro}
      </Typography.Paragraph>
      {props.children}
    </Card>
  );
  if (!props.anchor) return card;
  return (
    <div id={props.anchor.id} ref={ref} style={{ scrollMarginTop: 72 }}>
      {card}
    </div>
  );
}
