import { App, Button, Card, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { reassessmentConclusions, submitHrbpCommentSchema, submitManagerEvaluationSchema, submitSelfAssessmentSchema, type PipGoal } from '@uplift/contract';
import { applyFieldErrors, placeIssues, useErrorText } from '../../app/errors.tsx';
import { bodyIssues } from '../../app/schema-rule.ts';
import { PercentInput } from './percent-input.tsx';
import { useSubmitHrbpComment, useSubmitManagerEvaluation, useSubmitSelfAssessment, type Evaluation } from './use-checkins.ts';

type Goal = Pick<PipGoal, 'id' | 'title' | 'target' | 'unit'>;
type GoalValues = Record<string, { rating?: string; percent?: number; comment?: string }>;

function RatingSelect(props: { scale: readonly string[]; value?: string; onChange?: (v: string) => void; testId: string }) {
  const { t } = useTranslation();
  return <Select value={props.value} onChange={props.onChange} options={props.scale.map((r) => ({ value: r, label: r }))} placeholder={t('checkins.evaluations.rating')} style={{ width: '100%' }} data-testid={props.testId} />;
}

function GoalRows(props: { goals: readonly Goal[]; scale: readonly string[]; prefix: string; withPercent: boolean }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {props.goals.map((g, i) => (
        <Card key={g.id} size="small" type="inner" title={<span style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>{g.title}</span>} extra={g.target ? <Typography.Text type="secondary">{`${g.target}${g.unit}`}</Typography.Text> : null}>
          <Form.Item name={['goals', g.id, 'rating']} label={t('checkins.evaluations.rating')} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
            <RatingSelect scale={props.scale} testId={`${props.prefix}-${i}-rating`} />
          </Form.Item>
          {props.withPercent && (
            <Form.Item name={['goals', g.id, 'percent']} label={t('checkins.evaluations.percent')} style={{ marginBottom: 8 }}>
              <PercentInput testId={`${props.prefix}-${i}-percent`} ariaLabel={`${g.title} %`} />
            </Form.Item>
          )}
          <Form.Item name={['goals', g.id, 'comment']} style={{ marginBottom: 0 }}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} placeholder={t('checkins.evaluations.comment')} data-testid={`${props.prefix}-${i}-comment`} />
          </Form.Item>
        </Card>
      ))}
    </Space>
  );
}

function SubmitRow(props: { loading: boolean; testId: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
        {t('checkins.evaluations.submitHint')}
      </Typography.Paragraph>
      <Button type="primary" htmlType="submit" loading={props.loading} data-testid={props.testId}>
        {t('checkins.evaluations.submit')}
      </Button>
    </>
  );
}

const MANAGER_FIELDS = ['overall', 'summary', 'conclusion'];
const goalRatings = (goals: readonly Goal[], v: GoalValues) => goals.map((g) => ({ goalId: g.id, rating: v[g.id]?.rating ?? '', comment: v[g.id]?.comment ?? '' }));

/** The manager's part: every goal rated on the scale with how far it is, an overall rating and a summary; a re-assessment also concludes whether the standard is now met. */
export function ManagerEvaluationForm(props: { evaluation: Evaluation; goals: readonly Goal[]; latest: ReadonlyMap<string, number> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const submit = useSubmitManagerEvaluation();
  const [form] = Form.useForm<{ goals: GoalValues; overall?: string; summary: string; conclusion?: (typeof reassessmentConclusions)[number] }>();
  const e = props.evaluation;
  const reassessment = e.kind === 'reassessment';
  const initialGoals: GoalValues = Object.fromEntries(props.goals.map((g) => [g.id, { percent: props.latest.get(g.id) ?? 0, comment: '' }]));
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ goals: initialGoals, summary: '' }}
      data-testid="evaluation-manager-form"
      onFinish={(v) => {
        const body = submitManagerEvaluationSchema.safeParse({
          goals: goalRatings(props.goals, v.goals).map((g) => ({ ...g, percent: v.goals[g.goalId]?.percent ?? 0 })),
          overall: v.overall ?? '',
          summary: v.summary,
          ...(reassessment ? { conclusion: v.conclusion } : {}),
        });
        if (!body.success) return void placeIssues(form, bodyIssues(body.error.issues), MANAGER_FIELDS);
        submit.mutate({ id: e.id, body: body.data }, { onSuccess: () => void message.success(t('checkins.evaluations.submitted')), onError: (err) => void (applyFieldErrors(form, err, MANAGER_FIELDS) || message.error(errorText(err))) });
      }}
    >
      <GoalRows goals={props.goals} scale={e.ratingScale} prefix="eval-goal" withPercent />
      <Form.Item name="overall" label={t('checkins.evaluations.overall')} rules={[{ required: true }]} style={{ marginTop: 12 }}>
        <RatingSelect scale={e.ratingScale} testId="eval-overall" />
      </Form.Item>
      {reassessment && (
        <Form.Item name="conclusion" label={t('checkins.evaluations.conclusion')} rules={[{ required: true }]}>
          <Radio.Group options={reassessmentConclusions.map((c) => ({ value: c, label: t(`checkins.evaluations.conclusions.${c}`) }))} data-testid="eval-conclusion" />
        </Form.Item>
      )}
      <Form.Item name="summary" label={t('checkins.evaluations.summary')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={10000} data-testid="eval-summary" />
      </Form.Item>
      <SubmitRow loading={submit.isPending} testId="eval-manager-submit" />
    </Form>
  );
}

/** The employee's self-assessment: each goal on the same scale with a comment, and a summary. */
export function SelfAssessmentForm(props: { evaluation: Evaluation; goals: readonly Goal[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const submit = useSubmitSelfAssessment();
  const [form] = Form.useForm<{ goals: GoalValues; summary: string }>();
  const e = props.evaluation;
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ summary: '' }}
      data-testid="evaluation-self-form"
      onFinish={(v) => {
        const body = submitSelfAssessmentSchema.safeParse({ goals: goalRatings(props.goals, v.goals), summary: v.summary });
        if (!body.success) return void placeIssues(form, bodyIssues(body.error.issues), ['summary']);
        submit.mutate({ id: e.id, body: body.data }, { onSuccess: () => void message.success(t('checkins.evaluations.submitted')), onError: (err) => void (applyFieldErrors(form, err, ['summary']) || message.error(errorText(err))) });
      }}
    >
      <GoalRows goals={props.goals} scale={e.ratingScale} prefix="self-goal" withPercent={false} />
      <Form.Item name="summary" label={t('checkins.evaluations.summary')} rules={[{ required: true, whitespace: true }]} style={{ marginTop: 12 }}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={10000} data-testid="self-summary" />
      </Form.Item>
      <SubmitRow loading={submit.isPending} testId="eval-self-submit" />
    </Form>
  );
}

/** The HRBP's comment, once the manager's part is in. */
export function HrbpCommentForm(props: { evaluation: Evaluation }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const submit = useSubmitHrbpComment();
  const [form] = Form.useForm<{ comment: string }>();
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="evaluation-hrbp-form"
      onFinish={(v) => {
        const body = submitHrbpCommentSchema.safeParse(v);
        if (!body.success) return void placeIssues(form, bodyIssues(body.error.issues), ['comment']);
        submit.mutate({ id: props.evaluation.id, comment: body.data.comment }, { onSuccess: () => void message.success(t('checkins.evaluations.submitted')), onError: (err) => void (applyFieldErrors(form, err, ['comment']) || message.error(errorText(err))) });
      }}
    >
      <Form.Item name="comment" label={t('checkins.evaluations.hrbpComment')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={10000} data-testid="hrbp-comment" />
      </Form.Item>
      <SubmitRow loading={submit.isPending} testId="eval-hrbp-submit" />
    </Form>
  );
}
