import { App, Button, Col, Form, Input, Row, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { roles, type Role } from '@uplift/contract';
import { applyFieldErrors, useErrorText } from '../../app/errors.tsx';
import { UnitTreeSelect } from '../org/unit-tree-select.tsx';
import { useAccounts, useCreateGrant, type Grant } from './use-grants.ts';

type Values = { userId?: string; username?: string; role: Role; unitId?: string | null };

/** Roles that only make sense over a part of the group. */
const scopedRoles: readonly Role[] = ['hr_head', 'hrbp'];

/**
 * 新增授权. A sys_admin picks the account from the account list; group HR may not read that
 * list, so they type a username that already holds a grant (the gap is reported to the server side).
 */
export function GrantForm(props: { sysAdmin: boolean; grants: readonly Grant[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  const accounts = useAccounts(props.sysAdmin);
  const create = useCreateGrant();
  const grantable = roles.filter((r) => props.sysAdmin || r !== 'sys_admin');
  const scoped = role !== undefined && scopedRoles.includes(role);

  const submit = (v: Values) => {
    let userId = v.userId;
    if (!props.sysAdmin) {
      const name = v.username?.trim().toLowerCase();
      userId = props.grants.find((g) => g.username.toLowerCase() === name)?.userId;
      if (!userId) {
        form.setFields([{ name: 'username', errors: [t('grants.unknownUser')] }]);
        return;
      }
    }
    if (!userId) return;
    create.mutate(
      { userId, role: v.role, unitId: v.unitId ?? null },
      {
        onSuccess: () => {
          void message.success(t('grants.created'));
          form.resetFields();
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err, [props.sysAdmin ? 'userId' : 'username', 'role', 'unitId'])) void message.error(errorText(err));
        },
      },
    );
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="grant-form">
      <Row gutter={12} align="bottom">
        <Col xs={24} md={12} xl={6}>
          {props.sysAdmin ? (
            <Form.Item name="userId" label={t('grants.user')} rules={[{ required: true, message: t('grants.userRequired') }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={accounts.isPending}
                options={(accounts.data ?? []).map((a) => ({ value: a.id, label: `${a.username} · ${a.displayName}` }))}
                placeholder={t('grants.pickUser')}
                data-testid="grant-user"
              />
            </Form.Item>
          ) : (
            <Form.Item name="username" label={t('grants.username')} extra={t('grants.usernameHelp')} rules={[{ required: true, whitespace: true, message: t('grants.userRequired') }]}>
              <Input autoComplete="off" autoCapitalize="none" data-testid="grant-username" />
            </Form.Item>
          )}
        </Col>
        <Col xs={24} md={12} xl={5}>
          <Form.Item name="role" label={t('grants.role')} rules={[{ required: true, message: t('grants.roleRequired') }]}>
            <Select options={grantable.map((r) => ({ value: r, label: t(`roles.${r}`) }))} placeholder={t('grants.pickRole')} data-testid="grant-role" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16} xl={9}>
          <Form.Item
            name="unitId"
            label={t('grants.unit')}
            extra={scoped ? t('grants.unitRequiredHelp') : t('grants.unitHelp')}
            rules={[{ required: scoped, message: t('grants.unitRequired') }]}
          >
            <UnitTreeSelect allowClear placeholder={scoped ? t('grants.pickUnit') : t('grants.wholeGroup')} testId="grant-unit" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8} xl={4}>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending} block data-testid="grant-submit">
              {t('grants.add')}
            </Button>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
