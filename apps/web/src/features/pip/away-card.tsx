import { useEffect } from 'react';
import { App, Button, Card, Flex, Form, Input, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PipDelegation, PipDelegationState } from '@uplift/contract';
import { applyFieldErrors, useErrorText } from '../../app/errors.tsx';
import { QueryList } from '../../app/query-list.tsx';
import { useMeta } from '../calendar/use-meta.ts';
import { PersonSelect } from '../people/person-select.tsx';
import { useCreateDelegation, usePipDelegations, useRevokeDelegation } from './use-pips.ts';

type Values = { from: string; to: string; delegateId?: string; note?: string };
const FIELDS = ['from', 'to', 'delegateId', 'note', 'employeeId'];
const colors: Record<PipDelegationState, string> = { upcoming: 'blue', active: 'green', ended: 'default', revoked: 'default' };

/** Today in the browser's calendar, as YYYY-MM-DD: until the server's business date is known. */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function DelegationRow(props: { d: PipDelegation; me: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const revoke = useRevokeDelegation();
  const d = props.d;
  const who = d.employee.id === props.me ? d.delegate.name : `${d.employee.name} → ${d.delegate.name}`;
  return (
    <List.Item
      data-testid="away-row"
      data-id={d.id}
      data-state={d.state}
      actions={
        d.canRevoke
          ? [
              <Popconfirm key="revoke" title={t('pip.away.revokeConfirm')} onConfirm={() => revoke.mutate(d.id, { onSuccess: () => void message.success(t('pip.away.revoked')), onError: (err) => void message.error(errorText(err)) })}>
                <Button size="small" danger loading={revoke.isPending} data-testid="away-revoke">
                  {t('pip.away.revoke')}
                </Button>
              </Popconfirm>,
            ]
          : []
      }
    >
      <div style={{ minWidth: 0, wordBreak: 'break-word' }}>
        <Space size={8} wrap>
          <Typography.Text strong>{who}</Typography.Text>
          <Tag color={colors[d.state]} data-testid="away-state">
            {t(`pip.away.states.${d.state}`)}
          </Tag>
        </Space>
        <Typography.Text type="secondary" style={{ display: 'block' }}>
          {d.from} – {d.to}
          {d.note && ` · ${d.note}`}
          {!d.createdByMe && d.createdBy && ` · ${t('pip.away.setBy', { name: d.createdBy })}`}
        </Typography.Text>
      </div>
    </List.Item>
  );
}

/**
 * 外出代理 on /pips: the caller's standing out-of-office delegations (as the one away, the
 * delegate, or who set it) and a form to add one for themselves. Fits a phone: no table.
 */
export function AwayCard(props: { employeeId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const list = usePipDelegations();
  const create = useCreateDelegation();
  // dates are business dates (the server's time zone), which may differ from the browser's
  const meta = useMeta();
  const today = meta.data?.today ?? localToday();
  useEffect(() => {
    if (meta.data && !form.isFieldsTouched(['from', 'to'])) form.setFieldsValue({ from: meta.data.today, to: meta.data.today });
  }, [meta.data, form]);

  const submit = (v: Values) => {
    create.mutate(
      { delegateId: v.delegateId ?? '', from: v.from, to: v.to, note: v.note ?? '' },
      {
        onSuccess: () => {
          form.resetFields();
          form.setFieldsValue({ from: today, to: today });
          void message.success(t('pip.away.saved'));
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err, FIELDS)) void message.error(errorText(err));
        },
      },
    );
  };

  return (
    <Card size="small" title={t('pip.away.title')} data-testid="away-card" style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t('pip.away.intro')}</Typography.Paragraph>
      <QueryList query={list} pick={(d) => d.items} empty={t('pip.away.empty')} emptyTestId="away-empty" rowKey={(d) => d.id} renderItem={(d) => <DelegationRow d={d} me={props.employeeId} />} listTestId="away-list" />
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('pip.away.add')}
      </Typography.Title>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ from: today, to: today }} data-testid="away-form">
        <Flex wrap gap={12}>
          <Form.Item name="from" label={t('pip.away.from')} rules={[{ required: true }]} style={{ flex: '1 1 140px', minWidth: 0 }}>
            <Input type="date" min={today} data-testid="away-from" />
          </Form.Item>
          <Form.Item name="to" label={t('pip.away.to')} rules={[{ required: true }]} style={{ flex: '1 1 140px', minWidth: 0 }}>
            <Input type="date" min={today} data-testid="away-to" />
          </Form.Item>
        </Flex>
        <Form.Item name="delegateId" label={t('pip.away.delegate')} rules={[{ required: true }]}>
          <PersonSelect exclude={[props.employeeId]} source="delegates" testId="away-delegate" />
        </Form.Item>
        <Form.Item name="note" label={t('pip.away.note')}>
          <Input maxLength={500} placeholder={t('pip.away.notePlaceholder')} data-testid="away-note" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="away-save">
          {t('pip.away.save')}
        </Button>
      </Form>
    </Card>
  );
}
