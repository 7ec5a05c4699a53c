import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Modal, Skeleton, Space, Typography } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { changeEmployeeSchema, type EmployeeDetail } from '@uplift/contract';
import { applyFieldErrors, ErrorAlert, useErrorText, useIssueText } from '../../app/errors.tsx';
import { schemaRule } from '../../app/schema-rule.ts';
import { todayIso } from './job-change.ts';
import { PersonSelect } from './person-select.tsx';
import { useHandover, useReassignReports, type ReassignReports } from './use-people.ts';

const shape = changeEmployeeSchema.shape;

/** 离职交接: what a leaver still holds, and moving all their reports to a new manager at once. */
export function HandoverCard(props: { person: EmployeeDetail }) {
  const { t } = useTranslation();
  const p = props.person;
  const handover = useHandover(p.id, true);
  const [reassigning, setReassigning] = useState(false);

  let body;
  if (handover.isPending) body = <Skeleton active paragraph={{ rows: 3 }} />;
  else if (handover.isError) body = <ErrorAlert error={handover.error} onRetry={() => void handover.refetch()} />;
  else {
    const w = handover.data;
    const nothing = w.reports.length === 0 && w.leads.length === 0 && w.hrbpOf.length === 0;
    body = nothing ? (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('person.handover.nothing')} data-testid="handover-nothing" />
    ) : (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {w.reports.length > 0 && (
          <div data-testid="handover-reports">
            <Typography.Text strong>{t('person.handover.reports', { count: w.reports.length })}</Typography.Text>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 12px', margin: '6px 0 8px' }}>
              {w.reports.map((r) => (
                <Link key={r.id} to={`/people/${r.id}`}>
                  {t('people.nameWithNo', { name: r.name, no: r.employeeNo })}
                </Link>
              ))}
            </div>
            <Button icon={<SwapOutlined />} onClick={() => setReassigning(true)} data-testid="handover-reassign">
              {t('person.handover.reassign')}
            </Button>
          </div>
        )}
        {w.leads.length > 0 && (
          <div data-testid="handover-leads">
            <Typography.Text strong>{t('person.handover.leads')}</Typography.Text>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 12px', marginTop: 6 }}>
              {w.leads.map((u) => (
                <Link key={u.id} to={`/org?unit=${u.id}`}>
                  {u.name}
                </Link>
              ))}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('person.handover.leadsHint')}
            </Typography.Text>
          </div>
        )}
        {w.hrbpOf.length > 0 && (
          <div data-testid="handover-hrbp">
            <Typography.Text strong>{t('person.handover.hrbpOf')}</Typography.Text>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 12px', marginTop: 6 }}>
              {w.hrbpOf.map((u) => (
                <Link key={u.id} to={`/org?unit=${u.id}`}>
                  {u.name}
                </Link>
              ))}
            </div>
          </div>
        )}
      </Space>
    );
  }

  return (
    <Card title={t('person.handover.title')} data-testid="handover-card">
      {body}
      <ReassignModal person={p} open={reassigning} onClose={() => setReassigning(false)} />
    </Card>
  );
}

function ReassignModal(props: { person: EmployeeDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const inEnglish = useIssueText();
  const [form] = Form.useForm<ReassignReports>();
  const reassign = useReassignReports(props.person.id);

  const submit = (v: ReassignReports) =>
    reassign.mutate(
      { ...v, reason: v.reason.trim() },
      {
        onSuccess: (res) => {
          void message.success(t('person.handover.moved', { count: res.moved }));
          props.onClose();
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err, ['newManagerId', 'effectiveDate', 'reason'])) void message.error(errorText(err));
        },
      },
    );

  return (
    <Modal
      open={props.open}
      title={t('person.handover.reassignTitle', { name: props.person.name })}
      okText={t('person.handover.reassign')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={reassign.isPending}
      okButtonProps={{ 'data-testid': 'handover-reassign-submit' } as Record<string, string>}
      destroyOnHidden
    >
      <Form<ReassignReports> form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ effectiveDate: todayIso(), reason: t('person.handover.defaultReason') }} clearOnDestroy>
        <Form.Item name="newManagerId" label={t('person.handover.newManager')} rules={[{ required: true, message: t('person.handover.newManagerRequired') }]}>
          <PersonSelect exclude={[props.person.id]} testId="handover-new-manager" />
        </Form.Item>
        <Form.Item name="effectiveDate" label={t('person.change.effectiveDate')} validateFirst rules={[{ required: true, message: t('people.form.dateRequired') }, schemaRule(shape.effectiveDate, inEnglish(t('people.form.dateInvalid')))]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="reason" label={t('person.change.reason')} validateFirst rules={[{ required: true, whitespace: true, message: t('person.change.reasonRequired') }, schemaRule(shape.reason, inEnglish(t('people.form.tooLong')))]}>
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
