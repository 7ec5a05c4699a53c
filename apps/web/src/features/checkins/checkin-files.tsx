import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../app/errors.tsx';
import { StoredFileList } from '../files/stored-file-list.tsx';
import { useRemoveCheckinFile, useUploadCheckinFile, type Checkin } from './use-checkins.ts';

/** The minutes' attachments with their SHA-256; the manager or HR adds and removes them until the employee confirms. */
export function CheckinFiles(props: { checkin: Checkin; writable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const upload = useUploadCheckinFile();
  const remove = useRemoveCheckinFile();
  const c = props.checkin;
  if (!props.writable && c.attachments.length === 0) return null;
  const fail = (err: unknown) => void message.error(errorText(err));
  return (
    <StoredFileList
      files={c.attachments}
      title={t('checkins.attachments')}
      emptyText={t('checkins.noAttachments')}
      testId="checkin-file"
      {...(props.writable && {
        remove: { run: (id) => remove.mutate(id, { onError: fail }), pendingId: remove.isPending ? (remove.variables ?? null) : null, label: t('checkins.removeFile') },
        upload: { run: (file) => upload.mutate({ checkinId: c.id, file }, { onSuccess: () => void message.success(t('checkins.uploaded')), onError: fail }), pending: upload.isPending, label: t('checkins.upload'), testId: 'checkin-upload' },
      })}
    />
  );
}
