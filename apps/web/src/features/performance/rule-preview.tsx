import { Alert, Collapse, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { rulePreviewSchema } from '@uplift/contract';
import { localize } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { EvidenceView } from './evidence-view.tsx';

/** The answer of POST /api/performance/rules/preview (the contract exports no type for it). */
export type RulePreview = ReturnType<typeof rulePreviewSchema.parse>;

/** "这条规则现在会标记 N 名员工", and the sample with each person's evidence a click away. */
export function RulePreviewResult(props: { preview: RulePreview }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { matches, items } = props.preview;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="rule-preview">
      <Alert
        type={matches > 0 ? 'warning' : 'success'}
        showIcon
        title={<span data-testid="rule-preview-count" data-count={matches}>{t('performance.rules.previewCount', { count: matches })}</span>}
        description={matches > items.length ? t('performance.rules.previewSample', { count: items.length }) : undefined}
      />
      {items.length > 0 && (
        <Collapse
          size="small"
          items={items.map((it) => ({
            key: it.employee.id,
            label: (
              <div style={{ minWidth: 0 }} data-testid="rule-preview-item" data-employee={it.employee.employeeNo}>
                <Typography.Text strong>
                  {it.employee.name} · {it.employee.employeeNo}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, wordBreak: 'break-word' }}>
                  {it.employee.unitName} · {it.employee.position} — {localize(it.evidence.description, lang)}
                </Typography.Text>
              </div>
            ),
            children: <EvidenceView evidence={it.evidence} compact />,
          }))}
        />
      )}
    </Space>
  );
}
