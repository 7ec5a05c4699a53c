import { App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { changePasswordRequestSchema } from '@uplift/contract';
import { applyFieldErrors, useErrorText } from '../../app/errors.tsx';
import { schemaRule } from '../../app/schema-rule.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { passwordIssueText } from './password-rules.ts';
import { useChangePassword } from './use-session.ts';

type Values = { currentPassword: string; newPassword: string; confirm: string };
const fields = ['currentPassword', 'newPassword'] as const;

/** Change my password: validated with changePasswordRequestSchema, server problems on the fields. */
export function ChangePasswordForm(props: { username: string }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const shape = changePasswordRequestSchema.shape;

  const submit = (v: Values) => {
    const body = { currentPassword: v.currentPassword, newPassword: v.newPassword };
    change.mutate(body, {
      onSuccess: () => {
        form.resetFields();
        void message.success(t('account.success'));
      },
      onError: (err) => {
        if (!applyFieldErrors(form, err, fields)) void message.error(errorText(err));
      },
    });
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={change.isPending} style={{ maxWidth: 420 }} requiredMark={false}>
      {/* lets password managers tell whose password this is */}
      <input type="text" name="username" autoComplete="username" value={props.username} readOnly hidden />
      <Form.Item name="currentPassword" label={t('account.currentPassword')} rules={[{ required: true, message: t('account.currentRequired') }]}>
        <Input.Password autoComplete="current-password" data-testid="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label={t('account.newPassword')} extra={t('account.passwordHint')} rules={[schemaRule(shape.newPassword, passwordIssueText(lang, t))]}>
        <Input.Password autoComplete="new-password" data-testid="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('account.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('account.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: unknown) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error(t('account.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="confirm-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="change-password-submit">
        {t('account.submit')}
      </Button>
    </Form>
  );
}
