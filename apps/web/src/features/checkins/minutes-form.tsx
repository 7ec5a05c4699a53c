import { App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { recordMinutesSchema, type PipGoal } from '@uplift/contract';
import { applyFieldErrors, placeIssues, useErrorText } from '../../app/errors.tsx';
import { bodyIssues } from '../../app/schema-rule.ts';
import { PercentInput } from './percent-input.tsx';
import { useRecordMinutes, type Checkin } from './use-checkins.ts';

type Values = { minutes: string; progress: Record<string, { percent: number; comment?: string }> };
// a problem with a goal's row has no field of its own: it is shown as a message
const FIELDS = ['minutes'];

/**
 * The manager's minutes: what was said and, per goal, how far it is (0–100 %) with a note.
 * Starts from what this meeting recorded before, else from each goal's latest recorded percent.
 */
export function MinutesForm(props: { checkin: Checkin; goals: readonly Pick<PipGoal, 'id' | 'title' | 'target' | 'unit'>[]; latest: ReadonlyMap<string, number>; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const record = useRecordMinutes();
  const [form] = Form.useForm<Values>();
  const c = props.checkin;
  const initial: Values = {
    minutes: c.minutes ?? '',
    progress: Object.fromEntries(
      props.goals.map((g) => {
        const mine = c.progress.find((p) => p.goalId === g.id);
        return [g.id, { percent: mine?.percent ?? props.latest.get(g.id) ?? 0, comment: mine?.comment ?? '' }];
      }),
    ),
  };

  const submit = (v: Values) => {
    const body = recordMinutesSchema.safeParse({ minutes: v.minutes, progress: props.goals.map((g) => ({ goalId: g.id, percent: v.progress[g.id]?.percent ?? 0, comment: v.progress[g.id]?.comment ?? '' })) });
    if (!body.success) return void placeIssues(form, bodyIssues(body.error.issues), FIELDS);
    record.mutate(
      { id: c.id, ...body.data },
      {
        onSuccess: () => {
          void message.success(t('checkins.minutesSaved'));
          props.onDone();
        },
        onError: (err) => void (applyFieldErrors(form, err, FIELDS) || message.error(errorText(err))),
      },
    );
  };

  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} data-testid="minutes-form">
      <Form.Item name="minutes" label={t('checkins.minutes')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={20000} placeholder={t('checkins.minutesPlaceholder')} data-testid="minutes-text" />
      </Form.Item>
      <Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>
        {t('checkins.progress')}
      </Typography.Text>
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        {props.goals.map((g, i) => (
          <Card key={g.id} size="small" type="inner" title={<span style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>{g.title}</span>} extra={g.target ? <Typography.Text type="secondary">{`${g.target}${g.unit}`}</Typography.Text> : null}>
            <Form.Item name={['progress', g.id, 'percent']} style={{ marginBottom: 8 }}>
              <PercentInput testId={`progress-${i}-percent`} ariaLabel={`${g.title} %`} />
            </Form.Item>
            <Form.Item name={['progress', g.id, 'comment']} style={{ marginBottom: 0 }}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} placeholder={t('checkins.progressComment')} data-testid={`progress-${i}-comment`} />
            </Form.Item>
          </Card>
        ))}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
        {t('checkins.minutesEditable')}
      </Typography.Paragraph>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="minutes-save">
          {t('checkins.saveMinutes')}
        </Button>
        <Button onClick={props.onDone}>{t('app.cancel')}</Button>
      </Space>
    </Form>
  );
}
