import { App, Button, Card, Result, Space, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { useAuditVerify, useSignCheckpoint } from './use-system.ts';

/** 审计链校验: verify the hash chain on demand, and sign a checkpoint now. */
export function AuditVerifyCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const verify = useAuditVerify();
  const checkpoint = useSignCheckpoint();
  const report = verify.data;

  const sign = () =>
    checkpoint.mutate(undefined, {
      onSuccess: (r) => void message.success(r.seq === null ? t('system.audit.checkpointNone') : t('system.audit.checkpointDone', { seq: r.seq })),
      onError: (err) => void message.error(errorText(err)),
    });

  let result = null;
  if (verify.isError) result = <ErrorAlert error={verify.error} onRetry={() => void verify.refetch()} />;
  else if (report?.ok) {
    result = (
      <Result
        status="success"
        title={t('system.audit.ok')}
        subTitle={t('system.audit.okDetail', { records: report.records, checkpoints: report.checkpoints, headSeq: report.headSeq })}
        style={{ padding: '16px 0' }}
        data-testid="audit-verify-ok"
      />
    );
  } else if (report) {
    const b = report.firstBroken;
    result = (
      <Result
        status="error"
        title={t('system.audit.broken')}
        subTitle={b ? t('system.audit.brokenDetail', { kind: t(`system.audit.kinds.${b.kind}`), seq: b.seq, reason: b.reason }) : null}
        style={{ padding: '16px 0' }}
        data-testid="audit-verify-broken"
      />
    );
  }

  return (
    <Card title={t('system.audit.title')} data-testid="audit-verify-card">
      <Typography.Paragraph type="secondary">{t('system.audit.description')}</Typography.Paragraph>
      <Space wrap>
        <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verify.isFetching} onClick={() => void verify.refetch()} data-testid="audit-verify">
          {t('system.audit.verify')}
        </Button>
        <Button loading={checkpoint.isPending} onClick={sign} data-testid="audit-checkpoint">
          {t('system.audit.checkpoint')}
        </Button>
      </Space>
      {result}
    </Card>
  );
}
