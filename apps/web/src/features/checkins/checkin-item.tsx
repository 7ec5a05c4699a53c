import { useState } from 'react';
import { App, Button, Divider, Form, Input, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PipGoal } from '@uplift/contract';
import { useErrorText } from '../../app/errors.tsx';
import { dateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { CheckinFiles } from './checkin-files.tsx';
import { MinutesForm } from './minutes-form.tsx';
import { useCommentCheckin, useConfirmMinutes, type Checkin } from './use-checkins.ts';
import { TargetedItem } from './targeted-item.tsx';

/** What the caller may do with the plan's meetings, from their roles on it and its state. */
export type CheckinRights = {
  /** manager, HR or HRBP of a running plan: add, reschedule, cancel */
  organise: boolean;
  /** the plan's manager while minutes can be recorded */
  record: boolean;
  /** manager or HR: attach files to the minutes */
  attach: boolean;
  /** the employee on the plan: comment and confirm */
  employee: boolean;
};

const statusColor = { scheduled: 'blue', held: 'green', cancelled: 'default' } as const;

function EmployeeBox(props: { checkin: Checkin }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const comment = useCommentCheckin();
  const confirm = useConfirmMinutes();
  const [form] = Form.useForm<{ body: string }>();
  const c = props.checkin;
  return (
    <div data-testid="checkin-employee">
      <Form form={form} onFinish={(v) => comment.mutate({ id: c.id, body: v.body }, { onSuccess: () => form.resetFields(), onError: (err) => void message.error(errorText(err)) })}>
        <Form.Item name="body" rules={[{ required: true, whitespace: true }]} style={{ marginBottom: 8 }}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} placeholder={t('checkins.commentPlaceholder')} data-testid="checkin-comment-body" />
        </Form.Item>
        <Button htmlType="submit" loading={comment.isPending} data-testid="checkin-comment-send">
          {t('checkins.send')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 8px' }}>
        {t('checkins.confirmHint')}
      </Typography.Paragraph>
      <Button type="primary" loading={confirm.isPending} onClick={() => confirm.mutate(c.id, { onSuccess: () => void message.success(t('checkins.confirmDone')), onError: (err) => void message.error(errorText(err)) })} data-testid="checkin-confirm">
        {t('checkins.confirm')}
      </Button>
    </div>
  );
}

/**
 * One meeting: kind, status, time, the overdue flag; its minutes with each goal's progress, the
 * attachments, the employee's comments and confirmation; what the caller may do with it.
 */
export function CheckinItem(props: {
  checkin: Checkin;
  goals: readonly PipGoal[];
  latest: ReadonlyMap<string, number>;
  rights: CheckinRights;
  targeted: boolean;
  onReschedule: (c: Checkin) => void;
  onCancel: (c: Checkin) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const c = props.checkin;
  const { rights } = props;
  const started = Date.parse(c.scheduledAt) <= Date.now();
  const open = c.status !== 'cancelled' && c.employeeConfirmedAt === null;
  const canRecord = rights.record && open && started;
  const [editing, setEditing] = useState(props.targeted && canRecord && c.minutesRecordedAt === null);
  const title = (goalId: string) => props.goals.find((g) => g.id === goalId)?.title ?? '—';
  const held = c.status === 'held' && c.minutesRecordedAt !== null;

  return (
    <TargetedItem anchor={`checkin-${c.id}`} targeted={props.targeted} data={{ 'data-testid': 'checkin', 'data-id': c.id, 'data-status': c.status, 'data-confirmed': c.employeeConfirmedAt !== null }}>
        <Space size={[6, 4]} wrap>
          <Typography.Text strong>{t(`checkins.kinds.${c.kind}`)}</Typography.Text>
          <Tag color={statusColor[c.status]} data-testid="checkin-status">
            {t(`checkins.statuses.${c.status}`)}
          </Tag>
          {c.origin === 'ad_hoc' && <Tag>{t('checkins.origins.ad_hoc')}</Tag>}
          {c.overdue && (
            <Tag color="red" data-testid="checkin-overdue">
              {t('checkins.overdue')}
            </Tag>
          )}
          {held && <Tag color={c.employeeConfirmedAt ? 'green' : 'gold'}>{t(c.employeeConfirmedAt ? 'checkins.confirmed' : 'checkins.awaitingConfirm')}</Tag>}
        </Space>
        <Typography.Text type="secondary" style={{ display: 'block' }}>
          {dateTime(c.scheduledAt, lang)}
          {c.status !== 'cancelled' && !held && ` · ${t('checkins.minutesDue', { date: c.minutesDueOn })}`}
        </Typography.Text>
        {c.rescheduledFrom && c.rescheduleReason && (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t('checkins.rescheduledFrom', { from: dateTime(c.rescheduledFrom, lang), reason: c.rescheduleReason })}
          </Typography.Text>
        )}
        {c.cancelReason && (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {t('checkins.cancelReason', { reason: c.cancelReason })}
          </Typography.Text>
        )}

        {held && !editing && (
          <div style={{ marginTop: 8 }} data-testid="checkin-minutes">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }}>{c.minutes}</Typography.Paragraph>
            {c.progress.length > 0 && (
              <ul style={{ paddingInlineStart: 20, margin: '0 0 8px' }}>
                {c.progress.map((p) => (
                  <li key={p.goalId} data-testid="checkin-progress">
                    {title(p.goalId)}：<b>{p.percent}%</b>
                    {p.comment && <Typography.Text type="secondary">{` · ${p.comment}`}</Typography.Text>}
                  </li>
                ))}
              </ul>
            )}
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {t('checkins.recordedAt', { at: dateTime(c.minutesRecordedAt!, lang) })}
              {c.employeeConfirmedAt && ` · ${t('checkins.confirmedAt', { at: dateTime(c.employeeConfirmedAt, lang) })}`}
            </Typography.Text>
          </div>
        )}

        {editing && (
          <div style={{ marginTop: 8 }}>
            <MinutesForm checkin={c} goals={props.goals} latest={props.latest} onDone={() => setEditing(false)} />
          </div>
        )}

        {(held || editing) && (
          <div style={{ marginTop: 8 }}>
            <CheckinFiles checkin={c} writable={rights.attach && open && started} />
          </div>
        )}

        {c.comments.length > 0 && (
          <div style={{ marginTop: 8 }}>
            <Typography.Text strong>{t('checkins.comments')}</Typography.Text>
            {c.comments.map((m) => (
              <Typography.Paragraph key={m.id} style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }} data-testid="checkin-comment">
                <b>{m.author}</b>：{m.body}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {dateTime(m.at, lang)}
                </Typography.Text>
              </Typography.Paragraph>
            ))}
          </div>
        )}

        {rights.employee && held && c.employeeConfirmedAt === null && (
          <>
            <Divider style={{ margin: '12px 0' }} />
            <EmployeeBox checkin={c} />
          </>
        )}

        {!editing && (canRecord || (rights.organise && c.status === 'scheduled')) && (
          <Space wrap size={8} style={{ marginTop: 8 }}>
            {canRecord && (
              <Button type={held ? 'default' : 'primary'} size="small" onClick={() => setEditing(true)} data-testid="checkin-record">
                {t(held ? 'checkins.editMinutes' : 'checkins.recordMinutes')}
              </Button>
            )}
            {rights.organise && c.status === 'scheduled' && (
              <>
                <Button size="small" onClick={() => props.onReschedule(c)} data-testid="checkin-reschedule">
                  {t('checkins.reschedule')}
                </Button>
                <Button size="small" danger onClick={() => props.onCancel(c)} data-testid="checkin-cancel">
                  {t('checkins.cancel')}
                </Button>
              </>
            )}
          </Space>
        )}
    </TargetedItem>
  );
}
