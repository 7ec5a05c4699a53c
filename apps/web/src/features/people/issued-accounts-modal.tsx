import { App, Alert, Button, Modal, Space, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { issuedLines, namedSkips, type ProvisionResult } from './accounts.ts';

/**
 * The one-time passwords of accounts just issued (or reset), shown this once: one person as the
 * create-user dialog shows it, several as a list with 复制全部 (tab-separated lines); and whoever
 * was skipped, with the server's reason.
 */
export function IssuedAccountsModal(props: { result: ProvisionResult | null; names?: ReadonlyMap<string, string>; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const result = props.result;
  const issued = result?.issued ?? [];
  const skipped = namedSkips(result?.skipped ?? [], props.names ?? new Map());
  const single = issued.length === 1 && skipped.length === 0 ? issued[0] : undefined;

  const copyAll = () =>
    navigator.clipboard
      .writeText(issuedLines(issued))
      .then(() => void message.success(t('accounts.copied')))
      .catch(() => void message.error(t('accounts.copyFailed')));

  let body = null;
  if (single) {
    body = (
      <>
        <Typography.Paragraph>{t('users.initialPasswordHint', { name: single.name })}</Typography.Paragraph>
        <Typography.Paragraph>
          {t('accounts.username')}: <Typography.Text code data-testid="issued-username">{single.username}</Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph copyable={{ text: single.initialPassword }} code style={{ fontSize: 18, wordBreak: 'break-all' }} data-testid="initial-password">
          {single.initialPassword}
        </Typography.Paragraph>
      </>
    );
  } else if (result) {
    body = (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {issued.length > 0 && (
          <>
            <Typography.Paragraph style={{ marginBottom: 0 }}>{t('accounts.issuedHint', { count: issued.length })}</Typography.Paragraph>
            <Button icon={<CopyOutlined />} onClick={() => void copyAll()} data-testid="issued-copy-all">
              {t('accounts.copyAll')}
            </Button>
            <div style={{ maxHeight: 320, overflowY: 'auto', border: '1px solid rgba(5, 5, 5, 0.06)', borderRadius: 8 }}>
              {issued.map((a, i) => (
                <div key={a.employeeId} data-testid="issued-account" style={{ padding: '8px 12px', borderTop: i === 0 ? undefined : '1px solid rgba(5, 5, 5, 0.06)', wordBreak: 'break-all' }}>
                  <Typography.Text strong>{t('people.nameWithNo', { name: a.name, no: a.employeeNo })}</Typography.Text>
                  <div>
                    <Typography.Text type="secondary">{a.username}</Typography.Text>{' '}
                    <Typography.Text code copyable={{ text: a.initialPassword }}>
                      {a.initialPassword}
                    </Typography.Text>
                  </div>
                </div>
              ))}
            </div>
          </>
        )}
        {skipped.length > 0 && (
          <Alert
            type={issued.length === 0 ? 'warning' : 'info'}
            showIcon
            title={t('accounts.skipped', { count: skipped.length })}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18, maxHeight: 200, overflowY: 'auto' }}>
                {skipped.map((s) => (
                  <li key={s.employeeId} data-testid="skipped-account" style={{ wordBreak: 'break-word' }}>
                    {s.name}: {s.reason}
                  </li>
                ))}
              </ul>
            }
          />
        )}
      </Space>
    );
  }

  return (
    <Modal
      open={result !== null}
      title={issued.length > 0 ? t('users.initialPasswordTitle') : t('accounts.notIssued')}
      onOk={props.onClose}
      onCancel={props.onClose}
      okText={issued.length > 0 ? t('users.done') : t('app.confirm')}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      data-testid="issued-accounts"
    >
      {body}
    </Modal>
  );
}
