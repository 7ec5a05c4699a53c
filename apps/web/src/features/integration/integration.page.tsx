import { Space, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ServiceAccountsCard } from './service-accounts-card.tsx';
import { useSimStatus } from './use-wecom.ts';
import { WebhooksCard } from './webhooks-card.tsx';
import { WecomSimCard } from './wecom-sim-card.tsx';
import { WecomSyncCard } from './wecom-sync-card.tsx';

const TABS = ['accounts', 'webhooks', 'wecom'] as const;
type Tab = (typeof TABS)[number];

/** 企业微信: the contact sync, and the simulator's knobs when the simulator stands in for WeCom. */
function WecomTab() {
  const sim = useSimStatus();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <WecomSyncCard />
      {sim.isSuccess && <WecomSimCard status={sim.data} />}
    </Space>
  );
}

/**
 * /admin/integration (sys_admin, group HR): service accounts with their API tokens, webhooks,
 * and WeCom (contact sync; the simulator's knobs in simulator mode). Three tabs fit a phone.
 */
export function IntegrationPage() {
  const { t } = useTranslation();
  // the tab lives in the address, so a reload or a shared link opens it again
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((k) => k === params.get('tab')) ?? 'accounts';
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => setParams(k === 'accounts' ? {} : { tab: k }, { replace: true })}
      items={[
        { key: 'accounts', label: <span data-testid="tab-accounts">{t('integration.tabs.accounts')}</span>, children: <ServiceAccountsCard /> },
        { key: 'webhooks', label: <span data-testid="tab-webhooks">{t('integration.tabs.webhooks')}</span>, children: <WebhooksCard /> },
        { key: 'wecom', label: <span data-testid="tab-wecom">{t('wecom.tabs.wecom')}</span>, children: <WecomTab /> },
      ]}
    />
  );
}
