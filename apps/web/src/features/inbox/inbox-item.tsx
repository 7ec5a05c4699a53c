import { Button, Space, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '@uplift/contract';
import { dateTime, localize, relativeTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';

// read by screen readers, not shown (the dot says it to the eye)
const visuallyHidden = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

/**
 * One notification: opening it marks it read and follows its link. The row is clickable as a
 * whole; for keyboards and screen readers the title and body are the button, next to (not
 * around) the action buttons.
 */
export function InboxItemRow(props: { item: InboxItem; now: Date; onOpen: (item: InboxItem) => void; onAction: (item: InboxItem, link: string) => void }) {
  const { item } = props;
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { token } = theme.useToken();
  const unread = item.readAt === null;

  return (
    <div
      data-testid="inbox-item"
      data-read={unread ? 'false' : 'true'}
      onClick={() => props.onOpen(item)}
      style={{
        display: 'flex',
        gap: 10,
        padding: 12,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        cursor: 'pointer',
        background: unread ? token.colorPrimaryBg : 'transparent',
        borderRadius: token.borderRadiusSM,
      }}
    >
      <span
        data-testid={unread ? 'inbox-unread-dot' : undefined}
        style={{ flex: '0 0 8px', height: 8, marginTop: 8, borderRadius: 4, background: unread ? token.colorPrimary : 'transparent' }}
      />
      <div style={{ flex: 1, minWidth: 0 }}>
        <div
          role="button"
          tabIndex={0}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              props.onOpen(item);
            }
          }}
          style={{ outlineOffset: 4 }}
        >
          <div style={{ display: 'flex', gap: 8, alignItems: 'baseline' }}>
            {unread && <span style={visuallyHidden}>{t('inbox.unreadDot')}</span>}
            <Typography.Text strong={unread} style={{ flex: 1, minWidth: 0 }} ellipsis data-testid="inbox-item-title">
              {localize(item.title, lang)}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }} title={dateTime(item.createdAt, lang)}>
              {relativeTime(item.createdAt, props.now, lang, t('time.justNow'))}
            </Typography.Text>
          </div>
          {item.body && (
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 13 }} ellipsis={{ rows: 2 }}>
              {localize(item.body, lang)}
            </Typography.Paragraph>
          )}
        </div>
        {item.actions.length > 0 && (
          <Space size={8} wrap style={{ marginTop: 8 }}>
            {item.actions.map((a) => (
              <Button
                key={a.key}
                size="small"
                data-testid={`inbox-action-${a.key}`}
                disabled={a.link === null}
                onClick={(e) => {
                  e.stopPropagation();
                  if (a.link) props.onAction(item, a.link);
                }}
              >
                {localize(a.label, lang)}
              </Button>
            ))}
          </Space>
        )}
      </div>
    </div>
  );
}
