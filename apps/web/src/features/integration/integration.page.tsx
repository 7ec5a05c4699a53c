import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ServiceAccountsCard } from './service-accounts-card.tsx';
import { useSimStatus } from './use-wecom.ts';
import { WebhooksCard } from './webhooks-card.tsx';
import { WecomSimCard } from './wecom-sim-card.tsx';
import { WecomSyncCard } from './wecom-sync-card.tsx';

const TABS = ['accounts', 'webhooks', 'wecom-sync', 'wecom-sim'] as const;
type Tab = (typeof TABS)[number];

/**
 * /admin/integration (sys_admin, group HR): service accounts with their API tokens, webhooks,
 * the WeCom contact sync, and the simulator's knobs when the simulator stands in for WeCom.
 */
export function IntegrationPage() {
  const { t } = useTranslation();
  // the tab lives in the address, so a reload or a shared link opens it again
  const [params, setParams] = useSearchParams();
  const sim = useSimStatus();
  const asked = params.get('tab');
  const tab: Tab = TABS.find((k) => k === asked && (k !== 'wecom-sim' || sim.isSuccess)) ?? 'accounts';
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => setParams(k === 'accounts' ? {} : { tab: k }, { replace: true })}
      items={[
        { key: 'accounts', label: <span data-testid="tab-accounts">{t('integration.tabs.accounts')}</span>, children: <ServiceAccountsCard /> },
        { key: 'webhooks', label: <span data-testid="tab-webhooks">{t('integration.tabs.webhooks')}</span>, children: <WebhooksCard /> },
        { key: 'wecom-sync', label: <span data-testid="tab-wecom-sync">{t('wecom.tabs.sync')}</span>, children: <WecomSyncCard /> },
        ...(sim.isSuccess ? [{ key: 'wecom-sim', label: <span data-testid="tab-wecom-sim">{t('wecom.tabs.sim')}</span>, children: <WecomSimCard status={sim.data} /> }] : []),
      ]}
    />
  );
}
