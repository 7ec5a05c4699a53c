import { useState, type HTMLAttributes } from 'react';
import { App, Button, Card, Empty, Grid, Popconfirm, Skeleton, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RuleScope } from '@uplift/contract';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { localize } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { hasAnyRole } from '../auth/session.ts';
import { useSession } from '../auth/use-session.ts';
import { useOrgTree } from '../org/use-org.ts';
import { writerRoles } from './performance.ts';
import { RuleFormDrawer } from './rule-form-drawer.tsx';
import { useRules, useToggleRule, type TriggerRule } from './use-rules.ts';

/** Who a rule looks at, in a line: units, positions, grades, tenure and the statuses left out. */
function useScopeText(): (scope: RuleScope) => string {
  const { t } = useTranslation();
  const tree = useOrgTree();
  const names = new Map((tree.data ?? []).map((u) => [u.id, u.name]));
  return (s) => {
    const parts = [s.unitIds.length === 0 ? t('performance.rules.scopeAll') : s.unitIds.map((id) => names.get(id) ?? id).join('、')];
    if (s.positions.length > 0) parts.push(s.positions.join('、'));
    if (s.grades.length > 0) parts.push(`${t('people.columns.grade')} ${s.grades.join('、')}`);
    if (s.minTenureDays > 0) parts.push(t('performance.rules.scopeTenure', { days: s.minTenureDays }));
    if (s.excludeStatuses.length > 0) parts.push(t('performance.rules.scopeExcludes', { statuses: s.excludeStatuses.map((st) => t(`people.statuses.${st}`)).join('、') }));
    return parts.join(' · ');
  };
}

/** The enabled switch: enabling evaluates the rule at once, so it asks first. */
function EnabledSwitch(props: { rule: TriggerRule }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const toggle = useToggleRule();
  const r = props.rule;
  const run = (enabled: boolean) =>
    toggle.mutate(
      { id: r.id, enabled },
      {
        onSuccess: (res) => void message.success(enabled ? t('performance.rules.enabledDone', { count: res.openCandidates }) : t('performance.rules.disabledDone')),
        onError: (err) => void message.error(errorText(err)),
      },
    );
  const sw = <Switch checked={r.enabled} loading={toggle.isPending} disabled={!r.canWrite} onChange={r.enabled ? () => run(false) : undefined} data-testid="rule-enabled" aria-label={t('performance.rules.columns.enabled')} />;
  if (r.enabled || !r.canWrite) return sw;
  return (
    <Popconfirm title={t('performance.rules.enableConfirm')} description={<div style={{ maxWidth: 280 }}>{t('performance.rules.enableConfirmHint')}</div>} okText={t('performance.rules.enable')} cancelText={t('app.cancel')} onConfirm={() => run(true)}>
      {sw}
    </Popconfirm>
  );
}

/** /rules, 预警规则: the trigger rules with their scope, switch and open candidates; create, edit, preview. */
export function RulesPage() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const phone = !Grid.useBreakpoint().md;
  const rules = useRules();
  const scopeText = useScopeText();
  const [editing, setEditing] = useState<{ rule: TriggerRule | null } | null>(null);
  const session = useSession();
  // group HR writes group rules, an HR head their subsidiary's; HRBPs read
  const canCreate = session.data?.status === 'signed-in' && hasAnyRole(session.data.user, writerRoles);

  const candidatesLink = (r: TriggerRule) => (
    <Link to={`/candidates?ruleId=${r.id}`} data-testid="rule-open-candidates" data-count={r.openCandidates}>
      {t('performance.rules.openCandidates', { count: r.openCandidates })}
    </Link>
  );
  const editButton = (r: TriggerRule) =>
    r.canWrite && (
      <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing({ rule: r })} data-testid="rule-edit">
        {t('performance.rules.editShort')}
      </Button>
    );

  const columns: ColumnsType<TriggerRule> = [
    {
      key: 'name',
      title: t('performance.rules.columns.name'),
      render: (_, r) => (
        <div>
          <Typography.Text strong>{r.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {r.ownerUnitName} · v{r.version}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'description',
      title: t('performance.rules.columns.description'),
      render: (_, r) => (
        <div>
          <Tag>{t(`performance.ruleKinds.${r.params.kind}`)}</Tag>
          <span>{localize(r.description, lang)}</span>
        </div>
      ),
    },
    { key: 'scope', title: t('performance.rules.columns.scope'), render: (_, r) => scopeText(r.scope), responsive: ['lg'] },
    { key: 'enabled', title: t('performance.rules.columns.enabled'), render: (_, r) => <EnabledSwitch rule={r} />, width: 72 },
    { key: 'candidates', title: t('performance.rules.columns.candidates'), render: (_, r) => candidatesLink(r), width: 110 },
    { key: 'actions', title: '', render: (_, r) => editButton(r), width: 80 },
  ];

  let body;
  const items = rules.data ?? [];
  if (rules.isPending) body = <Skeleton active paragraph={{ rows: 5 }} />;
  else if (rules.isError) body = <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />;
  else if (items.length === 0) body = <Empty description={t('performance.rules.empty')} data-testid="rules-empty" />;
  else if (phone) {
    body = (
      <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="rules-cards">
        {items.map((r) => (
          <Card key={r.id} size="small" styles={{ body: { padding: 12 } }} data-testid="rule-row" data-name={r.name}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
              <Typography.Text strong style={{ minWidth: 0, wordBreak: 'break-word' }}>
                {r.name}
              </Typography.Text>
              <EnabledSwitch rule={r} />
            </div>
            <Typography.Text style={{ display: 'block', fontSize: 13, wordBreak: 'break-word' }}>{localize(r.description, lang)}</Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, wordBreak: 'break-word' }}>
              {scopeText(r.scope)}
            </Typography.Text>
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 4 }}>
              {candidatesLink(r)}
              {editButton(r)}
            </div>
          </Card>
        ))}
      </Space>
    );
  } else {
    body = <Table<TriggerRule> rowKey="id" size="middle" columns={columns} dataSource={items} pagination={false} onRow={(r) => ({ 'data-testid': 'rule-row', 'data-name': r.name }) as HTMLAttributes<HTMLElement>} data-testid="rules-table" />;
  }

  return (
    <Card
      title={t('performance.rules.title')}
      styles={{ body: { padding: phone ? 12 : 24 } }}
      data-testid="rules-page"
      extra={
        canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ rule: null })} data-testid="rule-create">
            {t('performance.rules.create')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('performance.rules.intro')}</Typography.Paragraph>
      {body}
      <RuleFormDrawer rule={editing?.rule ?? null} open={editing !== null} onClose={() => setEditing(null)} />
    </Card>
  );
}
