import { useState } from 'react';
import { App, Button, Card, Checkbox, Collapse, Empty, Input, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { askQuestionSchema, type PolicyQuestion } from '@uplift/contract';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { useAnswer, useAsk, useFaq, usePublishFaq, useQuestions } from './use-policies.ts';

/** HR's answer box under a question (answer, and publish to the FAQ or take it down). */
function AnswerBox(props: { q: PolicyQuestion }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const answer = useAnswer();
  const publish = usePublishFaq();
  const [text, setText] = useState(props.q.answer ?? '');
  const [toFaq, setToFaq] = useState(props.q.published);
  const onError = (err: unknown) => void message.error(errorText(err));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} placeholder={t('policies.qa.answerPlaceholder')} autoSize={{ minRows: 2 }} data-testid="qa-answer-text" />
      <Space wrap>
        <Checkbox checked={toFaq} onChange={(e) => setToFaq(e.target.checked)}>
          {t('policies.qa.publish')}
        </Checkbox>
        <Button type="primary" size="small" disabled={text.trim() === ''} loading={answer.isPending} onClick={() => answer.mutate({ id: props.q.id, answer: text.trim(), publish: toFaq }, { onError })} data-testid="qa-answer-send">
          {t('policies.qa.save')}
        </Button>
        {props.q.answer && (
          <Button size="small" loading={publish.isPending} onClick={() => publish.mutate({ id: props.q.id, published: !props.q.published }, { onError })}>
            {props.q.published ? t('policies.qa.unpublish') : t('policies.qa.publish')}
          </Button>
        )}
      </Space>
    </Space>
  );
}

function QuestionItem(props: { q: PolicyQuestion; hr: boolean }) {
  const { t, i18n } = useTranslation();
  const q = props.q;
  return (
    <List.Item data-testid="qa-question" style={{ display: 'block' }}>
      <Space wrap size={4}>
        <Typography.Text strong style={{ overflowWrap: 'anywhere' }}>
          {q.question}
        </Typography.Text>
        {q.published && <Tag color="green">{t('policies.qa.published')}</Tag>}
        {!q.answer && <Tag>{t('policies.qa.awaiting')}</Tag>}
      </Space>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {q.asker ? `${t('policies.qa.asker')}：${q.asker.name}（${q.asker.unitName}） · ` : ''}
        {new Date(q.createdAt).toLocaleString(i18n.language)}
      </Typography.Text>
      {q.answer && !props.hr && <Typography.Paragraph style={{ marginTop: 4, overflowWrap: 'anywhere' }}>{q.answer}</Typography.Paragraph>}
      {props.hr && <AnswerBox q={q} />}
    </List.Item>
  );
}

/** /policies/:ownerId/qa: ask (people in scope), answer and publish (HR), and the FAQ. */
export function PolicyQaPage() {
  const { t } = useTranslation();
  const { ownerId = '' } = useParams();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const questions = useQuestions(ownerId);
  const faq = useFaq(ownerId);
  const ask = useAsk(ownerId);
  const [text, setText] = useState('');
  const hr = (questions.data ?? []).some((q) => q.asker !== null);
  const valid = askQuestionSchema.safeParse({ question: text }).success;

  if (questions.isError) return <ErrorAlert error={questions.error} onRetry={() => void questions.refetch()} />;
  return (
    <div style={{ maxWidth: 860 }}>
      <Typography.Title level={3}>{t('policies.qa.title')}</Typography.Title>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small" title={t('policies.qa.faq')} data-testid="qa-faq">
          {faq.isPending ? (
            <Skeleton active />
          ) : (faq.data ?? []).length === 0 ? (
            <Empty description={t('policies.qa.noFaq')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <Collapse items={(faq.data ?? []).map((q) => ({ key: q.id, label: <span style={{ overflowWrap: 'anywhere' }}>{q.question}</span>, children: <Typography.Paragraph style={{ overflowWrap: 'anywhere' }}>{q.answer}</Typography.Paragraph> }))} />
          )}
        </Card>
        <Card size="small" title={t('policies.qa.ask')}>
          <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} placeholder={t('policies.qa.askPlaceholder')} autoSize={{ minRows: 2 }} maxLength={2000} data-testid="qa-ask-text" />
          <Button
            type="primary"
            style={{ marginTop: 8 }}
            disabled={!valid}
            loading={ask.isPending}
            onClick={() =>
              ask.mutate(text.trim(), {
                onSuccess: () => {
                  setText('');
                  void message.success(t('policies.qa.sent'));
                },
                onError: (err) => void message.error(errorText(err)),
              })
            }
            data-testid="qa-ask-send"
          >
            {t('policies.qa.send')}
          </Button>
        </Card>
        <Card size="small" title={hr ? t('policies.qa.questions') : t('policies.qa.mine')}>
          {questions.isPending ? <Skeleton active /> : <List dataSource={questions.data} locale={{ emptyText: t('policies.qa.noQuestions') }} renderItem={(q) => <QuestionItem q={q} hr={q.asker !== null} />} />}
        </Card>
      </Space>
    </div>
  );
}
