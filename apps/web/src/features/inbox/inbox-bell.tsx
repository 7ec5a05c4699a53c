import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUnreadCount } from './use-inbox.ts';

/** The header bell: unread count as a badge, opens the inbox. */
export function InboxBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const count = useUnreadCount();
  const unread = count.data?.unread ?? 0;
  return (
    <Button type="text" onClick={() => void navigate('/inbox')} aria-label={t('inbox.bell', { count: unread })} data-testid="inbox-bell" data-unread={unread}>
      <span style={{ position: 'relative', display: 'inline-flex', fontSize: 18 }}>
        <BellOutlined />
        {unread > 0 && (
          <span style={{ position: 'absolute', top: -7, insetInlineStart: 9 }}>
            <Badge count={unread} overflowCount={99} size="small" data-testid="inbox-unread-count" data-count={unread} />
          </span>
        )}
      </span>
    </Button>
  );
}
