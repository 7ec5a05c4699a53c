import { useState, type ReactNode } from 'react';
import { Button, Card, Empty, List, Rate, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { dateTime, localize } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { numberText } from './performance.ts';
import { CandidateStatusTag, SentimentTag } from './performance-tags.tsx';
import type { PerformanceFile } from './use-performance.ts';

const SHOWN = 10;

/** The first SHOWN items, all of them after "显示全部". */
function useShowAll<T>(items: readonly T[]): { shown: readonly T[]; more: ReactNode } {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, SHOWN);
  const more =
    items.length > SHOWN && !all ? (
      <div style={{ textAlign: 'center', marginTop: 8 }}>
        <Button size="small" onClick={() => setAll(true)}>
          {t('performance.file.showAll', { count: items.length })}
        </Button>
      </div>
    ) : null;
  return { shown, more };
}

/** 工作日志: newest first. */
export function WorkLogsCard(props: { logs: PerformanceFile['workLogs'] }) {
  const { t } = useTranslation();
  const logs = [...props.logs].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const { shown, more } = useShowAll(logs);
  return (
    <Card title={t('performance.file.workLogs')} data-testid="performance-work-logs">
      {logs.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('performance.file.workLogsEmpty')} />
      ) : (
        <>
          <List
            size="small"
            dataSource={[...shown]}
            renderItem={(l) => (
              <List.Item style={{ display: 'block', paddingInline: 0 }} data-testid="work-log">
                <Space size={8} wrap>
                  <Typography.Text strong>{l.date}</Typography.Text>
                  <Typography.Text type="secondary">{t('performance.file.hours', { hours: numberText(l.hours) })}</Typography.Text>
                  {l.tags.map((tag) => (
                    <Tag key={tag} style={{ marginInlineEnd: 0 }}>
                      {tag}
                    </Tag>
                  ))}
                </Space>
                <Typography.Paragraph style={{ margin: 0, wordBreak: 'break-word' }}>{l.summary}</Typography.Paragraph>
              </List.Item>
            )}
          />
          {more}
        </>
      )}
    </Card>
  );
}

/** 客户反馈: newest first, with stars and the sentiment. */
export function FeedbackCard(props: { feedback: PerformanceFile['feedback'] }) {
  const { t } = useTranslation();
  const items = [...props.feedback].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const { shown, more } = useShowAll(items);
  return (
    <Card title={t('performance.file.feedback')} data-testid="performance-feedback">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('performance.file.feedbackEmpty')} />
      ) : (
        <>
          <List
            size="small"
            dataSource={[...shown]}
            renderItem={(f) => (
              <List.Item style={{ display: 'block', paddingInline: 0 }} data-testid="feedback-item">
                <Space size={8} wrap>
                  <Typography.Text strong>{f.customer}</Typography.Text>
                  <Rate disabled value={f.rating} style={{ fontSize: 12 }} />
                  <SentimentTag sentiment={f.sentiment} />
                </Space>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {f.date}
                  {f.channel && ` · ${f.channel}`}
                </Typography.Text>
                <Typography.Paragraph style={{ margin: 0, wordBreak: 'break-word' }}>{f.text}</Typography.Paragraph>
              </List.Item>
            )}
          />
          {more}
        </>
      )}
    </Card>
  );
}

/** 预警记录: the person's candidacies (shown only to HR in scope and the manager chain). */
export function CandidaciesCard(props: { candidates: NonNullable<PerformanceFile['candidates']> }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  return (
    <Card title={t('performance.file.candidates')} data-testid="performance-candidates">
      {props.candidates.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('performance.file.candidatesEmpty')} />
      ) : (
        <List
          size="small"
          dataSource={props.candidates}
          renderItem={(c) => (
            <List.Item style={{ display: 'block', paddingInline: 0 }} data-testid="file-candidate">
              <Space size={8} wrap>
                <CandidateStatusTag status={c.status} />
                <Link to={`/candidates?${new URLSearchParams({ status: c.status, open: c.id }).toString()}`}>{c.rule.name}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {dateTime(c.createdAt, lang)}
                </Typography.Text>
              </Space>
              <Typography.Paragraph style={{ margin: 0, wordBreak: 'break-word' }}>{localize(c.evidence.description, lang)}</Typography.Paragraph>
              {c.dismissReason && (
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t('performance.candidates.dismissReason')}: {c.dismissReason}
                </Typography.Text>
              )}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
