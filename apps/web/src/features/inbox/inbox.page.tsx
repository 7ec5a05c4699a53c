import { useState } from 'react';
import { App, Button, Card, Empty, Grid, Skeleton, Tabs } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '@uplift/contract';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { openLink } from '../../app/open-link.ts';
import { InboxItemRow } from './inbox-item.tsx';
import { useInbox, useMarkRead, useUnreadCount } from './use-inbox.ts';

type Filter = 'all' | 'unread';

/** /inbox: my notifications, all or unread, newest first. */
export function InboxPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const phone = !Grid.useBreakpoint().md;
  const [filter, setFilter] = useState<Filter>('all');
  const inbox = useInbox(filter === 'unread');
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const items = inbox.data?.pages.flatMap((p) => p.items) ?? [];
  const now = new Date();

  // opening an item (or one of its actions) marks it read and follows the link
  const follow = (item: InboxItem, link: string | null) => {
    if (item.readAt === null) markRead.mutate({ ids: [item.id] }, { onError: (err) => void message.error(errorText(err)) });
    if (link) openLink(link, navigate);
  };

  const markAll = () =>
    markRead.mutate({ all: true }, {
      onSuccess: () => void message.success(t('inbox.markedAllRead')),
      onError: (err) => void message.error(errorText(err)),
    });

  let body;
  if (inbox.isPending) body = <Skeleton active paragraph={{ rows: 4 }} />;
  else if (inbox.isError) body = <ErrorAlert error={inbox.error} onRetry={() => void inbox.refetch()} />;
  else if (items.length === 0) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filter === 'unread' ? t('inbox.emptyUnread') : t('inbox.empty')} data-testid="inbox-empty" />;
  else {
    body = (
      <div data-testid="inbox-list">
        {items.map((item) => (
          <InboxItemRow key={item.id} item={item} now={now} onOpen={(i) => follow(i, i.link)} onAction={follow} />
        ))}
        {inbox.hasNextPage && (
          <div style={{ textAlign: 'center', marginTop: 12 }}>
            <Button onClick={() => void inbox.fetchNextPage()} loading={inbox.isFetchingNextPage} data-testid="inbox-load-more">
              {t('app.loadMore')}
            </Button>
          </div>
        )}
      </div>
    );
  }

  return (
    <Card title={t('inbox.title')} style={{ maxWidth: 880, margin: '0 auto' }} styles={{ body: { paddingTop: 0, paddingInline: phone ? 8 : 24 } }}>
      <Tabs
        activeKey={filter}
        onChange={(k) => setFilter(k === 'unread' ? 'unread' : 'all')}
        items={[
          { key: 'all', label: <span data-testid="inbox-tab-all">{t('inbox.all')}</span> },
          { key: 'unread', label: <span data-testid="inbox-tab-unread">{t('inbox.unread')}</span> },
        ]}
        tabBarExtraContent={
          <Button size="small" icon={<CheckOutlined />} onClick={markAll} loading={markRead.isPending && markRead.variables && 'all' in markRead.variables} disabled={(unread.data?.unread ?? 0) === 0} data-testid="mark-all-read">
            {t('inbox.markAllRead')}
          </Button>
        }
      />
      {body}
    </Card>
  );
}
