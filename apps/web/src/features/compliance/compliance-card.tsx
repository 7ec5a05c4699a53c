import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, List, Modal, Radio, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { GuardCondition, GuardReport, TerminationReview } from '@uplift/contract';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { QueryList } from '../../app/query-list.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { dateTime } from '../../i18n/format.ts';
import type { Pip } from '../pip/use-pips.ts';
import { useDecideTermination, useGuard, useProposeTermination, useTerminationReviews } from './use-compliance.ts';

const yuanToCents = (v: number | null | undefined) => Math.round((v ?? 0) * 100);
const yuan = (cents: number) => (cents / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Each condition of the guard: met or not, why, and the evidence it relied on. */
function GuardList(props: { report: GuardReport }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  return (
    <List
      size="small"
      dataSource={props.report.conditions}
      data-testid="guard-conditions"
      renderItem={(c) => (
        <List.Item data-testid="guard-condition" data-condition={c.condition} data-met={String(c.met)} style={{ display: 'block' }}>
          <Space size={6} wrap>
            <Tag color={c.met ? 'green' : 'red'}>{c.met ? t('compliance.met') : t('compliance.unmet')}</Tag>
            <Typography.Text strong>{c.title[lang]}</Typography.Text>
          </Space>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', wordBreak: 'break-word' }}>
            {c.explanation[lang]}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-word' }}>
            {t('compliance.evidence')}：{c.evidence.length ? c.evidence.map((e) => `${e.label}${e.date ? `（${e.date}）` : ''}`).join('；') : t('compliance.noEvidence')}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}

type ProposeForm = { unionDate: string; unionNote: string; noticeMode: 'notice' | 'pay_in_lieu'; noticeOn?: string; averageMonthly: number; lastMonth: number; localAverageMonthly: number; overrides?: Record<string, string> };

/** HR's proposal: union notification, notice, wage figures, and a reason for each unmet condition. */
function ProposeModal(props: { plan: Pip; report: GuardReport; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<ProposeForm>();
  const propose = useProposeTermination(props.plan.id);
  // the union notification is entered here, so it is not overridden; every other unmet condition needs a reason
  const unmet = props.report.conditions.filter((c) => !c.met && c.condition !== 'union_notified');
  const submit = (v: ProposeForm) =>
    propose.mutate(
      {
        union: { date: v.unionDate, note: v.unionNote },
        noticeMode: v.noticeMode,
        ...(v.noticeOn && { noticeOn: v.noticeOn }),
        wages: { averageMonthly: yuanToCents(v.averageMonthly), lastMonth: yuanToCents(v.lastMonth), localAverageMonthly: yuanToCents(v.localAverageMonthly) },
        overrides: unmet.map((c) => ({ condition: c.condition, reason: v.overrides?.[c.condition] ?? '' })),
      },
      { onSuccess: () => (void message.success(t('compliance.submitted')), props.onClose()), onError: (err) => void message.error(errorText(err)) },
    );
  return (
    <Modal open={props.open} title={t('compliance.propose')} onCancel={props.onClose} okText={t('compliance.submit')} confirmLoading={propose.isPending} onOk={() => form.submit()} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('compliance.proposeHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ noticeMode: 'notice' }} clearOnDestroy>
        <Form.Item name="unionDate" label={t('compliance.unionDate')} rules={[{ required: true }]}>
          <Input type="date" data-testid="guard-union-date" />
        </Form.Item>
        <Form.Item name="unionNote" label={t('compliance.unionNote')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} data-testid="guard-union-note" />
        </Form.Item>
        <Form.Item name="noticeMode" label={t('compliance.noticeMode')}>
          <Radio.Group options={(['notice', 'pay_in_lieu'] as const).map((m) => ({ value: m, label: t(`compliance.noticeModes.${m}`) }))} />
        </Form.Item>
        <Form.Item name="noticeOn" label={t('compliance.noticeOn')}>
          <Input type="date" />
        </Form.Item>
        {(['averageMonthly', 'lastMonth', 'localAverageMonthly'] as const).map((k) => (
          <Form.Item key={k} name={k} label={t(`compliance.${k}`)} rules={[{ required: true }]}>
            <InputNumber min={0} max={10_000_000} precision={2} style={{ width: '100%' }} data-testid={`guard-${k}`} />
          </Form.Item>
        ))}
        {unmet.length > 0 && <Typography.Text strong>{t('compliance.overrides')}</Typography.Text>}
        {unmet.map((c) => (
          <Form.Item key={c.condition} name={['overrides', c.condition]} label={t('compliance.overrideFor', { title: c.title[lang] })} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} data-testid={`guard-override-${c.condition}`} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

/** One review: notice, compensation, overrides, who proposed and decided; approve or reject for HR. */
function ReviewItem(props: { plan: Pip; review: TerminationReview; canDecide: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const decide = useDecideTermination(props.plan.id);
  const [note, setNote] = useState('');
  const r = props.review;
  const titleOf = (c: GuardCondition) => r.guard.conditions.find((x) => x.condition === c)?.title[lang] ?? c;
  return (
    <List.Item style={{ display: 'block' }} data-testid="termination-review" data-status={r.status}>
      <Space size={6} wrap>
        <Tag color={r.status === 'approved' ? 'red' : r.status === 'rejected' ? 'default' : 'gold'}>{t(`compliance.statuses.${r.status}`)}</Tag>
        <Typography.Text type="secondary">{t('compliance.proposedBy', { name: r.proposed.name, at: dateTime(r.proposed.at, lang) })}</Typography.Text>
      </Space>
      <Typography.Paragraph style={{ margin: '6px 0 0', wordBreak: 'break-word' }}>
        {t(`compliance.noticeModes.${r.notice.mode}`)} · {t('compliance.lastDay', { date: r.notice.lastDay })}
        {r.notice.payInLieu !== null && ` · ${t('compliance.payInLieu', { amount: t('compliance.yuan', { value: yuan(r.notice.payInLieu) }) })}`}
        <br />
        {t('compliance.compensation', { months: r.compensation.monthsCounted, base: t('compliance.yuan', { value: yuan(r.compensation.base) }), total: t('compliance.yuan', { value: yuan(r.compensation.total) }) })}
        {r.compensation.capped && t('compliance.capped')}
      </Typography.Paragraph>
      {r.overrides.map((o) => (
        <Typography.Paragraph key={o.condition} type="warning" style={{ margin: '4px 0 0', wordBreak: 'break-word' }}>
          {t('compliance.overridden')}「{titleOf(o.condition)}」：{o.reason}（{o.by}）
        </Typography.Paragraph>
      ))}
      {r.decided && <Typography.Paragraph style={{ margin: '4px 0 0' }}>{t('compliance.decidedBy', { name: r.decided.name, at: dateTime(r.decided.at, lang), decision: t(`compliance.${r.decided.decision === 'approved' ? 'approve' : 'reject'}`), note: r.decided.note })}</Typography.Paragraph>}
      {r.status === 'proposed' && props.canDecide && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('compliance.decisionNote')} autoSize={{ minRows: 2 }} maxLength={2000} data-testid="termination-note" />
          <Space wrap>
            {(['approved', 'rejected'] as const).map((d) => (
              <Button key={d} danger={d === 'approved'} disabled={!note.trim()} loading={decide.isPending} data-testid={`termination-${d}`} onClick={() => decide.mutate({ reviewId: r.id, decision: d, note }, { onSuccess: () => void message.success(t('compliance.decided')), onError: (err) => void message.error(errorText(err)) })}>
                {t(`compliance.${d === 'approved' ? 'approve' : 'reject'}`)}
              </Button>
            ))}
          </Space>
        </Space>
      )}
    </List.Item>
  );
}

/**
 * 合规检查与解除审查: for HR in scope and the plan's HRBP, from the follow-up on — the guard's
 * conditions, the reviews with notice and compensation, a proposal with named overrides, and
 * the decision by another HR person.
 */
export function ComplianceCard(props: { plan: Pip }) {
  const { t } = useTranslation();
  const p = props.plan;
  const hr = p.actors.includes('hr') || p.actors.includes('hrbp');
  const relevant = hr && (p.state === 'follow_up' || p.state === 'closed' || p.state === 'archived');
  const guard = useGuard(p.id, relevant && p.state === 'follow_up');
  const reviews = useTerminationReviews(p.id, relevant);
  const [proposing, setProposing] = useState(false);
  if (!relevant) return null;
  const pending = reviews.data?.items.some((r) => r.status !== 'rejected') ?? false;
  return (
    <Card size="small" title={t('compliance.title')} id="compliance" data-testid="compliance-card">
      <Typography.Paragraph type="secondary">{t('compliance.intro')}</Typography.Paragraph>
      {p.state === 'follow_up' && (guard.isPending ? <Skeleton active paragraph={{ rows: 4 }} /> : guard.isError ? <ErrorAlert error={guard.error} onRetry={() => void guard.refetch()} /> : <GuardList report={guard.data} />)}
      {p.state === 'follow_up' && guard.data && !pending && (
        <Button type="primary" danger style={{ marginTop: 8 }} onClick={() => setProposing(true)} data-testid="termination-propose">
          {t('compliance.propose')}
        </Button>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('compliance.reviews')}
      </Typography.Title>
      <QueryList query={reviews} pick={(d) => d.items} empty={t('compliance.noReviews')} rowKey={(r) => r.id} renderItem={(r) => <ReviewItem plan={p} review={r} canDecide={p.actors.includes('hr')} />} />
      {guard.data && <ProposeModal plan={p} report={guard.data} open={proposing} onClose={() => setProposing(false)} />}
    </Card>
  );
}
