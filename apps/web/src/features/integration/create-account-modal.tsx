import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { createServiceAccountSchema } from '@uplift/contract';
import { applyFieldErrors, useErrorText, useIssueText } from '../../app/errors.tsx';
import { blankToNull, schemaRule } from '../../app/schema-rule.ts';
import { useCreateServiceAccount } from './use-integration.ts';

type Values = { name: string; description?: string };

/** 新建服务账号: a name (its username is derived from it) and an optional description. */
export function CreateAccountModal(props: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const issueText = useIssueText();
  const [form] = Form.useForm<Values>();
  const create = useCreateServiceAccount();

  const submit = (v: Values) =>
    create.mutate(
      { name: v.name.trim(), description: blankToNull(v.description) },
      {
        onSuccess: (a) => {
          void message.success(t('integration.accounts.created', { name: a.name }));
          form.resetFields();
          props.onClose();
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err, ['name', 'description'])) void message.error(errorText(err));
        },
      },
    );

  return (
    <Modal
      open={props.open}
      title={t('integration.accounts.create')}
      okText={t('integration.accounts.create')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'account-create-submit' } as Record<string, string>}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="name" validateFirst label={t('integration.accounts.name')} rules={[{ required: true, whitespace: true, message: t('integration.accounts.nameRequired') }, schemaRule(createServiceAccountSchema.shape.name, issueText(t('integration.accounts.nameRequired')))]}>
          <Input autoComplete="off" placeholder={t('integration.accounts.namePlaceholder')} maxLength={64} data-testid="account-name" />
        </Form.Item>
        <Form.Item name="description" label={t('integration.accounts.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} placeholder={t('integration.accounts.descriptionPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
