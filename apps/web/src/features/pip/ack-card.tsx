import { useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, List, Modal, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { dateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { PersonSelect } from '../people/person-select.tsx';
import { awaitingAcknowledgment } from './plan-view.ts';
import { useAckContent, useAcknowledge, useRecordRefusal, type Pip } from './use-pips.ts';


/**
 * 签收: the employee reads exactly the content that is hashed and acknowledges it (version and
 * SHA-256 go with the click); HR may record a refusal with a witness. Earlier ones stay listed.
 */
export function AckCard(props: { plan: Pip }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const p = props.plan;
  const employee = p.actors.includes('employee');
  const hr = p.actors.includes('hr');
  const open = awaitingAcknowledgment(p) && (employee || hr);
  const content = useAckContent(p.id, open);
  const ack = useAcknowledge(p.id);
  const refuse = useRecordRefusal(p.id);
  const [read, setRead] = useState(false);
  const [refusing, setRefusing] = useState(false);
  const [form] = Form.useForm<{ witnessEmployeeId: string; note: string }>();
  if (!open && p.acknowledgments.length === 0) return null;

  let body = null;
  if (open && content.isPending) body = <Skeleton active />;
  else if (open && content.isError) body = <ErrorAlert error={content.error} onRetry={() => void content.refetch()} />;
  else if (open && content.data) {
    const c = content.data;
    body = (
      <>
        <Typography.Paragraph type="secondary">{t('pip.ack.intro')}</Typography.Paragraph>
        <pre data-testid="ack-text" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', background: 'rgba(0,0,0,0.03)', padding: 12, borderRadius: 6, fontFamily: 'inherit', margin: 0 }}>
          {c.text}
        </pre>
        <Typography.Text type="secondary" style={{ display: 'block', wordBreak: 'break-all', fontSize: 12, marginTop: 8 }} data-testid="ack-hash">
          {t('pip.ack.hash')}：{c.sha256}
        </Typography.Text>
        {employee && (
          <div style={{ marginTop: 12 }}>
            <Checkbox checked={read} onChange={(e) => setRead(e.target.checked)} data-testid="ack-read">
              {t('pip.ack.confirm')}
            </Checkbox>
            <Button
              type="primary"
              block
              style={{ marginTop: 8 }}
              disabled={!read}
              loading={ack.isPending}
              data-testid="ack-submit"
              onClick={() => ack.mutate({ version: c.version, sha256: c.sha256 }, { onSuccess: () => void message.success(t('pip.ack.done')), onError: (err) => void message.error(errorText(err)) })}
            >
              {t('pip.ack.submit')}
            </Button>
          </div>
        )}
        {hr && !employee && (
          <Button style={{ marginTop: 12 }} onClick={() => setRefusing(true)} data-testid="refusal-open">
            {t('pip.ack.refusal')}
          </Button>
        )}
      </>
    );
  }

  return (
    <Card title={t('pip.ack.title')} size="small" data-testid="ack-card">
      {body}
      {p.acknowledgments.length > 0 && (
        <List
          size="small"
          header={t('pip.ack.history')}
          dataSource={p.acknowledgments}
          data-testid="ack-history"
          renderItem={(a) => (
            <List.Item>
              <Typography.Text style={{ wordBreak: 'break-word' }}>
                {t('pip.ack.version', { v: a.version })} · {a.refused ? t('pip.ack.refused', { name: a.witness?.name ?? '' }) : t('pip.ack.done')} · {dateTime(a.at, lang)}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
      <Modal
        open={refusing}
        title={t('pip.ack.refusal')}
        onCancel={() => setRefusing(false)}
        onOk={() => form.submit()}
        confirmLoading={refuse.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => refuse.mutate(v, { onSuccess: () => setRefusing(false), onError: (err) => void message.error(errorText(err)) })} clearOnDestroy>
          <Form.Item name="witnessEmployeeId" label={t('pip.ack.witness')} rules={[{ required: true }]}>
            <PersonSelect />
          </Form.Item>
          <Form.Item name="note" label={t('pip.ack.note')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
