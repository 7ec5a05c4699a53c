import { App, Button, Tooltip } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../app/errors.tsx';
import { useSession } from '../auth/use-session.ts';
import { useDownload } from '../imports/use-imports.ts';
import type { Pip } from '../pip/use-pips.ts';

/** 导出证据包: for HR in scope and auditors (the server checks and audits each export). */
export function EvidenceButton(props: { plan: Pip }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const session = useSession();
  const download = useDownload();
  const auditor = session.data?.status === 'signed-in' && session.data.user.roles.includes('auditor');
  if (!props.plan.actors.includes('hr') && !auditor) return null;
  return (
    <Tooltip title={t('compliance.evidenceHint')}>
      <Button
        icon={<DownloadOutlined />}
        loading={download.isPending}
        data-testid="evidence-export"
        onClick={() => download.mutate({ path: `/api/pips/${props.plan.id}/evidence`, query: {}, fallback: `evidence-${props.plan.employee.employeeNo}.zip` }, { onError: (err) => void message.error(errorText(err)) })}
      >
        {t('compliance.evidencePackage')}
      </Button>
    </Tooltip>
  );
}
