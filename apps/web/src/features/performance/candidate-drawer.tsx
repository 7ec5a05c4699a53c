import { useState } from 'react';
import { App, Button, Checkbox, Descriptions, Drawer, Form, Grid, Input, Modal, Skeleton, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { dismissCandidateSchema } from '@uplift/contract';
import { InitiateModal } from '../pip/initiate-modal.tsx';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { schemaRule } from '../../app/schema-rule.ts';
import { dateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { PersonSelect } from '../people/person-select.tsx';
import { EvidenceView } from './evidence-view.tsx';
import { CandidateStatusTag } from './performance-tags.tsx';
import { useAssignCandidate, useCandidate, useDismissCandidate, type Candidate } from './use-candidates.ts';

type DismissValues = { reason: string; snooze: boolean };

/** 排除: a required reason, and optionally no reminder before the rule's next cycle closes. */
function DismissModal(props: { candidate: Candidate; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<DismissValues>();
  const dismiss = useDismissCandidate(props.candidate.id);
  const submit = (v: DismissValues) =>
    dismiss.mutate(
      { reason: v.reason.trim(), snooze: v.snooze },
      {
        onSuccess: () => {
          void message.success(t('performance.candidates.dismissed'));
          props.onClose();
        },
        onError: (err) => void message.error(errorText(err)),
      },
    );
  return (
    <Modal
      open={props.open}
      title={t('performance.candidates.dismissTitle', { name: props.candidate.employee.name })}
      okText={t('performance.candidates.dismiss')}
      okButtonProps={{ danger: true, ...({ 'data-testid': 'dismiss-submit' } as Record<string, string>) }}
      cancelText={t('app.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={dismiss.isPending}
      destroyOnHidden
      data-testid="dismiss-modal"
    >
      <Form<DismissValues> form={form} layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ reason: '', snooze: false }} clearOnDestroy>
        <Form.Item
          name="reason"
          label={t('performance.candidates.dismissReason')}
          validateFirst
          rules={[{ required: true, whitespace: true, message: t('performance.candidates.dismissReasonRequired') }, schemaRule(dismissCandidateSchema.shape.reason, () => t('performance.candidates.dismissReasonRequired'))]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={500} showCount placeholder={t('performance.candidates.dismissReasonHint')} data-testid="dismiss-reason" />
        </Form.Item>
        <Form.Item name="snooze" valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox data-testid="dismiss-snooze">{t('performance.candidates.snooze')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 分配 HRBP: a person picker and a button (HR in scope; the server decides). */
function AssignHrbp(props: { candidate: Candidate }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const assign = useAssignCandidate(props.candidate.id);
  const current = props.candidate.assignedHrbp;
  const [hrbpId, setHrbpId] = useState<string | null>(current?.id ?? null);
  return (
    <Space.Compact style={{ width: '100%' }}>
      <PersonSelect value={hrbpId} onChange={setHrbpId} current={current} placeholder={t('performance.candidates.assignPick')} testId="candidate-hrbp" />
      <Button
        type="primary"
        disabled={hrbpId === null || hrbpId === current?.id}
        loading={assign.isPending}
        onClick={() =>
          hrbpId &&
          assign.mutate(hrbpId, {
            onSuccess: (c) => void message.success(t('performance.candidates.assigned', { name: c.assignedHrbp?.name ?? '' })),
            onError: (err) => void message.error(errorText(err)),
          })
        }
        data-testid="candidate-assign"
      >
        {t('performance.candidates.assign')}
      </Button>
    </Space.Compact>
  );
}

/**
 * A candidate's detail beside the list: who, which rule (and version), the evidence, and for an
 * open one the follow-up for HR in scope (`canAct`; a manager only reads): assign an HRBP, or
 * dismiss with a reason.
 */
export function CandidateDrawer(props: { id: string | null; initial: Candidate | null; canAct: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const phone = !Grid.useBreakpoint().md;
  const detail = useCandidate(props.id);
  const [dismissing, setDismissing] = useState(false);
  const [converting, setConverting] = useState(false);
  const c = detail.data ?? props.initial;

  let body;
  if (!c && detail.isPending) body = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (!c) body = <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  else {
    const e = c.employee;
    body = (
      <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="candidate-detail" data-status={c.status}>
        <div>
          <Space size={8} wrap>
            <Typography.Title level={5} style={{ margin: 0 }} data-testid="candidate-name">
              {e.name}
            </Typography.Title>
            <CandidateStatusTag status={c.status} />
          </Space>
          <Typography.Text type="secondary" style={{ display: 'block', wordBreak: 'break-word' }}>
            {e.employeeNo} · {e.position} · {e.unitName}
          </Typography.Text>
          <Link to={`/people/${e.id}/performance`} data-testid="candidate-file-link">
            {t('performance.candidates.openFile')}
          </Link>
        </div>
        <Descriptions
          column={1}
          size="small"
          styles={{ label: { width: 96 } }}
          items={[
            { key: 'rule', label: t('performance.candidates.rule'), children: t('performance.evidence.rule', { name: c.rule.name, version: c.rule.version }) },
            { key: 'created', label: t('performance.candidates.createdAt'), children: dateTime(c.createdAt, lang) },
            { key: 'hrbp', label: t('performance.candidates.hrbp'), children: <span data-testid="candidate-hrbp-name">{c.assignedHrbp?.name ?? t('performance.candidates.noHrbp')}</span> },
            ...(c.dismissReason ? [{ key: 'dismiss', label: t('performance.candidates.dismissReason'), children: <span data-testid="candidate-dismiss-reason">{c.dismissReason}</span> }] : []),
            ...(c.snoozeUntil ? [{ key: 'snooze', label: t('performance.candidates.snoozeUntil'), children: c.snoozeUntil }] : []),
            ...(c.closedReason ? [{ key: 'closed', label: t('performance.candidates.closedReason'), children: c.closedReason }] : []),
          ]}
        />
        <div>
          <Typography.Title level={5}>{t('performance.candidates.evidence')}</Typography.Title>
          <EvidenceView evidence={c.evidence} />
        </div>
        {c.status === 'open' && props.canAct && (
          <div>
            <Typography.Title level={5}>{t('performance.candidates.assign')}</Typography.Title>
            <AssignHrbp key={c.id} candidate={c} />
          </div>
        )}
        {c.status === 'open' && props.canAct && (
          <Button type="primary" onClick={() => setConverting(true)} data-testid="candidate-convert">
            {t('pip.convert')}
          </Button>
        )}
        {c.status === 'open' && props.canAct && <InitiateModal open={converting} onClose={() => setConverting(false)} candidate={{ id: c.id, employee: { id: e.id, name: e.name } }} />}
        {c.status === 'open' && props.canAct && <DismissModal candidate={c} open={dismissing} onClose={() => setDismissing(false)} />}
      </Space>
    );
  }

  return (
    <Drawer
      open={props.id !== null}
      onClose={props.onClose}
      title={t('performance.candidates.detail')}
      size={phone ? '100%' : 640}
      destroyOnHidden
      data-testid="candidate-drawer"
      extra={
        c?.status === 'open' &&
        props.canAct && (
          <Button danger onClick={() => setDismissing(true)} data-testid="candidate-dismiss">
            {t('performance.candidates.dismiss')}
          </Button>
        )
      }
    >
      {body}
    </Drawer>
  );
}
