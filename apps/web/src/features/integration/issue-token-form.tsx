import { App, Button, Checkbox, Col, Form, Input, Row, Select } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { apiOperations, type ApiOperation, type IssuedToken } from '@uplift/contract';
import { applyFieldErrors, useErrorText } from '../../app/errors.tsx';
import { UnitsTreeSelect } from '../org/unit-tree-select.tsx';
import { expiresAtIn, labelKey, tokenLifetimes } from './integration.ts';
import { useIssueToken } from './use-integration.ts';

type Values = { name: string; operations: ApiOperation[]; unitIds: string[]; days: number };

/** 签发令牌: name, operations, org subtrees, lifetime. `onIssued` gets the plain token (shown once). */
export function IssueTokenForm(props: { accountId: string; onIssued: (issued: IssuedToken) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const issue = useIssueToken();

  const submit = (v: Values) =>
    issue.mutate(
      { accountId: props.accountId, body: { name: v.name.trim(), operations: v.operations, unitIds: v.unitIds, expiresAt: expiresAtIn(v.days, new Date()) } },
      {
        onSuccess: (issued) => {
          form.resetFields();
          props.onIssued(issued);
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err, ['name', 'operations', 'unitIds', 'expiresAt'])) void message.error(errorText(err));
        },
      },
    );

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ operations: [], unitIds: [], days: 90 }} data-testid="issue-token-form">
      <Row gutter={12}>
        <Col xs={24} sm={14}>
          <Form.Item name="name" label={t('integration.tokens.name')} rules={[{ required: true, whitespace: true, message: t('integration.accounts.nameRequired') }]}>
            <Input autoComplete="off" maxLength={64} placeholder={t('integration.tokens.namePlaceholder')} data-testid="token-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={10}>
          <Form.Item name="days" label={t('integration.tokens.expiry')}>
            <Select options={tokenLifetimes.map((d) => ({ value: d, label: t('integration.tokens.days', { count: d }) }))} data-testid="token-days" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="operations" label={t('integration.tokens.operations')} rules={[{ required: true, type: 'array', min: 1, message: t('integration.tokens.operationsRequired') }]}>
        <Checkbox.Group options={apiOperations.map((o) => ({ value: o, label: t(`integration.operations.${labelKey(o)}`) }))} data-testid="token-operations" />
      </Form.Item>
      <Form.Item name="unitIds" label={t('integration.tokens.units')} extra={t('integration.tokens.unitsHelp')} rules={[{ required: true, type: 'array', min: 1, message: t('integration.tokens.unitsRequired') }]}>
        <UnitsTreeSelect placeholder={t('integration.tokens.pickUnits')} testId="token-units" />
      </Form.Item>
      <Button type="primary" htmlType="submit" icon={<KeyOutlined />} loading={issue.isPending} data-testid="token-issue">
        {t('integration.tokens.issue')}
      </Button>
    </Form>
  );
}
