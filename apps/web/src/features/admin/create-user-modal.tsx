import { useState } from 'react';
import { App, Checkbox, Form, Input, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { createUserRequestSchema } from '@uplift/contract';
import { applyFieldErrors, useErrorText } from '../../app/errors.tsx';
import { schemaRule } from '../../app/schema-rule.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { passwordIssueText } from '../auth/password-rules.ts';
import { useCreateUser } from './use-users.ts';

type Values = { username: string; displayName: string; sysAdmin: boolean; passwordMode: 'generate' | 'set'; password?: string };

const fields = ['username', 'displayName', 'roles', 'password'] as const;

/** The "新建账号" dialog; `onCreated` gets the one-time password when the server made one. */
export function CreateUserModal(props: { open: boolean; onClose: () => void; onCreated: (name: string, initialPassword: string | null) => void }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [mode, setMode] = useState<Values['passwordMode']>('generate');
  const create = useCreateUser();
  const shape = createUserRequestSchema.shape;
  const inEnglish = (fallback: string) => (issue: { message: string }) => (lang === 'zh-CN' ? issue.message : fallback);

  const submit = (v: Values) => {
    const body = {
      username: v.username.trim(),
      displayName: v.displayName.trim(),
      roles: v.sysAdmin ? ['sys_admin' as const] : [],
      ...(v.passwordMode === 'set' && v.password ? { password: v.password } : {}),
    };
    create.mutate(body, {
      onSuccess: (res) => {
        form.resetFields();
        setMode('generate');
        props.onCreated(res.user.displayName, res.initialPassword);
      },
      onError: (err) => {
        if (!applyFieldErrors(form, err, fields)) void message.error(errorText(err));
      },
    });
  };

  return (
    <Modal
      open={props.open}
      title={t('users.create')}
      okText={t('users.create')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'create-user-submit' } as Record<string, string>}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ sysAdmin: false, passwordMode: 'generate' }} requiredMark={false}>
        <Form.Item name="username" validateFirst label={t('users.username')} extra={t('users.usernameHelp')} rules={[{ required: true, message: t('users.usernameRequired') }, schemaRule(shape.username, inEnglish(t('users.usernameInvalid')))]}>
          <Input autoComplete="off" autoCapitalize="none" data-testid="create-user-username" />
        </Form.Item>
        <Form.Item name="displayName" validateFirst label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }, schemaRule(shape.displayName, inEnglish(t('users.displayNameRequired')))]}>
          <Input autoComplete="off" data-testid="create-user-display-name" />
        </Form.Item>
        <Form.Item name="sysAdmin" valuePropName="checked">
          <Checkbox data-testid="create-user-admin">{t('users.sysAdmin')}</Checkbox>
        </Form.Item>
        <Form.Item name="passwordMode" label={t('users.password')}>
          <Radio.Group onChange={(e) => setMode(e.target.value === 'set' ? 'set' : 'generate')}>
            <Radio value="generate">{t('users.generatePassword')}</Radio>
            <Radio value="set">{t('users.setPassword')}</Radio>
          </Radio.Group>
        </Form.Item>
        {mode === 'set' && (
          <Form.Item name="password" extra={t('account.passwordHint')} rules={[schemaRule(shape.password.unwrap(), passwordIssueText(lang, t))]}>
            <Input.Password autoComplete="new-password" data-testid="create-user-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
