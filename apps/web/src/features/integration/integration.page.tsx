import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ServiceAccountsCard } from './service-accounts-card.tsx';
import { WebhooksCard } from './webhooks-card.tsx';

type Tab = 'accounts' | 'webhooks';

/** /admin/integration (sys_admin, group HR): service accounts with their API tokens, and webhooks. */
export function IntegrationPage() {
  const { t } = useTranslation();
  // the tab lives in the address, so a reload or a shared link opens it again
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'webhooks' ? 'webhooks' : 'accounts';
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => setParams(k === 'webhooks' ? { tab: 'webhooks' } : {}, { replace: true })}
      items={[
        { key: 'accounts', label: <span data-testid="tab-accounts">{t('integration.tabs.accounts')}</span>, children: <ServiceAccountsCard /> },
        { key: 'webhooks', label: <span data-testid="tab-webhooks">{t('integration.tabs.webhooks')}</span>, children: <WebhooksCard /> },
      ]}
    />
  );
}
