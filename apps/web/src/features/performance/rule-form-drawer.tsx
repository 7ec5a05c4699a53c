import { useEffect, useMemo } from 'react';
import { App, Button, Checkbox, Col, Divider, Drawer, Form, Grid, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { cycleTypes, DEFAULT_GRADES, employeeStatuses, ruleKinds, saveRuleSchema, type FieldIssue, type SaveRule } from '@uplift/contract';
import { ApiError } from '../../app/api-client.ts';
import { useErrorText } from '../../app/errors.tsx';
import { bodyIssues } from '../../app/schema-rule.ts';
import { UnitTreeSelect, UnitsTreeSelect } from '../org/unit-tree-select.tsx';
import { useOrgTree, type OrgTreeNode } from '../org/use-org.ts';
import { defaultRuleForm, formToRule, ruleFieldOf, ruleToForm, type RuleFormValues } from './rule-form.ts';
import { RulePreviewResult } from './rule-preview.tsx';
import { usePreviewRule, useSaveRule, type TriggerRule } from './use-rules.ts';

/** Rules belong to the group or a subsidiary: other units cannot be chosen. */
const notOwner = (n: OrgTreeNode) => n.type !== 'group' && n.type !== 'subsidiary';
const gradeOptions = DEFAULT_GRADES.map((g) => ({ value: g, label: g }));

/** Puts the problems of the body on the fields they belong to; true when every one found a field. */
function placeRuleIssues(form: FormInstance<RuleFormValues>, issues: readonly FieldIssue[], v: RuleFormValues): boolean {
  const byField = new Map<string, string[]>();
  let unplaced = 0;
  for (const issue of issues) {
    const field = ruleFieldOf(issue.path, v);
    if (field === null) unplaced += 1;
    else byField.set(field, [...(byField.get(field) ?? []), issue.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name: name as keyof RuleFormValues, errors })));
  return unplaced === 0 && issues.length > 0;
}

/** The fields of the chosen kind of rule. */
function ParamsFields(props: { kind: RuleFormValues['kind']; metric: RuleFormValues['metric'] }) {
  const { t } = useTranslation();
  const cycleTypeItem = (
    <Col xs={12} sm={8}>
      <Form.Item name="cycleType" label={t('performance.rules.form.cycleType')}>
        <Select options={cycleTypes.map((c) => ({ value: c, label: t(`performance.cycleTypes.${c}`) }))} data-testid="rule-cycle-type" />
      </Form.Item>
    </Col>
  );
  const number = (name: keyof RuleFormValues, label: string, opts: { min: number; max: number; suffix?: string; testId: string }) => (
    <Col xs={12} sm={8}>
      <Form.Item name={name} label={label} rules={[{ required: true, message: t('performance.rules.form.required') }]}>
        <InputNumber min={opts.min} max={opts.max} precision={0} suffix={opts.suffix} style={{ width: '100%' }} data-testid={opts.testId} />
      </Form.Item>
    </Col>
  );
  const threshold = (metric: RuleFormValues['metric']) =>
    metric === 'grade' ? (
      <Col xs={12} sm={8}>
        <Form.Item name="thresholdGrade" label={t('performance.rules.form.thresholdGrade')} rules={[{ required: true, message: t('performance.rules.form.required') }]}>
          <Select options={gradeOptions} data-testid="rule-threshold-grade" />
        </Form.Item>
      </Col>
    ) : (
      <Col xs={12} sm={8}>
        <Form.Item name="threshold" label={t('performance.rules.form.threshold')} rules={[{ required: true, message: t('performance.rules.form.required') }]}>
          <InputNumber min={0} suffix={metric === 'achievement' ? '%' : undefined} style={{ width: '100%' }} data-testid="rule-threshold" />
        </Form.Item>
      </Col>
    );

  switch (props.kind) {
    case 'consecutive_below':
      return (
        <Row gutter={12}>
          {cycleTypeItem}
          <Col xs={12} sm={8}>
            <Form.Item name="metric" label={t('performance.rules.form.metric')}>
              <Select options={(['achievement', 'score', 'grade'] as const).map((m) => ({ value: m, label: t(`performance.metrics.${m}`) }))} data-testid="rule-metric" />
            </Form.Item>
          </Col>
          {threshold(props.metric)}
          {number('cycles', t('performance.rules.form.consecutiveCycles'), { min: 1, max: 12, testId: 'rule-cycles' })}
        </Row>
      );
    case 'rolling_average_below':
      return (
        <Row gutter={12}>
          {cycleTypeItem}
          <Col xs={12} sm={8}>
            <Form.Item name="metric" label={t('performance.rules.form.metric')}>
              <Select options={(['achievement', 'score'] as const).map((m) => ({ value: m, label: t(`performance.metrics.${m}`) }))} data-testid="rule-metric" />
            </Form.Item>
          </Col>
          {threshold(props.metric === 'grade' ? 'achievement' : props.metric)}
          {number('window', t('performance.rules.form.window'), { min: 2, max: 12, testId: 'rule-window' })}
        </Row>
      );
    case 'negative_feedback':
      return (
        <Row gutter={12}>
          {number('count', t('performance.rules.form.count'), { min: 1, max: 100, testId: 'rule-count' })}
          {number('days', t('performance.rules.form.days'), { min: 1, max: 730, suffix: t('performance.rules.form.daysUnit'), testId: 'rule-days' })}
        </Row>
      );
    case 'grade_count':
      return (
        <Row gutter={12}>
          {cycleTypeItem}
          <Col xs={24} sm={16}>
            <Form.Item name="gradeSet" label={t('performance.rules.form.gradeSet')} rules={[{ required: true, type: 'array', min: 1, message: t('performance.rules.form.required') }]}>
              <Select mode="tags" options={gradeOptions} data-testid="rule-grade-set" />
            </Form.Item>
          </Col>
          {number('times', t('performance.rules.form.times'), { min: 1, max: 12, testId: 'rule-times' })}
          {number('cycles', t('performance.rules.form.lastCycles'), { min: 1, max: 12, testId: 'rule-cycles' })}
        </Row>
      );
    default: {
      const never: never = props.kind;
      return never;
    }
  }
}

/**
 * 新建 / 编辑预警规则: name, owner, kind with its parameters, scope; 预览 shows whom the rule
 * would flag now before it is saved or enabled. A new rule is saved disabled.
 */
export function RuleFormDrawer(props: { rule: TriggerRule | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const phone = !Grid.useBreakpoint().md;
  const [form] = Form.useForm<RuleFormValues>();
  const tree = useOrgTree();
  const root = tree.data?.find((u) => u.parentId === null)?.id ?? null;
  // each opening starts from `initial` (clearOnDestroy): the form instance outlives the drawer, and
  // without it the last rule's values won over the next one's
  const initial = useMemo(() => (props.rule ? ruleToForm(props.rule) : defaultRuleForm(root)), [props.rule, root]);
  const kind = Form.useWatch('kind', form) ?? initial.kind;
  const metric = Form.useWatch('metric', form) ?? initial.metric;
  const save = useSaveRule(props.rule?.id ?? null);
  // the tree may arrive after the form opened: a new rule then belongs to the group by default
  useEffect(() => {
    if (props.open && !props.rule && root && !form.getFieldValue('ownerUnitId')) form.setFieldValue('ownerUnitId', root);
  }, [props.open, props.rule, root, form]);
  const preview = usePreviewRule();

  /** The form's body checked by the endpoint's own schema; problems land on their fields. */
  const body = async (): Promise<SaveRule | null> => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return null;
    const all = { ...initial, ...form.getFieldsValue(true) } as RuleFormValues;
    const parsed = saveRuleSchema.safeParse(formToRule(all));
    if (parsed.success) return parsed.data;
    if (!placeRuleIssues(form, bodyIssues(parsed.error.issues), all)) void message.error(t('performance.rules.form.invalid'));
    return null;
  };
  const onError = (err: unknown) => {
    const v = { ...initial, ...form.getFieldsValue(true) } as RuleFormValues;
    if (!(err instanceof ApiError && placeRuleIssues(form, err.issues, v))) void message.error(errorText(err));
  };

  const runPreview = async () => {
    const b = await body();
    if (b) preview.mutate(b, { onError });
  };
  const runSave = async () => {
    const b = await body();
    if (!b) return;
    save.mutate(b, {
      onSuccess: () => {
        void message.success(props.rule ? t('performance.rules.saved') : t('performance.rules.created'));
        props.onClose();
      },
      onError,
    });
  };

  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      title={props.rule ? t('performance.rules.edit') : t('performance.rules.create')}
      size={phone ? '100%' : 720}
      destroyOnHidden
      afterOpenChange={(o) => !o && preview.reset()}
      data-testid="rule-form"
      footer={
        <Space wrap style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={props.onClose}>{t('app.cancel')}</Button>
          <Button icon={<EyeOutlined />} onClick={() => void runPreview()} loading={preview.isPending} data-testid="rule-preview-run">
            {t('performance.rules.preview')}
          </Button>
          <Button type="primary" onClick={() => void runSave()} loading={save.isPending} data-testid="rule-save">
            {t('performance.rules.save')}
          </Button>
        </Space>
      }
    >
      <Form<RuleFormValues> form={form} layout="vertical" requiredMark={false} initialValues={initial} onValuesChange={() => preview.reset()} preserve clearOnDestroy>
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item name="name" label={t('performance.rules.form.name')} rules={[{ required: true, whitespace: true, message: t('performance.rules.form.nameRequired') }, { max: 100 }]}>
              <Input autoComplete="off" placeholder={t('performance.rules.form.namePlaceholder')} data-testid="rule-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="ownerUnitId" label={t('performance.rules.form.owner')} tooltip={t('performance.rules.form.ownerHelp')} rules={[{ required: true, message: t('performance.rules.form.required') }]}>
              <UnitTreeSelect hide={(n) => !n.active} disable={notOwner} testId="rule-owner" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('performance.rules.form.condition')}
        </Divider>
        <Form.Item name="kind" label={t('performance.rules.form.kind')} extra={t(`performance.ruleKindHints.${kind}`)}>
          <Select options={ruleKinds.map((k) => ({ value: k, label: t(`performance.ruleKinds.${k}`) }))} data-testid="rule-kind" />
        </Form.Item>
        <ParamsFields kind={kind} metric={metric} />
        <Divider titlePlacement="start" plain>
          {t('performance.rules.form.scope')}
        </Divider>
        <Form.Item name="unitIds" label={t('performance.rules.form.units')} extra={t('performance.rules.form.unitsHelp')}>
          <UnitsTreeSelect placeholder={t('performance.rules.form.allUnits')} testId="rule-units" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="positions" label={t('performance.rules.form.positions')}>
              <Select mode="tags" open={false} suffixIcon={null} placeholder={t('performance.rules.form.anyPosition')} tokenSeparators={[',', '，']} data-testid="rule-positions" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="grades" label={t('performance.rules.form.grades')}>
              <Select mode="tags" open={false} suffixIcon={null} placeholder={t('performance.rules.form.anyGrade')} tokenSeparators={[',', '，']} data-testid="rule-grades" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="minTenureDays" label={t('performance.rules.form.minTenure')}>
              <InputNumber min={0} max={36500} precision={0} suffix={t('performance.rules.form.daysUnit')} style={{ width: '100%' }} data-testid="rule-min-tenure" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="excludeStatuses" label={t('performance.rules.form.excludeStatuses')}>
              <Checkbox.Group options={employeeStatuses.map((s) => ({ value: s, label: t(`people.statuses.${s}`) }))} data-testid="rule-exclude" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {preview.data && (
        <>
          <Divider titlePlacement="start" plain>
            {t('performance.rules.preview')}
          </Divider>
          <RulePreviewResult preview={preview.data} />
        </>
      )}
      {!preview.data && !props.rule?.enabled && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
          {t('performance.rules.previewHint')}
        </Typography.Paragraph>
      )}
    </Drawer>
  );
}
