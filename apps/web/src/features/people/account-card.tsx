import { useState } from 'react';
import { App, Button, Card, Descriptions, Popconfirm, Space, Tag, Typography } from 'antd';
import { KeyOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { EmployeeDetail } from '@uplift/contract';
import { useErrorText } from '../../app/errors.tsx';
import type { ProvisionResult } from './accounts.ts';
import { IssuedAccountsModal } from './issued-accounts-modal.tsx';
import { useProvisionAccounts, useResetAccount } from './use-people.ts';

/**
 * 账号 (HR over this person only): 开通账号 when they have none, else the username, whether it is
 * disabled, and 重置密码. A new one-time password is shown once, in a dialog.
 */
export function AccountCard(props: { person: EmployeeDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const p = props.person;
  const provision = useProvisionAccounts();
  const reset = useResetAccount(p.id);
  const [result, setResult] = useState<ProvisionResult | null>(null);
  const names = new Map([[p.id, p.name]]);

  const runProvision = () =>
    provision.mutate([p.id], {
      onSuccess: (res) => setResult(res),
      onError: (err) => void message.error(errorText(err)),
    });
  const runReset = () =>
    reset.mutate(undefined, {
      onSuccess: (issued) => setResult({ issued: [issued], skipped: [] }),
      onError: (err) => void message.error(errorText(err)),
    });

  let body;
  if (p.account === null) {
    body = (
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('accounts.none')}</Typography.Text>
        {p.status !== 'left' && (
          <Button type="primary" icon={<UserAddOutlined />} loading={provision.isPending} onClick={runProvision} data-testid="account-provision">
            {t('accounts.provision')}
          </Button>
        )}
      </Space>
    );
  } else {
    const a = p.account;
    body = (
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Descriptions
          column={1}
          size="small"
          styles={{ label: { width: 108 } }}
          items={[
            {
              key: 'username',
              label: t('accounts.username'),
              children: (
                <Space size={4} wrap>
                  <Typography.Text style={{ wordBreak: 'break-all' }} data-testid="account-username">
                    {a.username ?? '—'}
                  </Typography.Text>
                  {a.disabled ? <Tag data-testid="account-disabled">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>}
                </Space>
              ),
            },
          ]}
        />
        <Popconfirm title={t('accounts.confirmReset', { name: p.name })} okText={t('app.confirm')} cancelText={t('app.cancel')} onConfirm={runReset}>
          <Button icon={<KeyOutlined />} loading={reset.isPending} data-testid="account-reset">
            {t('accounts.reset')}
          </Button>
        </Popconfirm>
      </Space>
    );
  }

  return (
    <Card title={t('accounts.title')} data-testid="person-account">
      {body}
      <IssuedAccountsModal result={result} names={names} onClose={() => setResult(null)} />
    </Card>
  );
}
