import { App, Form, Input, Modal, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CreatePip } from '@uplift/contract';
import { applyFieldErrors, useErrorText } from '../../app/errors.tsx';
import { PersonSelect, type PersonOption } from '../people/person-select.tsx';
import { useCreatePip } from './use-pips.ts';

type Values = { employeeId?: string; problemType: 'performance' | 'conduct'; manualReason?: string; description?: string; occurredOn?: string; evidence?: string; plannedStart: string; plannedEnd: string };
/** The local date `days` from today, as YYYY-MM-DD. */
function isoDay(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const FIELDS = ['employeeId', 'problemType', 'manualReason', 'plannedStart', 'plannedEnd', 'violation'];

/**
 * Starts a draft plan: for a person (manager or HR), or from a candidate (HR; the evidence is
 * linked and the candidate closes as converted). The server applies the policy and the template.
 */
export function InitiateModal(props: { open: boolean; onClose: () => void; candidate?: { id: string; employee: PersonOption } | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const create = useCreatePip();
  const problemType = Form.useWatch('problemType', form);
  const start = isoDay(7);

  const submit = (v: Values) => {
    const body: CreatePip = {
      problemType: v.problemType,
      plannedStart: v.plannedStart,
      plannedEnd: v.plannedEnd,
      ...(props.candidate ? { candidateId: props.candidate.id } : { employeeId: v.employeeId ?? '' }),
      ...(v.manualReason ? { manualReason: v.manualReason } : {}),
      ...(v.problemType === 'conduct' ? { violation: { description: v.description ?? '', occurredOn: v.occurredOn ?? '', evidence: v.evidence ?? '' } } : {}),
    };
    create.mutate(body, {
      onSuccess: (r) => {
        props.onClose();
        void navigate(`/pips/${r.id}`);
      },
      onError: (err) => {
        if (!applyFieldErrors(form, err, FIELDS)) void message.error(errorText(err));
      },
    });
  };

  return (
    <Modal
      open={props.open}
      title={props.candidate ? t('pip.convert') : t('pip.initiate')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okButtonProps={{ ...({ 'data-testid': 'initiate-submit' } as Record<string, string>) }}
      destroyOnHidden
      width={560}
      data-testid="initiate-modal"
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ problemType: 'performance', plannedStart: start, plannedEnd: isoDay(7 + 59) }} clearOnDestroy>
        {props.candidate ? (
          <Form.Item label={t('pip.fields.employee')}>{props.candidate.employee.name}</Form.Item>
        ) : (
          <Form.Item name="employeeId" label={t('pip.fields.employee')} rules={[{ required: true }]}>
            <PersonSelect testId="initiate-employee" />
          </Form.Item>
        )}
        <Form.Item name="problemType" label={t('pip.fields.problemType')}>
          <Radio.Group data-testid="initiate-problem-type">
            <Radio value="performance">{t('pip.problemTypes.performance')}</Radio>
            <Radio value="conduct">{t('pip.problemTypes.conduct')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="manualReason" label={t('pip.fields.manualReason')} rules={props.candidate ? [] : [{ required: true, whitespace: true }]}>
          <Input placeholder={t('pip.reasonHint')} maxLength={100} data-testid="initiate-reason" />
        </Form.Item>
        {problemType === 'conduct' && (
          <>
            <Form.Item name="description" label={t('pip.fields.violation')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} data-testid="initiate-violation" />
            </Form.Item>
            <Form.Item name="occurredOn" label={t('pip.fields.occurredOn')} rules={[{ required: true }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="evidence" label={t('pip.fields.evidence')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
            </Form.Item>
          </>
        )}
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="plannedStart" label={t('pip.fields.plannedStart')} rules={[{ required: true }]}>
            <Input type="date" data-testid="initiate-start" />
          </Form.Item>
          <Form.Item name="plannedEnd" label={t('pip.fields.plannedEnd')} rules={[{ required: true }]}>
            <Input type="date" data-testid="initiate-end" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
