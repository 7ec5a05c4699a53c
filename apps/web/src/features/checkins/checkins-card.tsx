import { useMemo, useState } from 'react';
import { App, Button, Flex, Form, Input, Modal, Radio } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { checkinKinds, type CheckinKind } from '@uplift/contract';
import { applyFieldErrors, useErrorText } from '../../app/errors.tsx';
import { QueryList } from '../../app/query-list.tsx';
import { SectionCard } from '../pip/section-card.tsx';
import { useLinkedDialog } from '../../app/use-linked-dialog.ts';
import { useMeta } from '../calendar/use-meta.ts';
import type { Pip } from '../pip/use-pips.ts';
import { CheckinItem, type CheckinRights } from './checkin-item.tsx';
import { useAddCheckin, useCancelCheckin, useCheckins, useRescheduleCheckin, type Checkin } from './use-checkins.ts';
import { latestPercents, meetingsOpen, minutesOpen } from './checkin-rules.ts';
import { useHashTarget } from './use-hash-target.ts';

function AddModal(props: { planId: string; open: boolean; onClose: () => void; onAdded: (id: string) => void; today: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const add = useAddCheckin(props.planId);
  const [form] = Form.useForm<{ kind: CheckinKind; when: 'now' | 'later'; date?: string; time?: string }>();
  const when = Form.useWatch('when', form);
  return (
    <Modal open={props.open} title={t('checkins.addTitle')} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={add.isPending} okButtonProps={{ 'data-testid': 'checkin-add-ok' } as Record<string, string>} destroyOnHidden okText={t('app.confirm')} cancelText={t('app.cancel')}>
      <Form
        clearOnDestroy
        form={form}
        layout="vertical"
        initialValues={{ kind: 'one_on_one', when: 'now', date: props.today }}
        onFinish={(v) =>
          add.mutate(v.when === 'now' ? { kind: v.kind } : { kind: v.kind, date: v.date ?? '', time: v.time ?? '' }, {
            onSuccess: ({ id }) => {
              void message.success(t('checkins.added'));
              props.onAdded(id);
            },
            onError: (err) => void (applyFieldErrors(form, err, ['date', 'time', 'kind']) || message.error(errorText(err))),
          })
        }
        data-testid="checkin-add-form"
      >
        <Form.Item name="kind" label={t('checkins.kind')}>
          <Radio.Group options={checkinKinds.map((k) => ({ value: k, label: t(`checkins.kinds.${k}`) }))} data-testid="checkin-add-kind" />
        </Form.Item>
        <Form.Item name="when" label={t('checkins.when')}>
          <Radio.Group
            options={[
              { value: 'now', label: <span data-testid="checkin-add-now">{t('checkins.now')}</span> },
              { value: 'later', label: <span data-testid="checkin-add-later">{t('checkins.later')}</span> },
            ]}
          />
        </Form.Item>
        {when === 'later' && (
          <Flex wrap gap={12}>
            <Form.Item name="date" label={t('checkins.date')} rules={[{ required: true }]} style={{ flex: '1 1 140px', minWidth: 0 }}>
              <Input type="date" min={props.today} data-testid="checkin-add-date" />
            </Form.Item>
            <Form.Item name="time" label={t('checkins.time')} rules={[{ required: true }]} style={{ flex: '1 1 100px', minWidth: 0 }}>
              <Input type="time" data-testid="checkin-add-time" />
            </Form.Item>
          </Flex>
        )}
      </Form>
    </Modal>
  );
}

function RescheduleModal(props: { checkin: Checkin | null; onClose: () => void; today: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const move = useRescheduleCheckin();
  const [form] = Form.useForm<{ date: string; time: string; reason: string }>();
  const c = props.checkin;
  return (
    <Modal open={c !== null} title={t('checkins.rescheduleTitle')} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={move.isPending} okButtonProps={{ 'data-testid': 'reschedule-ok' } as Record<string, string>} destroyOnHidden okText={t('app.confirm')} cancelText={t('app.cancel')}>
      {c && (
        <Form
          clearOnDestroy
          form={form}
          layout="vertical"
          initialValues={{ date: c.scheduledOn, time: '' }}
          onFinish={(v) =>
            move.mutate(
              { id: c.id, ...v },
              {
                onSuccess: () => {
                  void message.success(t('checkins.rescheduleDone'));
                  props.onClose();
                },
                onError: (err) => void (applyFieldErrors(form, err, ['date', 'time', 'reason']) || message.error(errorText(err))),
              },
            )
          }
        >
          <Flex wrap gap={12}>
            <Form.Item name="date" label={t('checkins.date')} rules={[{ required: true }]} style={{ flex: '1 1 140px', minWidth: 0 }}>
              <Input type="date" min={props.today} data-testid="reschedule-date" />
            </Form.Item>
            <Form.Item name="time" label={t('checkins.time')} rules={[{ required: true }]} style={{ flex: '1 1 100px', minWidth: 0 }}>
              <Input type="time" data-testid="reschedule-time" />
            </Form.Item>
          </Flex>
          <Form.Item name="reason" label={t('checkins.reason')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} data-testid="reschedule-reason" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

function CancelModal(props: { checkin: Checkin | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const cancel = useCancelCheckin();
  const [form] = Form.useForm<{ reason: string }>();
  const c = props.checkin;
  return (
    <Modal open={c !== null} title={t('checkins.cancelTitle')} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={cancel.isPending} okButtonProps={{ danger: true, ...({ 'data-testid': 'cancel-ok' } as Record<string, string>) }} destroyOnHidden okText={t('app.confirm')} cancelText={t('app.cancel')}>
      {c && (
        <Form
          clearOnDestroy
          form={form}
          layout="vertical"
          onFinish={(v) =>
            cancel.mutate(
              { id: c.id, reason: v.reason },
              {
                onSuccess: () => {
                  void message.success(t('checkins.cancelDone'));
                  props.onClose();
                },
                onError: (err) => void (applyFieldErrors(form, err, ['reason']) || message.error(errorText(err))),
              },
            )
          }
        >
          <Form.Item name="reason" label={t('checkins.reason')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} data-testid="cancel-reason" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/**
 * 面谈: the plan's meetings in time order. Organisers (manager, HR, HRBP) add ad hoc meetings,
 * reschedule and cancel while the plan runs; the manager records the minutes; the employee
 * comments and confirms (their attendance record); everyone else reads.
 */
export function CheckinsCard(props: { plan: Pip }) {
  const { t } = useTranslation();
  const p = props.plan;
  const list = useCheckins(p.id);
  const meta = useMeta();
  const target = useHashTarget('checkin');
  const [moving, setMoving] = useState<Checkin | null>(null);
  const [cancelling, setCancelling] = useState<Checkin | null>(null);
  const today = meta.data?.today ?? new Date().toISOString().slice(0, 10);
  const a = new Set(p.actors);
  const rights: CheckinRights = {
    organise: meetingsOpen(p.state) && (a.has('manager') || a.has('hr') || a.has('hrbp')),
    record: a.has('manager') && minutesOpen(p.state),
    attach: (a.has('manager') || a.has('hr')) && minutesOpen(p.state),
    employee: a.has('employee'),
  };
  // ?adhoc=1 (the workbench's 发起面谈) opens the ad hoc dialog at once for whoever may organise
  const [adding, setAdding] = useLinkedDialog('adhoc', (v) => (v === '1' && rights.organise ? true : null));
  const latest = useMemo(() => latestPercents(list.data?.items ?? []), [list.data]);

  return (
    <SectionCard
      title={t('checkins.title')}
      testId="checkins-card"
      intro={t('checkins.intro')}
      extra={
        rights.organise && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="checkin-add">
            {t('checkins.add')}
          </Button>
        )
      }
    >
      <QueryList
        query={list}
        pick={(d) => d.items}
        empty={t('checkins.empty')}
        emptyTestId="checkins-empty"
        rowKey={(c) => c.id}
        renderItem={(c) => <CheckinItem checkin={c} goals={p.goals} latest={latest} rights={rights} targeted={c.id === target} onReschedule={setMoving} onCancel={setCancelling} />}
        listTestId="checkins-list"
      />
      <AddModal planId={p.id} open={adding === true} onClose={() => setAdding(null)} onAdded={(id) => setAdding(null, { hash: `#checkin-${id}` })} today={today} />
      <RescheduleModal checkin={moving} onClose={() => setMoving(null)} today={today} />
      <CancelModal checkin={cancelling} onClose={() => setCancelling(null)} />
    </SectionCard>
  );
}
