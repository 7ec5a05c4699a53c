import { App, Button, List, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../app/errors.tsx';
import { fileSize } from '../../i18n/format.ts';
import { useDownload } from '../imports/use-imports.ts';
import { useRemoveCheckinFile, useUploadCheckinFile, type Checkin } from './use-checkins.ts';

/** The minutes' attachments with their SHA-256; the manager or HR adds and removes them until the employee confirms. */
export function CheckinFiles(props: { checkin: Checkin; writable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const upload = useUploadCheckinFile();
  const remove = useRemoveCheckinFile();
  const download = useDownload();
  const c = props.checkin;
  if (!props.writable && c.attachments.length === 0) return null;
  return (
    <div data-testid="checkin-files">
      <Typography.Text strong>{t('checkins.attachments')}</Typography.Text>
      <List
        size="small"
        dataSource={c.attachments}
        locale={{ emptyText: t('checkins.noAttachments') }}
        renderItem={(f) => (
          <List.Item
            data-testid="checkin-file"
            style={{ paddingInline: 0 }}
            actions={props.writable ? [<Button key="rm" type="text" size="small" icon={<DeleteOutlined />} loading={remove.isPending && remove.variables === f.id} onClick={() => remove.mutate(f.id, { onError: (err) => void message.error(errorText(err)) })} aria-label={t('checkins.removeFile')} />] : []}
          >
            <div style={{ minWidth: 0 }}>
              <Button type="link" size="small" icon={<PaperClipOutlined />} onClick={() => download.mutate({ path: `/api/files/${f.id}`, query: {}, fallback: f.name }, { onError: (err) => void message.error(errorText(err)) })} style={{ whiteSpace: 'normal', textAlign: 'left', height: 'auto', paddingInline: 0 }}>
                {f.name}
              </Button>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 11, overflowWrap: 'anywhere' }} data-testid="checkin-file-sha">
                {fileSize(f.size)} · SHA-256 {f.sha256}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
      {props.writable && (
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            upload.mutate({ checkinId: c.id, file }, { onSuccess: () => void message.success(t('checkins.uploaded')), onError: (err) => void message.error(errorText(err)) });
            return false;
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={upload.isPending} data-testid="checkin-upload">
            {t('checkins.upload')}
          </Button>
        </Upload>
      )}
    </div>
  );
}
