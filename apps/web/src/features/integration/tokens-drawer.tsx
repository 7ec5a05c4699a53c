import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Divider, Drawer, Empty, Grid, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IssuedToken } from '@uplift/contract';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { dateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { expiringSoon, labelKey, tokenStatusColor } from './integration.ts';
import { IssueTokenForm } from './issue-token-form.tsx';
import { SecretModal } from './secret-modal.tsx';
import { useRevokeToken, useTokens, type ApiToken, type ServiceAccount } from './use-integration.ts';

/** An account's tokens: issue one (the plain token shown once), see scopes and last use, revoke. */
export function TokensDrawer(props: { account: ServiceAccount | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const phone = !Grid.useBreakpoint().md;
  const { account } = props;
  const tokens = useTokens(account?.id ?? null);
  const revoke = useRevokeToken();
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const now = new Date();

  const runRevoke = (tk: ApiToken) =>
    revoke.mutate(tk.id, {
      onSuccess: () => {
        void message.success(t('integration.tokens.revoked', { name: tk.name }));
        void tokens.refetch();
      },
      onError: (err) => void message.error(errorText(err)),
    });

  const card = (tk: ApiToken) => (
    <Card
      key={tk.id}
      size="small"
      data-testid="token-card"
      title={
        <Space size={6} wrap>
          <span>{tk.name}</span>
          <Tag color={tokenStatusColor(tk.status)}>{t(`integration.tokens.status.${tk.status}`)}</Tag>
          {expiringSoon(tk, now) && <Tag color="orange">{t('integration.tokens.expiringSoon')}</Tag>}
        </Space>
      }
      extra={
        tk.status === 'active' && (
          <Popconfirm title={t('integration.tokens.confirmRevoke', { name: tk.name })} okText={t('app.confirm')} cancelText={t('app.cancel')} onConfirm={() => runRevoke(tk)}>
            <Button size="small" danger loading={revoke.isPending && revoke.variables === tk.id} data-testid="token-revoke">
              {t('integration.tokens.revoke')}
            </Button>
          </Popconfirm>
        )
      }
    >
      <Descriptions size="small" column={1} colon={false} styles={{ label: { width: 96 } }}>
        <Descriptions.Item label={t('integration.tokens.prefix')}>
          <Typography.Text code>{tk.prefix}…</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('integration.tokens.operations')}>
          <Space size={4} wrap>
            {tk.operations.map((o) => (
              <Tag key={o}>{t(`integration.operations.${labelKey(o)}`)}</Tag>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('integration.tokens.units')}>{tk.units.map((u) => u.name).join('、')}</Descriptions.Item>
        <Descriptions.Item label={t('integration.tokens.expiresAt')}>{dateTime(tk.expiresAt, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('integration.tokens.lastUsedAt')}>{tk.lastUsedAt ? dateTime(tk.lastUsedAt, lang) : t('integration.accounts.never')}</Descriptions.Item>
        {tk.revokedAt && <Descriptions.Item label={t('integration.tokens.status.revoked')}>{dateTime(tk.revokedAt, lang)}</Descriptions.Item>}
        <Descriptions.Item label={t('integration.tokens.createdBy')}>
          {tk.createdBy ?? '—'} · {dateTime(tk.createdAt, lang)}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );

  let list;
  if (tokens.isPending) list = <Skeleton active paragraph={{ rows: 3 }} />;
  else if (tokens.isError) list = <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} />;
  else if (tokens.data.length === 0) list = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('integration.tokens.empty')} />;
  else
    list = (
      <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="tokens">
        {tokens.data.map(card)}
      </Space>
    );

  return (
    <Drawer
      open={account !== null}
      onClose={props.onClose}
      title={account ? t('integration.tokens.title', { name: account.name }) : ''}
      size={phone ? '100%' : 640}
      styles={{ body: { padding: phone ? 12 : 24 } }}
      destroyOnHidden
    >
      {account && (
        <>
          {account.disabledAt ? (
            <Alert type="info" showIcon title={t('integration.tokens.accountDisabled')} />
          ) : (
            <IssueTokenForm
              accountId={account.id}
              onIssued={(i) => {
                setIssued(i);
                void tokens.refetch();
              }}
            />
          )}
          <Divider />
          {list}
        </>
      )}
      <SecretModal
        secret={issued?.plainToken ?? null}
        title={t('integration.tokens.plainTitle')}
        hint={t('integration.tokens.plainHint')}
        extra={t('integration.tokens.usage')}
        onClose={() => setIssued(null)}
        testId="plain-token"
      />
    </Drawer>
  );
}
