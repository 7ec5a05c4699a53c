import { useEffect, useRef } from 'react';
import { App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { createCycleSchema, cycleTypes, DEFAULT_GRADES, type CycleType } from '@uplift/contract';
import { applyFieldErrors, placeIssues, useErrorText } from '../../app/errors.tsx';
import { bodyIssues } from '../../app/schema-rule.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { UnitTreeSelect } from '../org/unit-tree-select.tsx';
import { useOrgTree, type OrgTreeNode } from '../org/use-org.ts';
import { todayIso } from '../people/job-change.ts';
import { suggestCycle, type CycleSuggestion } from './performance.ts';
import { useCreateCycle } from './use-performance.ts';

type CycleFormValues = { code: string; name: string; type: CycleType; ownerUnitId: string | null; startDate: string; endDate: string; grades: string[] };
/** Cycles belong to the group or a subsidiary: other units cannot be chosen. */
const notOwner = (n: OrgTreeNode) => n.type !== 'group' && n.type !== 'subsidiary';
const fields = ['code', 'name', 'type', 'ownerUnitId', 'startDate', 'endDate', 'grades'] as const;

/**
 * 新建考核周期: code, name, type, owner unit, dates and grade scale (S/A/B/C/D unless changed).
 * Code, name and dates start as the current period of the type and follow a change of type
 * until the user edits them.
 */
export function CreateCycleModal(props: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<CycleFormValues>();
  const create = useCreateCycle();
  const tree = useOrgTree();
  const root = tree.data?.find((u) => u.parentId === null)?.id ?? null;
  const first = suggestCycle('quarterly', todayIso(), lang);
  // the suggestion the fields hold now: replaced on a change of type only where it was not edited
  const suggested = useRef<CycleSuggestion>(first);
  // each opening starts from today's suggestion: the form is cleared when the modal closes
  useEffect(() => {
    if (props.open) suggested.current = suggestCycle('quarterly', todayIso(), lang);
  }, [props.open, lang]);
  // the tree may arrive after the modal opened: the cycle then belongs to the group by default
  useEffect(() => {
    if (props.open && root && !form.getFieldValue('ownerUnitId')) form.setFieldValue('ownerUnitId', root);
  }, [props.open, root, form]);

  const onValuesChange = (changed: Partial<CycleFormValues>) => {
    if (!changed.type) return;
    const next = suggestCycle(changed.type, todayIso(), lang);
    const prev = suggested.current;
    const cur = form.getFieldsValue();
    form.setFieldsValue({
      code: cur.code === prev.code ? next.code : cur.code,
      name: cur.name === prev.name ? next.name : cur.name,
      startDate: cur.startDate === prev.startDate ? next.startDate : cur.startDate,
      endDate: cur.endDate === prev.endDate ? next.endDate : cur.endDate,
    });
    suggested.current = next;
  };

  const submit = (v: CycleFormValues) => {
    const parsed = createCycleSchema.safeParse({ ...v, grades: v.grades.map((g) => g.trim()).filter((g) => g !== '') });
    if (!parsed.success) {
      if (!placeIssues(form, bodyIssues(parsed.error.issues), fields)) void message.error(t('performance.cycles.invalid'));
      return;
    }
    create.mutate(parsed.data, {
      onSuccess: () => {
        void message.success(t('performance.cycles.created'));
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
      title={t('performance.cycles.create')}
      okText={t('performance.cycles.createSubmit')}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'cycle-submit' } as Record<string, string>}
      width={600}
      destroyOnHidden
      afterOpenChange={(o) => {
        if (o) suggested.current = first;
      }}
      data-testid="cycle-modal"
    >
      <Form<CycleFormValues>
        clearOnDestroy
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={onValuesChange}
        requiredMark={false}
        initialValues={{ ...first, type: 'quarterly', ownerUnitId: root, grades: [...DEFAULT_GRADES] }}
      >
        <Row gutter={12}>
          <Col xs={12} sm={8}>
            <Form.Item name="type" label={t('performance.cycles.type')}>
              <Select options={cycleTypes.map((c) => ({ value: c, label: t(`performance.cycleTypes.${c}`) }))} data-testid="cycle-type" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="code" label={t('performance.cycles.code')} rules={[{ required: true, whitespace: true, message: t('performance.cycles.codeRequired') }]}>
              <Input autoComplete="off" data-testid="cycle-code" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="name" label={t('performance.cycles.name')} rules={[{ required: true, whitespace: true, message: t('performance.cycles.nameRequired') }]}>
              <Input autoComplete="off" data-testid="cycle-name" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="ownerUnitId" label={t('performance.cycles.owner')} tooltip={t('performance.cycles.ownerHelp')} rules={[{ required: true, message: t('performance.cycles.ownerRequired') }]}>
              <UnitTreeSelect hide={(n) => !n.active} disable={notOwner} testId="cycle-owner" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="startDate" label={t('performance.cycles.startDate')} rules={[{ required: true, message: t('performance.cycles.dateRequired') }]}>
              <Input type="date" data-testid="cycle-start" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="endDate" label={t('performance.cycles.endDate')} rules={[{ required: true, message: t('performance.cycles.dateRequired') }]}>
              <Input type="date" data-testid="cycle-end" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="grades" label={t('performance.cycles.grades')} extra={t('performance.cycles.gradesHelp')}>
              <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', ' ']} data-testid="cycle-grades" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
