import { Alert, App, Button, Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MyPolicy } from '@uplift/contract';
import { ApiError } from '../../app/api-client.ts';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { PolicyMarkdown } from './markdown.tsx';
import { sha256Hex } from './policies.ts';
import { useConfirmPolicy, useMyPolicies } from './use-policies.ts';

/** One policy in force for me: the document as shown, and read-and-confirm with its hash. */
function MyPolicyCard(props: { policy: MyPolicy; focused: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const confirm = useConfirmPolicy();
  const p = props.policy;
  const ack = p.acknowledgment;
  const at = (iso: string) => new Date(iso).toLocaleString(lang);
  const ref = useRef<HTMLDivElement>(null);
  // opened from a notification: bring that policy into view
  useEffect(() => {
    if (props.focused) ref.current?.scrollIntoView({ block: 'start' });
  }, [props.focused]);

  // the hash of exactly the text rendered above (Web Crypto; the served hash where there is none)
  const run = async () => {
    const shown = (await sha256Hex(p.document)) ?? p.contentSha256;
    confirm.mutate(
      { id: p.id, contentSha256: shown },
      {
        onSuccess: () => void message.success(t('policies.mine.done')),
        onError: (err) => void message.error(err instanceof ApiError && err.code === 'CONFLICT' ? t('policies.mine.changed') : errorText(err)),
      },
    );
  };

  return (
    <Card
      ref={ref}
      size="small"
      style={props.focused ? { borderColor: '#1677ff' } : undefined}
      data-testid="my-policy"
      data-id={p.id}
      title={<span style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }}>{`${p.ownerUnitName} · ${t('policies.list.version', { n: p.version })}`}</span>}
      extra={ack ? <Tag color={ack.status === 'confirmed' ? 'green' : 'red'}>{t(`policies.ackStatuses.${ack.status}`)}</Tag> : <Tag color="gold">{t('policies.mine.pending')}</Tag>}
    >
      {p.effectiveFrom && <Typography.Text type="secondary">{t('policies.mine.effective', { date: p.effectiveFrom })}</Typography.Text>}
      <PolicyMarkdown text={p.document} testId="my-policy-document" />
      <Space wrap style={{ marginTop: 8 }}>
        {!ack && (
          <Button type="primary" icon={<CheckCircleOutlined />} loading={confirm.isPending} onClick={() => void run()} data-testid="my-policy-confirm">
            {t('policies.mine.confirm')}
          </Button>
        )}
        {ack?.status === 'confirmed' && (
          <Typography.Text type="success" data-testid="my-policy-confirmed">
            {t('policies.mine.confirmed', { at: at(ack.at) })}
          </Typography.Text>
        )}
        {ack?.status === 'refused' && <Typography.Text type="danger">{t('policies.mine.refusedAt', { at: at(ack.at), witness: ack.witnessName ?? '' })}</Typography.Text>}
        <Link to={`/policies/${p.ownerUnitId}/qa`}>
          <QuestionCircleOutlined /> {t('policies.mine.qa')}
        </Link>
      </Space>
    </Card>
  );
}

/** /my/policies, 我的制度: the policies in force for me, to read and confirm. */
export function MyPoliciesPage() {
  const { t } = useTranslation();
  const mine = useMyPolicies();
  const { id } = useParams();
  let body;
  if (mine.isPending) body = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (mine.isError) body = <ErrorAlert error={mine.error} onRetry={() => void mine.refetch()} />;
  else if (mine.data.length === 0) body = <Empty description={t('policies.mine.empty')} data-testid="my-policies-empty" />;
  else
    body = (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {mine.data.some((p) => !p.acknowledgment) && <Alert type="warning" showIcon title={t('policies.mine.pending')} />}
        {mine.data.map((p) => (
          <MyPolicyCard key={p.id} policy={p} focused={p.id === id} />
        ))}
      </Space>
    );
  return (
    <div style={{ maxWidth: 860 }}>
      <Typography.Title level={3}>{t('policies.mine.title')}</Typography.Title>
      {body}
    </div>
  );
}
