import { App, Button, List, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { StoredFile } from '@uplift/contract';
import { useErrorText } from '../../app/errors.tsx';
import { fileSize } from '../../i18n/format.ts';
import { useDownload } from '../imports/use-imports.ts';

/**
 * Files kept as evidence (minutes' attachments, training materials): each with its size and
 * SHA-256, downloadable; optionally removable and an upload button. `testId` names the parts:
 * `${testId}s`, `${testId}`, `${testId}-sha`.
 */
export function StoredFileList(props: {
  files: readonly StoredFile[];
  title: string;
  emptyText: string;
  testId: string;
  remove?: { run: (id: string) => void; pendingId: string | null; label: string };
  upload?: { run: (file: File) => void; pending: boolean; label: string; testId: string };
}) {
  const { message } = App.useApp();
  const errorText = useErrorText();
  const download = useDownload();
  return (
    <div data-testid={`${props.testId}s`}>
      <Typography.Text strong>{props.title}</Typography.Text>
      <List
        size="small"
        dataSource={[...props.files]}
        rowKey="id"
        locale={{ emptyText: props.emptyText }}
        renderItem={(f) => (
          <List.Item
            data-testid={props.testId}
            style={{ paddingInline: 0 }}
            actions={props.remove ? [<Button key="rm" type="text" size="small" icon={<DeleteOutlined />} loading={props.remove.pendingId === f.id} onClick={() => props.remove!.run(f.id)} aria-label={props.remove.label} />] : []}
          >
            <div style={{ minWidth: 0 }}>
              <Button type="link" size="small" icon={<PaperClipOutlined />} onClick={() => download.mutate({ path: `/api/files/${f.id}`, query: {}, fallback: f.name }, { onError: (err) => void message.error(errorText(err)) })} style={{ whiteSpace: 'normal', textAlign: 'left', height: 'auto', paddingInline: 0 }}>
                {f.name}
              </Button>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 11, overflowWrap: 'anywhere' }} data-testid={`${props.testId}-sha`}>
                {fileSize(f.size)} · SHA-256 {f.sha256}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
      {props.upload && (
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            props.upload!.run(file);
            return false;
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={props.upload.pending} data-testid={props.upload.testId}>
            {props.upload.label}
          </Button>
        </Upload>
      )}
    </div>
  );
}
