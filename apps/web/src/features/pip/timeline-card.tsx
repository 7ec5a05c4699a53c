import { useState } from 'react';
import { App, Button, Card, Form, Input, List, Radio, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { pipActionLabels, pipEventLabels, pipStateLabels, type PipAction } from '@uplift/contract';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { dateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { useAnswerAppeal, useAppeal, useComment, usePipTimeline, type Pip } from './use-pips.ts';

function CommentForm(props: { planId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const comment = useComment(props.planId);
  const [form] = Form.useForm<{ body: string }>();
  return (
    <Form form={form} onFinish={(v) => comment.mutate(v.body, { onSuccess: () => form.resetFields(), onError: (err) => void message.error(errorText(err)) })}>
      <Form.Item name="body" rules={[{ required: true, whitespace: true }]} style={{ marginBottom: 8 }}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} placeholder={t('pip.timeline.commentPlaceholder')} data-testid="comment-body" />
      </Form.Item>
      <Button htmlType="submit" loading={comment.isPending} data-testid="comment-send">
        {t('pip.timeline.send')}
      </Button>
    </Form>
  );
}

function AppealForm(props: { planId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const appeal = useAppeal(props.planId);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ body: string }>();
  if (!open)
    return (
      <Button onClick={() => setOpen(true)} data-testid="appeal-open">
        {t('pip.appeals.file')}
      </Button>
    );
  return (
    <Form form={form} layout="vertical" onFinish={(v) => appeal.mutate(v.body, { onSuccess: () => setOpen(false), onError: (err) => void message.error(errorText(err)) })}>
      <Form.Item name="body" label={t('pip.appeals.body')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea autoSize={{ minRows: 3 }} maxLength={4000} data-testid="appeal-body" />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={appeal.isPending} data-testid="appeal-send">
          {t('pip.appeals.file')}
        </Button>
        <Button onClick={() => setOpen(false)}>{t('app.cancel')}</Button>
      </Space>
    </Form>
  );
}

function AnswerForm(props: { planId: string; appealId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const answer = useAnswerAppeal(props.planId);
  const [form] = Form.useForm<{ status: 'upheld' | 'dismissed'; answer: string }>();
  return (
    <Form form={form} layout="vertical" initialValues={{ status: 'dismissed' }} onFinish={(v) => answer.mutate({ appealId: props.appealId, ...v }, { onError: (err) => void message.error(errorText(err)) })}>
      <Form.Item name="status">
        <Radio.Group>
          <Radio value="upheld">{t('pip.appeals.uphold')}</Radio>
          <Radio value="dismissed">{t('pip.appeals.dismiss')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="answer" label={t('pip.appeals.answer')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={4000} data-testid="appeal-answer" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={answer.isPending} data-testid="appeal-answer-send">
        {t('pip.appeals.answer')}
      </Button>
    </Form>
  );
}

/** 时间线, 评论 and 申诉: the plan's record, with a comment box for everyone concerned and the employee's appeal. */
export function TimelineCard(props: { plan: Pip; myEmployeeId: string | null }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const tl = usePipTimeline(props.plan.id);
  const employee = props.plan.actors.includes('employee');
  if (tl.isPending) return <Skeleton active />;
  if (tl.isError) return <ErrorAlert error={tl.error} onRetry={() => void tl.refetch()} />;
  const label = (kind: string) => (kind in pipActionLabels ? pipActionLabels[kind as PipAction][lang] : (pipEventLabels[kind]?.[lang] ?? kind));
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {(employee || tl.data.appeals.length > 0) && (
        <Card size="small" title={t('pip.appeals.title')} data-testid="appeals-card">
          <List
            dataSource={tl.data.appeals}
            locale={{ emptyText: ' ' }}
            renderItem={(a) => (
              <List.Item data-testid="appeal" data-status={a.status}>
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Space wrap>
                    <Tag>{t(`pip.appeals.statuses.${a.status}`)}</Tag>
                    <Typography.Text type="secondary">{t('pip.appeals.due', { date: a.dueDate })}</Typography.Text>
                  </Space>
                  <Typography.Text style={{ wordBreak: 'break-word' }}>{a.body}</Typography.Text>
                  {a.answer && <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>{`${t('pip.appeals.answer')}：${a.answer}`}</Typography.Text>}
                  {a.status === 'open' && a.handler.id === props.myEmployeeId && <AnswerForm planId={props.plan.id} appealId={a.id} />}
                </Space>
              </List.Item>
            )}
          />
          {employee && <AppealForm planId={props.plan.id} />}
        </Card>
      )}
      <Card size="small" title={t('pip.timeline.comments')}>
        <List
          dataSource={tl.data.comments}
          locale={{ emptyText: ' ' }}
          renderItem={(c) => (
            <List.Item data-testid="comment">
              <Typography.Text style={{ wordBreak: 'break-word' }}>
                <b>{c.author}</b>：{c.body}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {dateTime(c.at, lang)}
                </Typography.Text>
              </Typography.Text>
            </List.Item>
          )}
        />
        {props.plan.actors.length > 0 && <CommentForm planId={props.plan.id} />}
      </Card>
      <Card size="small" title={t('pip.timeline.title')} data-testid="timeline">
        <Timeline
          items={tl.data.events.map((e) => ({
            key: e.id,
            children: (
              <div style={{ wordBreak: 'break-word' }}>
                <Typography.Text strong>{e.kind === 'delegate' && e.data.auto === true ? label('delegate_auto') : label(e.kind)}</Typography.Text>
                {e.toState && <Typography.Text type="secondary">{` → ${pipStateLabels[e.toState][lang]}`}</Typography.Text>}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {e.actorLabel} · {dateTime(e.at, lang)}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}
