import { App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeEmployeeSchema, employeeStatuses, type EmployeeDetail } from '@uplift/contract';
import { applyFieldErrors, placeIssues, useErrorText, useIssueText } from '../../app/errors.tsx';
import { bodyIssues, optionalSchemaRule, schemaRule } from '../../app/schema-rule.ts';
import { UnitTreeSelect } from '../org/unit-tree-select.tsx';
import { jobChangeBody, todayIso, type JobChangeValues } from './job-change.ts';
import { PersonSelect } from './person-select.tsx';
import { useChangeEmployee } from './use-people.ts';

const shape = changeEmployeeSchema.shape;
const fields = ['effectiveDate', 'reason', 'unitId', 'managerId', 'position', 'grade', 'status', 'leaveReason'] as const;

/** 调整任职: unit, manager, position, grade or status from a date, with a reason. */
export function ChangeJobModal(props: { person: EmployeeDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const inEnglish = useIssueText();
  const [form] = Form.useForm<JobChangeValues>();
  const status = Form.useWatch('status', form);
  const change = useChangeEmployee(props.person.id);
  const p = props.person;

  const submit = (v: JobChangeValues) => {
    const body = jobChangeBody(p, v);
    if (!body) {
      void message.warning(t('person.change.nothing'));
      return;
    }
    const parsed = changeEmployeeSchema.safeParse(body);
    if (!parsed.success) {
      if (!placeIssues(form, bodyIssues(parsed.error.issues), fields)) void message.error(t('people.form.invalid'));
      return;
    }
    change.mutate(parsed.data, {
      onSuccess: (res) => {
        // a leaver's open work lands in the handover card below (the hook keeps the answer)
        void message.success(res.openWork ? t('person.change.leftDone') : t('person.change.done'));
        props.onClose();
      },
      onError: (err) => {
        if (!applyFieldErrors(form, err, fields)) void message.error(errorText(err));
      },
    });
  };

  return (
    <Modal
      open={props.open}
      title={t('person.change.title', { name: p.name })}
      okText={t('person.change.submit')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={change.isPending}
      okButtonProps={{ 'data-testid': 'job-change-submit' } as Record<string, string>}
      width={640}
      destroyOnHidden
    >
      <Form<JobChangeValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={{ effectiveDate: todayIso(), reason: '', unitId: p.unitId, managerId: p.managerId, position: p.position, grade: p.grade, status: p.status, leaveReason: '' }}
        // each opening starts from the person as they are now, not from what the last opening left
        clearOnDestroy
      >
        <Row gutter={12}>
          <Col xs={24} sm={10}>
            <Form.Item name="effectiveDate" label={t('person.change.effectiveDate')} validateFirst rules={[{ required: true, message: t('people.form.dateRequired') }, schemaRule(shape.effectiveDate, inEnglish(t('people.form.dateInvalid')))]}>
              <Input type="date" data-testid="job-change-date" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item name="reason" label={t('person.change.reason')} validateFirst rules={[{ required: true, whitespace: true, message: t('person.change.reasonRequired') }, schemaRule(shape.reason, inEnglish(t('people.form.tooLong')))]}>
              <Input autoComplete="off" placeholder={t('person.change.reasonHint')} data-testid="job-change-reason" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="unitId" label={t('people.columns.unit')} rules={[{ required: true, message: t('people.form.unitRequired') }]}>
              <UnitTreeSelect hide={(n) => !n.active} testId="job-change-unit" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="managerId" label={t('people.columns.manager')}>
              <PersonSelect allowClear current={p.managerId && p.managerName ? { id: p.managerId, name: p.managerName } : null} exclude={[p.id]} placeholder={t('person.change.noManager')} testId="job-change-manager" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="position" label={t('people.columns.position')} validateFirst rules={[{ required: true, whitespace: true, message: t('people.form.positionRequired') }, schemaRule(shape.position.unwrap(), inEnglish(t('people.form.tooLong')))]}>
              <Input autoComplete="off" data-testid="job-change-position" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="grade" label={t('people.columns.grade')} validateFirst rules={[{ required: true, whitespace: true, message: t('people.form.gradeRequired') }, schemaRule(shape.grade.unwrap(), inEnglish(t('people.form.tooLong')))]}>
              <Input autoComplete="off" data-testid="job-change-grade" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="status" label={t('people.columns.status')}>
              <Select options={employeeStatuses.map((s) => ({ value: s, label: t(`people.statuses.${s}`) }))} data-testid="job-change-status" />
            </Form.Item>
          </Col>
          {status === 'left' && p.status !== 'left' && (
            <Col xs={24} sm={12}>
              <Form.Item name="leaveReason" label={t('people.fields.leaveReason')} extra={t('person.change.leaveHint')} rules={[optionalSchemaRule(shape.leaveReason.unwrap(), inEnglish(t('people.form.tooLong')))]}>
                <Input autoComplete="off" data-testid="job-change-leave-reason" />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
