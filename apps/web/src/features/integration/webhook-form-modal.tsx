import { useEffect } from 'react';
import { App, Checkbox, Form, Input, Modal, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { createWebhookSchema, webhookEvents, type WebhookEvent } from '@uplift/contract';
import { applyFieldErrors, useErrorText, useIssueText } from '../../app/errors.tsx';
import { schemaRule } from '../../app/schema-rule.ts';
import { labelKey } from './integration.ts';
import { useCreateWebhook, useUpdateWebhook, type WebhookSubscription } from './use-integration.ts';

type Values = { name: string; url: string; events: WebhookEvent[]; active: boolean };
const fields = ['name', 'url', 'events', 'active'] as const;

/**
 * New or edited subscription: name, URL, events. A new one answers with
 * its signing secret, passed to `onCreated` to be shown once.
 */
export function WebhookFormModal(props: { open: boolean; editing: WebhookSubscription | null; onClose: () => void; onCreated: (secret: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const issueText = useIssueText();
  const [form] = Form.useForm<Values>();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const { editing, open } = props;

  useEffect(() => {
    if (!open) return;
    if (editing) form.setFieldsValue({ name: editing.name, url: editing.url, events: editing.events, active: editing.active });
    else form.resetFields();
  }, [open, editing, form]);

  const failed = (err: unknown) => {
    if (!applyFieldErrors(form, err, fields)) void message.error(errorText(err));
  };
  const submit = (v: Values) => {
    const body = { name: v.name.trim(), url: v.url.trim(), events: v.events, active: v.active };
    if (editing) {
      update.mutate(
        { id: editing.id, patch: body },
        {
          onSuccess: () => {
            void message.success(t('integration.webhooks.saved'));
            props.onClose();
          },
          onError: failed,
        },
      );
    } else {
      create.mutate(body, {
        onSuccess: (res) => {
          void message.success(t('integration.webhooks.created'));
          props.onClose();
          props.onCreated(res.secret);
        },
        onError: failed,
      });
    }
  };

  const shape = createWebhookSchema.shape;
  return (
    <Modal
      open={open}
      title={editing ? t('integration.webhooks.edit') : t('integration.webhooks.create')}
      okText={editing ? t('integration.webhooks.edit') : t('integration.webhooks.create')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ 'data-testid': 'webhook-submit' } as Record<string, string>}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ events: [], active: true }}>
        <Form.Item name="name" validateFirst label={t('integration.webhooks.name')} rules={[{ required: true, whitespace: true, message: t('integration.webhooks.nameRequired') }, schemaRule(shape.name, issueText(t('integration.webhooks.nameRequired')))]}>
          <Input autoComplete="off" maxLength={64} data-testid="webhook-name" />
        </Form.Item>
        <Form.Item name="url" validateFirst label={t('integration.webhooks.url')} rules={[{ required: true, message: t('integration.webhooks.urlInvalid') }, schemaRule(shape.url, issueText(t('integration.webhooks.urlInvalid')))]}>
          <Input autoComplete="off" inputMode="url" placeholder={t('integration.webhooks.urlPlaceholder')} data-testid="webhook-url" />
        </Form.Item>
        <Form.Item name="events" label={t('integration.webhooks.events')} rules={[{ required: true, type: 'array', min: 1, message: t('integration.webhooks.eventsRequired') }]}>
          <Checkbox.Group style={{ width: '100%' }} data-testid="webhook-events">
            <Space orientation="vertical" size={4}>
              {webhookEvents.map((e) => (
                <Checkbox key={e} value={e}>
                  {t(`integration.events.${labelKey(e)}`)}{' '}
                  <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
                    {e}
                  </Typography.Text>
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="active" label={t('integration.webhooks.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
