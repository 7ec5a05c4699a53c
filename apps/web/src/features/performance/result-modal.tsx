import { Alert, App, Col, Form, Input, InputNumber, Modal, Row, Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { putResultSchema } from '@uplift/contract';
import { applyFieldErrors, placeIssues, useErrorText } from '../../app/errors.tsx';
import { bodyIssues } from '../../app/schema-rule.ts';
import { resultBody, type ResultFormValues } from './performance.ts';
import { useCycles, usePutResult, type PerformanceResult } from './use-performance.ts';

const fields = ['cycleId', 'score', 'target', 'achievement', 'grade', 'comment', 'reason'] as const;
const empty: ResultFormValues = { cycleId: null, score: null, target: null, achievement: null, grade: null, comment: '', reason: '' };

function valuesOf(r: PerformanceResult): ResultFormValues {
  return { cycleId: r.cycleId, score: r.score, target: r.target, achievement: r.achievement, grade: r.grade, comment: r.comment ?? '', reason: '' };
}

/**
 * 录入 / 更正考核结果: a cycle, score, target, achievement %, grade (from the cycle's scale) and a
 * comment. When the person already has a result in the chosen cycle the form holds it and saving
 * is a correction, which needs a reason (the server keeps the previous values).
 */
export function ResultModal(props: { employeeId: string; employeeName: string; results: readonly PerformanceResult[]; cycleId: string | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<ResultFormValues>();
  // fetched with the page, so the cycle list is there when the modal opens
  const cycles = useCycles();
  const put = usePutResult(props.employeeId);
  const cycleId = Form.useWatch('cycleId', form) ?? null;
  const existing = props.results.find((r) => r.cycleId === cycleId) ?? null;
  const cycle = cycles.data?.find((c) => c.id === cycleId) ?? null;
  const grades = cycle?.grades ?? existing?.grades ?? [];

  // what is there for a cycle: a correction starts from it, a new result from nothing. Set at the
  // form's mount (a fresh store each opening) and when a cycle is picked, never from an effect:
  // an effect of this component runs before or after the modal's form has mounted depending on
  // the build, and one that ran after it overwrote the opened result with the cycle watched before
  const valuesFor = (id: string | null): ResultFormValues => {
    const r = id ? props.results.find((x) => x.cycleId === id) : undefined;
    return r ? valuesOf(r) : { ...empty, cycleId: id };
  };

  const submit = (v: ResultFormValues) => {
    if (!v.cycleId) return;
    const body = resultBody(v, existing !== null);
    if (!body) {
      void message.warning(t('performance.result.nothing'));
      return;
    }
    const parsed = putResultSchema.safeParse(body);
    if (!parsed.success) {
      if (!placeIssues(form, bodyIssues(parsed.error.issues), fields)) void message.error(t('performance.result.invalid'));
      return;
    }
    put.mutate(
      { cycleId: v.cycleId, body: parsed.data },
      {
        onSuccess: () => {
          void message.success(existing ? t('performance.result.corrected') : t('performance.result.saved'));
          props.onClose();
        },
        onError: (err) => {
          if (!applyFieldErrors(form, err, fields)) void message.error(errorText(err));
        },
      },
    );
  };

  const cycleOptions = (cycles.data ?? []).map((c) => ({
    value: c.id,
    label: (
      <span>
        {c.name} <span style={{ opacity: 0.6 }}>{c.code}</span> {c.status === 'closed' && <Tag style={{ marginInlineStart: 4 }}>{t('performance.cycleStatuses.closed')}</Tag>}
      </span>
    ),
    title: `${c.name} ${c.code}`,
  }));

  return (
    <Modal
      open={props.open}
      title={props.cycleId ? t('performance.result.titleCorrect', { name: props.employeeName }) : t('performance.result.titleNew', { name: props.employeeName })}
      okText={existing ? t('performance.result.submitCorrect') : t('performance.result.submit')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={put.isPending}
      okButtonProps={{ 'data-testid': 'result-submit' } as Record<string, string>}
      width={600}
      destroyOnHidden
      data-testid="result-modal"
    >
      <Form<ResultFormValues> form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={valuesFor(props.cycleId)} preserve={false} clearOnDestroy>
        <Form.Item name="cycleId" label={t('performance.columns.cycle')} rules={[{ required: true, message: t('performance.result.cycleRequired') }]}>
          <Select
            options={cycleOptions}
            disabled={props.cycleId !== null}
            loading={cycles.isPending}
            placeholder={t('performance.result.pickCycle')}
            showSearch={{ optionFilterProp: 'title' }}
            notFoundContent={t('performance.result.noCycles')}
            onChange={(id: string) => form.setFieldsValue(valuesFor(id))}
            data-testid="result-cycle"
          />
        </Form.Item>
        {existing && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('performance.result.correcting')} data-testid="result-correcting" />}
        <Row gutter={12}>
          <Col xs={12} sm={8}>
            <Form.Item name="score" label={t('performance.metrics.score')}>
              <InputNumber min={0} max={100000} style={{ width: '100%' }} data-testid="result-score" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="target" label={t('performance.columns.target')}>
              <InputNumber min={0} style={{ width: '100%' }} data-testid="result-target" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="achievement" label={t('performance.metrics.achievement')} tooltip={t('performance.result.achievementHint')}>
              <InputNumber min={0} max={1000} suffix="%" style={{ width: '100%' }} data-testid="result-achievement" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="grade" label={t('performance.metrics.grade')}>
              <Select allowClear options={grades.map((g) => ({ value: g, label: g }))} disabled={grades.length === 0} data-testid="result-grade" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="comment" label={t('performance.columns.comment')}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} data-testid="result-comment" />
            </Form.Item>
          </Col>
          {existing && (
            <Col xs={24}>
              <Form.Item name="reason" label={t('performance.result.reason')} rules={[{ required: true, whitespace: true, message: t('performance.result.reasonRequired') }, { max: 500 }]}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} placeholder={t('performance.result.reasonHint')} data-testid="result-reason" />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
