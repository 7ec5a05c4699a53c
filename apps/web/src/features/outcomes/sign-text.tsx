import { useState, type ReactNode } from 'react';
import { App, Button, Checkbox, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, useErrorText } from '../../app/errors.tsx';
import { PersonSelect } from '../people/person-select.tsx';

type Refusal = { witnessEmployeeId: string; note: string };

/** Exactly the text that is hashed, and its SHA-256, as the person signing it sees it. */
export function ExactText(props: { text: string; sha256: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <>
      <pre data-testid={`${props.testId}-text`} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', background: 'rgba(0,0,0,0.03)', padding: 12, borderRadius: 6, fontFamily: 'inherit', margin: 0 }}>
        {props.text}
      </pre>
      <Typography.Text type="secondary" style={{ display: 'block', overflowWrap: 'anywhere', fontSize: 12, marginTop: 8 }} data-testid={`${props.testId}-hash`}>
        {t('outcomes.sign.hash')}{t('outcomes.sep')}{props.sha256}
      </Typography.Text>
    </>
  );
}

/**
 * A text the employee signs (an outcome's receipt, a role adjustment notice): the employee reads
 * it, ticks that they have and signs (its SHA-256 goes with the click); HR records a refusal in
 * person with a witness instead.
 */
export function SignText(props: {
  text: string;
  sha256: string;
  intro: ReactNode;
  readLabel: string;
  signLabel: string;
  testId: string;
  canSign: boolean;
  canRecordRefusal: boolean;
  signing: boolean;
  refusing: boolean;
  onSign: (sha256: string) => void;
  onRefuse: (v: Refusal, done: { onSuccess: () => void; onError: (err: unknown) => void }) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [read, setRead] = useState(false);
  const [refusal, setRefusal] = useState(false);
  const [form] = Form.useForm<Refusal>();
  return (
    <div data-testid={props.testId}>
      <Typography.Paragraph type="secondary">{props.intro}</Typography.Paragraph>
      <ExactText text={props.text} sha256={props.sha256} testId={props.testId} />
      {props.canSign && (
        <div style={{ marginTop: 12 }}>
          <Checkbox checked={read} onChange={(e) => setRead(e.target.checked)} data-testid={`${props.testId}-read`}>
            {props.readLabel}
          </Checkbox>
          <Button type="primary" block style={{ marginTop: 8, whiteSpace: 'normal', height: 'auto' }} disabled={!read} loading={props.signing} data-testid={`${props.testId}-submit`} onClick={() => props.onSign(props.sha256)}>
            {props.signLabel}
          </Button>
        </div>
      )}
      {props.canRecordRefusal && !props.canSign && (
        <Button style={{ marginTop: 12 }} onClick={() => setRefusal(true)} data-testid={`${props.testId}-refusal`}>
          {t('outcomes.sign.refusal')}
        </Button>
      )}
      <Modal open={refusal} title={t('outcomes.sign.refusal')} onCancel={() => setRefusal(false)} onOk={() => form.submit()} confirmLoading={props.refusing} destroyOnHidden okText={t('app.confirm')} cancelText={t('app.cancel')}>
        <Form
          clearOnDestroy
          form={form}
          layout="vertical"
          onFinish={(v) =>
            props.onRefuse(v, {
              onSuccess: () => {
                setRefusal(false);
                void message.success(t('outcomes.sign.refused'));
              },
              onError: (err) => void (applyFieldErrors(form, err, ['witnessEmployeeId', 'note']) || message.error(errorText(err))),
            })
          }
        >
          <Form.Item name="witnessEmployeeId" label={t('outcomes.sign.witness')} rules={[{ required: true }]}>
            <PersonSelect />
          </Form.Item>
          <Form.Item name="note" label={t('outcomes.sign.note')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} placeholder={t('outcomes.sign.notePlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
