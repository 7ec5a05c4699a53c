import { Card, Grid, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { GroupTemplateTab } from './group-template-tab.tsx';
import { OverridesTab } from './overrides-tab.tsx';
import { PreviewTab } from './preview-tab.tsx';

const tabs = ['group', 'overrides', 'preview'] as const;
type Tab = (typeof tabs)[number];
const isTab = (v: string | null): v is Tab => v !== null && (tabs as readonly string[]).includes(v);

/** /templates, 流程模板: the group template, units' overrides and the effective preview; the tab, unit and employee live in the URL. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const phone = !Grid.useBreakpoint().md;
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : 'group';
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  return (
    <Card title={t('templates.title')} styles={{ body: { padding: phone ? 12 : 24 } }} data-testid="templates-page">
      <Typography.Paragraph type="secondary">{t('templates.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k })}
        items={[
          { key: 'group', label: <span data-testid="tab-group">{t('templates.tabs.group')}</span>, children: <GroupTemplateTab /> },
          { key: 'overrides', label: <span data-testid="tab-overrides">{t('templates.tabs.overrides')}</span>, children: <OverridesTab unitId={params.get('unit')} onUnit={(id) => set({ unit: id })} /> },
          { key: 'preview', label: <span data-testid="tab-preview">{t('templates.tabs.preview')}</span>, children: <PreviewTab employeeId={params.get('employee')} onEmployee={(id) => set({ employee: id })} /> },
        ]}
      />
    </Card>
  );
}
