import { Alert, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * A secret the server shows once (an API token, a signing secret), with a copy button. It closes
 * only by the button: a click beside it must not lose the secret.
 */
export function SecretModal(props: { secret: string | null; title: string; hint: string; extra?: string; onClose: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={props.secret !== null}
      title={props.title}
      onOk={props.onClose}
      onCancel={props.onClose}
      okText={t('integration.tokens.done')}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      keyboard={false}
      closable={false}
    >
      <Alert type="warning" showIcon title={props.hint} style={{ marginBottom: 12 }} />
      {props.secret && (
        <Typography.Paragraph
          copyable={{ text: props.secret, tooltips: [t('integration.tokens.copy'), t('integration.tokens.copied')] }}
          code
          style={{ wordBreak: 'break-all', fontSize: 15 }}
          data-testid={props.testId}
        >
          {props.secret}
        </Typography.Paragraph>
      )}
      {props.extra && <Typography.Paragraph type="secondary">{props.extra}</Typography.Paragraph>}
    </Modal>
  );
}
