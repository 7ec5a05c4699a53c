import { useEffect } from 'react';
import { App, Button, Card, Form, Input, List, Select, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { adoptionProcedures, saveAdoptionSchema, type PolicyVersion, type SaveAdoption } from '@uplift/contract';
import { applyFieldErrors, placeIssues, useErrorText } from '../../app/errors.tsx';
import { bodyIssues } from '../../app/schema-rule.ts';
import { useDownload } from '../imports/use-imports.ts';
import { useRemoveFile, useSaveAdoption, useUploadEvidence } from './use-policies.ts';

const fields = ['procedure', 'date', 'notes'];

/** The democratic procedure record with its evidence files (required before publishing). */
export function AdoptionCard(props: { version: PolicyVersion }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const v = props.version;
  const editable = v.canWrite && (v.state === 'draft' || v.state === 'in_review');
  const [form] = Form.useForm<SaveAdoption>();
  const save = useSaveAdoption(v.id);
  const upload = useUploadEvidence(v.id);
  const remove = useRemoveFile();
  const download = useDownload();

  useEffect(() => {
    if (v.adoption) form.setFieldsValue({ procedure: v.adoption.procedure, date: v.adoption.date, notes: v.adoption.notes });
  }, [form, v.adoption]);

  const submit = (values: SaveAdoption) => {
    const body = saveAdoptionSchema.safeParse(values);
    if (!body.success) return void placeIssues(form, bodyIssues(body.error.issues), fields);
    save.mutate(body.data, { onSuccess: () => void message.success(t('app.saved')), onError: (err) => void (applyFieldErrors(form, err, fields) || message.error(errorText(err))) });
  };

  return (
    <Card size="small" title={t('policies.adoption.title')} data-testid="policy-adoption">
      <Typography.Paragraph type="secondary">{t('policies.adoption.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" disabled={!editable} onFinish={submit}>
        <Form.Item label={t('policies.adoption.procedure')} name="procedure">
          <Select options={adoptionProcedures.map((p) => ({ value: p, label: t(`policies.procedures.${p}`) }))} data-testid="adoption-procedure" />
        </Form.Item>
        <Form.Item label={t('policies.adoption.date')} name="date">
          <Input type="date" data-testid="adoption-date" />
        </Form.Item>
        <Form.Item label={t('policies.adoption.notes')} name="notes">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
        </Form.Item>
        {editable && (
          <Button htmlType="submit" loading={save.isPending} data-testid="adoption-save">
            {t('policies.adoption.save')}
          </Button>
        )}
      </Form>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('policies.adoption.attachments')}
      </Typography.Title>
      <List
        size="small"
        dataSource={v.attachments}
        locale={{ emptyText: t('policies.adoption.noAttachments') }}
        renderItem={(f) => (
          <List.Item
            data-testid="adoption-file"
            actions={editable ? [<Button key="rm" type="text" size="small" icon={<DeleteOutlined />} onClick={() => remove.mutate(f.id, { onError: (err) => void message.error(errorText(err)) })} aria-label="remove" />] : []}
          >
            <Button type="link" icon={<PaperClipOutlined />} onClick={() => download.mutate({ path: `/api/files/${f.id}`, query: {}, fallback: f.name })} style={{ whiteSpace: 'normal', textAlign: 'left', height: 'auto' }}>
              {f.name}
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 11, overflowWrap: 'anywhere' }}>
              SHA-256 {f.sha256.slice(0, 12)}…
            </Typography.Text>
          </List.Item>
        )}
      />
      {editable && (
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            upload.mutate(file, { onSuccess: () => void message.success(t('app.saved')), onError: (err) => void message.error(errorText(err)) });
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="adoption-upload">
            {t('policies.adoption.upload')}
          </Button>
        </Upload>
      )}
    </Card>
  );
}
