import { App, Col, Divider, Form, Input, Modal, Radio, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { createEmployeeSchema, type CreateEmployee } from '@uplift/contract';
import { applyFieldErrors, placeIssues, useErrorText, useIssueText } from '../../app/errors.tsx';
import { bodyIssues, blankToNull, optionalSchemaRule, schemaRule } from '../../app/schema-rule.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { unitName } from '../org/org-tree.ts';
import { UnitTreeSelect } from '../org/unit-tree-select.tsx';
import { useOrgTree } from '../org/use-org.ts';
import { todayIso } from './job-change.ts';
import { PersonSelect } from './person-select.tsx';
import { useCreateEmployee } from './use-people.ts';

type ContractType = NonNullable<CreateEmployee['contract']>['type'];
type Values = {
  employeeNo: string;
  name: string;
  gender: 'male' | 'female';
  birthDate?: string;
  unitId: string;
  position: string;
  grade: string;
  managerId?: string | null;
  hireDate: string;
  status: 'probation' | 'active';
  email?: string;
  mobile?: string;
  nationalId?: string;
  withContract: boolean;
  contract?: { employerId?: string; type?: ContractType; startDate?: string; endDate?: string };
};

const shape = createEmployeeSchema.shape;
const contractShape = shape.contract.unwrap().shape;
const fields = [
  'employeeNo',
  'name',
  'gender',
  'birthDate',
  'unitId',
  'position',
  'grade',
  'managerId',
  'hireDate',
  'status',
  'email',
  'mobile',
  'nationalId',
  'contract.employerId',
  'contract.type',
  'contract.startDate',
  'contract.endDate',
] as const;
const contractTypes: ContractType[] = ['fixed_term', 'open_ended', 'project'];

/** The create request for the form's values: blanks as absent, the contract only when asked for. */
function toBody(v: Values): unknown {
  const c = v.contract;
  return {
    employeeNo: v.employeeNo?.trim(),
    name: v.name?.trim(),
    gender: v.gender,
    birthDate: blankToNull(v.birthDate),
    unitId: v.unitId,
    position: v.position?.trim(),
    grade: v.grade?.trim(),
    managerId: v.managerId ?? null,
    hireDate: v.hireDate,
    status: v.status,
    email: blankToNull(v.email),
    mobile: blankToNull(v.mobile),
    nationalId: blankToNull(v.nationalId),
    ...(v.withContract && c ? { contract: { employerId: c.employerId, type: c.type, startDate: c.startDate, endDate: blankToNull(c.endDate) } } : {}),
  };
}

/** 新增员工: the hire form, checked with createEmployeeSchema field by field and as a whole. */
export function CreateEmployeeModal(props: { open: boolean; defaultUnitId: string | null; onClose: () => void; onCreated: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const inEnglish = useIssueText();
  const [form] = Form.useForm<Values>();
  const withContract = Form.useWatch('withContract', form);
  const tree = useOrgTree();
  const create = useCreateEmployee();
  const employers = (tree.data ?? []).filter((n) => n.active && (n.type === 'group' || n.type === 'subsidiary'));
  const required = (text: string) => ({ required: true, whitespace: true, message: text });

  const submit = (v: Values) => {
    const parsed = createEmployeeSchema.safeParse(toBody(v));
    if (!parsed.success) {
      if (!placeIssues(form, bodyIssues(parsed.error.issues), fields)) void message.error(t('people.form.invalid'));
      return;
    }
    create.mutate(parsed.data, {
      onSuccess: (res) => {
        form.resetFields();
        void message.success(t('people.form.created', { name: parsed.data.name }));
        props.onCreated(res.id);
      },
      onError: (err) => {
        if (!applyFieldErrors(form, err, fields)) void message.error(errorText(err));
      },
    });
  };

  return (
    <Modal
      open={props.open}
      title={t('people.create')}
      okText={t('people.create')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'person-create-submit' } as Record<string, string>}
      width={720}
      destroyOnHidden
    >
      <Form<Values>
        clearOnDestroy
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={{ gender: 'female', status: 'probation', hireDate: todayIso(), unitId: props.defaultUnitId ?? undefined, withContract: false, contract: { type: 'fixed_term' } }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="employeeNo" label={t('people.columns.employeeNo')} validateFirst rules={[required(t('people.form.employeeNoRequired')), schemaRule(shape.employeeNo, inEnglish(t('people.form.tooLong')))]}>
              <Input autoComplete="off" data-testid="person-employee-no" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('people.columns.name')} validateFirst rules={[required(t('people.form.nameRequired')), schemaRule(shape.name, inEnglish(t('people.form.tooLong')))]}>
              <Input autoComplete="off" data-testid="person-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="gender" label={t('people.fields.gender')}>
              <Radio.Group options={[{ value: 'female', label: t('people.genders.female') }, { value: 'male', label: t('people.genders.male') }]} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="birthDate" label={t('people.fields.birthDate')} rules={[optionalSchemaRule(shape.birthDate.unwrap().unwrap(), inEnglish(t('people.form.dateInvalid')))]}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="unitId" label={t('people.columns.unit')} rules={[{ required: true, message: t('people.form.unitRequired') }]}>
              <UnitTreeSelect hide={(n) => !n.active} placeholder={t('people.form.pickUnit')} testId="person-unit" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="position" label={t('people.columns.position')} validateFirst rules={[required(t('people.form.positionRequired')), schemaRule(shape.position, inEnglish(t('people.form.tooLong')))]}>
              <Input autoComplete="off" data-testid="person-position" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="grade" label={t('people.columns.grade')} validateFirst rules={[required(t('people.form.gradeRequired')), schemaRule(shape.grade, inEnglish(t('people.form.tooLong')))]}>
              <Input autoComplete="off" placeholder="P5" data-testid="person-grade" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="managerId" label={t('people.columns.manager')}>
              <PersonSelect allowClear testId="person-manager" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="status" label={t('people.columns.status')}>
              <Radio.Group options={[{ value: 'probation', label: t('people.statuses.probation') }, { value: 'active', label: t('people.statuses.active') }]} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="hireDate" label={t('people.columns.hireDate')} validateFirst rules={[{ required: true, message: t('people.form.dateRequired') }, schemaRule(shape.hireDate, inEnglish(t('people.form.dateInvalid')))]}>
              <Input type="date" data-testid="person-hire-date" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('person.contact')}
        </Divider>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="email" label={t('people.fields.email')} rules={[optionalSchemaRule(shape.email.unwrap().unwrap(), inEnglish(t('people.form.emailInvalid')))]}>
              <Input type="email" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="mobile" label={t('people.fields.mobile')} rules={[optionalSchemaRule(shape.mobile.unwrap().unwrap(), inEnglish(t('people.form.mobileInvalid')))]}>
              <Input inputMode="numeric" autoComplete="off" data-testid="person-mobile" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="nationalId" label={t('people.fields.nationalId')} rules={[optionalSchemaRule(shape.nationalId.unwrap().unwrap(), inEnglish(t('people.form.nationalIdInvalid')))]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="withContract" valuePropName="checked" label={t('people.form.withContract')}>
          <Switch
            data-testid="person-with-contract"
            onChange={(on) => {
              // the first contract usually starts on the hire date
              if (on && !form.getFieldValue(['contract', 'startDate'])) form.setFieldValue(['contract', 'startDate'], form.getFieldValue('hireDate'));
            }}
          />
        </Form.Item>
        {withContract && (
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item name={['contract', 'employerId']} label={t('person.contracts.employer')} rules={[{ required: true, message: t('people.form.employerRequired') }]}>
                <Select
                  options={employers.map((n) => ({ value: n.id, label: unitName(n, lang) }))}
                  placeholder={t('people.form.employerHelp')}
                  data-testid="person-contract-employer"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name={['contract', 'type']} label={t('person.contracts.type')} rules={[{ required: true, message: t('people.form.contractTypeRequired') }]}>
                <Select options={contractTypes.map((ct) => ({ value: ct, label: t(`person.contractTypes.${ct}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name={['contract', 'startDate']} label={t('person.contracts.start')} validateFirst rules={[{ required: true, message: t('people.form.dateRequired') }, schemaRule(contractShape.startDate, inEnglish(t('people.form.dateInvalid')))]}>
                <Input type="date" data-testid="person-contract-start" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name={['contract', 'endDate']} label={t('person.contracts.end')} rules={[optionalSchemaRule(contractShape.endDate.unwrap().unwrap(), inEnglish(t('people.form.dateInvalid')))]}>
                <Input type="date" />
              </Form.Item>
            </Col>
          </Row>
        )}
      </Form>
    </Modal>
  );
}
