import { useState } from 'react';
import { App, Button, Col, Form, Row, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { roles, type Role } from '@uplift/contract';
import { applyFieldErrors, useErrorText } from '../../app/errors.tsx';
import { UnitTreeSelect } from '../org/unit-tree-select.tsx';
import { useDebounced } from '../people/person-select.tsx';
import { useAccountLookup, useCreateGrant } from './use-grants.ts';

type Values = { userId?: string; role: Role; unitId?: string | null };

/** Roles that only make sense over a part of the group. */
const scopedRoles: readonly Role[] = ['hr_head', 'hrbp'];

/** 新增授权: the account is searched by username or name (GET /api/access/accounts, sys_admin and group HR). */
export function GrantForm(props: { sysAdmin: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const accounts = useAccountLookup(useDebounced(search, 250), open);
  const create = useCreateGrant();
  const grantable = roles.filter((r) => props.sysAdmin || r !== 'sys_admin');
  const scoped = role !== undefined && scopedRoles.includes(role);

  const submit = (v: Values) => {
    const userId = v.userId;
    if (!userId) return;
    create.mutate(
      { userId, role: v.role, unitId: v.unitId ?? null },
      {
        onSuccess: () => {
          void message.success(t('grants.created'));
          form.resetFields();
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err, ['userId', 'role', 'unitId'])) void message.error(errorText(err));
        },
      },
    );
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="grant-form">
      <Row gutter={12} align="bottom">
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="userId" label={t('grants.user')} rules={[{ required: true, message: t('grants.userRequired') }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setSearch }}
              onOpenChange={setOpen}
              loading={accounts.isFetching}
              options={(accounts.data ?? []).map((a) => ({ value: a.id, label: `${a.username} · ${a.displayName}` }))}
              placeholder={t('grants.searchUser')}
              notFoundContent={accounts.isFetching ? t('app.loading') : t('people.noOne')}
              data-testid="grant-user"
            />
          </Form.Item>
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
