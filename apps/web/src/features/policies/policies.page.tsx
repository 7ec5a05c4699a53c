import { Alert, App, Button, Card, Empty, List, Skeleton, Space, Typography } from 'antd';
import { PlusOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { defaultPolicySettings, policySectionKeys, type PolicyOwner, type PolicySections } from '@uplift/contract';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { useApi } from '../../app/api-context.tsx';
import { policyVersionSchema } from '@uplift/contract';
import { PolicyStateTag } from './state-tag.tsx';
import { useCreateVersion, usePolicyOwners } from './use-policies.ts';

const emptySections = Object.fromEntries(policySectionKeys.map((k) => [k, ''])) as PolicySections;

/** One owner: its version in force and its versions, and "draft a new version" for writers. */
function OwnerCard(props: { owner: PolicyOwner; groupInForceId: string | null }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const api = useApi();
  const create = useCreateVersion();
  const o = props.owner;
  const open = o.versions.find((v) => v.state === 'draft' || v.state === 'in_review');

  // a new version starts from the latest one; a subsidiary's first from the group's in force
  // (already inside its bounds), else the defaults
  const draft = async () => {
    const from = o.versions[0]?.id ?? (o.unitType === 'group' ? null : props.groupInForceId);
    const base = from ? await api.get(`/api/policy-versions/${from}`, policyVersionSchema) : null;
    create.mutate(
      { ownerId: o.unitId, body: { title: o.versions[0] && base ? base.title : `${o.unitName}绩效改进制度`, sections: base?.sections ?? emptySections, settings: base?.settings ?? defaultPolicySettings, reminderDays: base?.reminderDays ?? [3, 7] } },
      { onSuccess: (v) => void navigate(`/policies/versions/${v.id}`), onError: (err) => void message.error(errorText(err)) },
    );
  };

  return (
    <Card
      size="small"
      title={<span style={{ overflowWrap: 'anywhere' }}>{o.unitName}</span>}
      data-testid="policy-owner"
      data-name={o.unitName}
      extra={
        <Space wrap size={4}>
          {o.inForce && (
            <Link to={`/policies/${o.unitId}/qa`}>
              <QuestionCircleOutlined /> {t('policies.list.qa')}
            </Link>
          )}
          {o.canWrite && !open && (
            <Button size="small" icon={<PlusOutlined />} loading={create.isPending} onClick={() => void draft()} data-testid="policy-new-version">
              {t('policies.list.newVersion')}
            </Button>
          )}
        </Space>
      }
    >
      {o.boundsIssues.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('policies.list.outOfBounds')} description={o.boundsIssues.map((i) => i.messages[lang]).join('；')} data-testid="policy-out-of-bounds" />
      )}
      <Typography.Text type="secondary">{o.inForce ? `${t('policies.list.inForce')}：${t('policies.list.version', { n: o.inForce.version })} · ${o.inForce.title}` : t('policies.list.none')}</Typography.Text>
      <List
        size="small"
        dataSource={o.versions}
        locale={{ emptyText: ' ' }}
        renderItem={(v) => (
          <List.Item data-testid="policy-version-row" data-version={v.version}>
            <Link to={`/policies/versions/${v.id}`} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
              {t('policies.list.version', { n: v.version })} · {v.title}
            </Link>
            <Space size={4} wrap>
              {v.effectiveFrom && <Typography.Text type="secondary">{v.effectiveFrom}</Typography.Text>}
              <PolicyStateTag state={v.state} />
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** /policies, 制度管理: the group's and each subsidiary's policy with their versions. */
export function PoliciesPage() {
  const { t } = useTranslation();
  const owners = usePolicyOwners();
  let body;
  if (owners.isPending) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (owners.isError) body = <ErrorAlert error={owners.error} onRetry={() => void owners.refetch()} />;
  else if (owners.data.length === 0) body = <Empty description={t('policies.list.empty')} />;
  else
    body = (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {owners.data.map((o) => (
          <OwnerCard key={o.unitId} owner={o} groupInForceId={owners.data.find((g) => g.unitType === 'group')?.inForce?.id ?? null} />
        ))}
      </Space>
    );
  return (
    <div style={{ maxWidth: 960 }}>
      <Typography.Title level={3}>{t('policies.list.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('policies.list.hint')}</Typography.Paragraph>
      {body}
    </div>
  );
}
