import { App, Collapse, Flex, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SaveRoleAdjustment } from '@uplift/contract';
import { applyFieldErrors, useErrorText } from '../../app/errors.tsx';
import { dateTime } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import type { Pip } from '../pip/use-pips.ts';
import { ExactText, SignText } from './sign-text.tsx';
import { useAddRoleAdjustment, useRefuseRoleAdjustment, useSignRoleAdjustment, type PipRoleAdjustment } from './use-outcomes.ts';

type Values = { toPosition: string; toGrade?: string; effectiveOn: string; reason: string; relation: string };
const FIELDS = ['toPosition', 'toGrade', 'effectiveOn', 'reason', 'relation'];

/** The HRBP's (or HR's) role adjustment: the employee record moves to the new position and the employee signs the notice. */
export function RoleAdjustmentForm(props: { planId: string; open: boolean; onClose: () => void; today: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const add = useAddRoleAdjustment(props.planId);
  const [form] = Form.useForm<Values>();
  return (
    <Modal open={props.open} title={t('outcomes.followUp.addRole')} onCancel={props.onClose} onOk={() => form.submit()} confirmLoading={add.isPending} okButtonProps={{ 'data-testid': 'role-save' } as Record<string, string>} destroyOnHidden okText={t('app.confirm')} cancelText={t('app.cancel')}>
      <Typography.Paragraph type="secondary">{t('outcomes.followUp.role.hint')}</Typography.Paragraph>
      <Form
        clearOnDestroy
        form={form}
        layout="vertical"
        initialValues={{ effectiveOn: props.today }}
        onFinish={(v) => {
          const body: SaveRoleAdjustment = { toPosition: v.toPosition.trim(), toGrade: v.toGrade?.trim() || null, effectiveOn: v.effectiveOn, reason: v.reason.trim(), relation: v.relation.trim() };
          add.mutate(body, {
            onSuccess: () => {
              void message.success(t('outcomes.followUp.role.added'));
              props.onClose();
            },
            onError: (err) => void (applyFieldErrors(form, err, FIELDS) || message.error(errorText(err))),
          });
        }}
      >
        <Flex wrap gap={12}>
          <Form.Item name="toPosition" label={t('outcomes.followUp.role.toPosition')} rules={[{ required: true, whitespace: true }]} style={{ flex: '2 1 160px', minWidth: 0 }}>
            <Input maxLength={100} data-testid="role-to-position" />
          </Form.Item>
          <Form.Item name="toGrade" label={t('outcomes.followUp.role.toGrade')} style={{ flex: '1 1 100px', minWidth: 0 }}>
            <Input maxLength={20} data-testid="role-to-grade" />
          </Form.Item>
        </Flex>
        <Form.Item name="effectiveOn" label={t('outcomes.followUp.role.effectiveOn')} rules={[{ required: true }]}>
          <Input type="date" data-testid="role-effective" />
        </Form.Item>
        <Form.Item name="reason" label={t('outcomes.followUp.role.reason')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} data-testid="role-reason" />
        </Form.Item>
        <Form.Item name="relation" label={t('outcomes.followUp.role.relation')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} placeholder={t('outcomes.followUp.role.relationPlaceholder')} data-testid="role-relation" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One role adjustment: from and to, why, and its notice — signed by the employee here, or a witnessed refusal recorded by HR. */
export function RoleAdjustmentItem(props: { plan: Pip; adjustment: PipRoleAdjustment }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const sign = useSignRoleAdjustment(props.plan.id);
  const refuse = useRefuseRoleAdjustment(props.plan.id);
  const r = props.adjustment;
  const ack = r.acknowledgment;
  const employee = props.plan.actors.includes('employee');
  const hr = props.plan.actors.includes('hr');
  const position = (p: string, g: string | null) => (g ? t('outcomes.followUp.role.withGrade', { position: p, grade: g }) : p);
  return (
    <List.Item style={{ display: 'block', paddingInline: 0 }}>
      <div data-testid="role-adjustment" data-id={r.id} data-signed={ack !== null} style={{ minWidth: 0, wordBreak: 'break-word' }}>
        <Space size={[6, 4]} wrap>
          <Typography.Text strong>{t('outcomes.followUp.role.fromTo', { from: position(r.fromPosition, r.fromGrade), to: position(r.toPosition, r.toGrade) })}</Typography.Text>
          <Tag>{t('outcomes.followUp.role.effective', { date: r.effectiveOn })}</Tag>
          <Tag color={ack ? (ack.refused ? 'orange' : 'green') : 'blue'} data-testid="role-adjustment-status">
            {ack ? (ack.refused ? t('outcomes.followUp.role.refused', { name: ack.witness?.name ?? '', at: dateTime(ack.at, lang) }) : t('outcomes.followUp.role.signed', { at: dateTime(ack.at, lang) })) : t('outcomes.followUp.role.waiting')}
          </Tag>
        </Space>
        <Typography.Text style={{ display: 'block' }}>
          {t('outcomes.followUp.role.reason')}{t('outcomes.sep')}{r.reason}
        </Typography.Text>
        <Typography.Text style={{ display: 'block' }}>
          {t('outcomes.followUp.role.relation')}{t('outcomes.sep')}{r.relation}
        </Typography.Text>
        <div style={{ marginTop: 8 }}>
          {ack === null && (employee || hr) ? (
            <SignText
              text={r.notice.text}
              sha256={r.notice.sha256}
              intro={t('outcomes.followUp.role.noticeIntro')}
              readLabel={t('outcomes.followUp.role.read')}
              signLabel={t('outcomes.followUp.role.sign')}
              testId="role-notice"
              canSign={employee}
              canRecordRefusal={hr}
              signing={sign.isPending}
              refusing={refuse.isPending}
              onSign={(sha256) => sign.mutate({ adjustmentId: r.id, sha256 }, { onSuccess: () => void message.success(t('outcomes.followUp.role.done')), onError: (err) => void message.error(errorText(err)) })}
              onRefuse={(v, done) => refuse.mutate({ adjustmentId: r.id, ...v }, done)}
            />
          ) : (
            <Collapse size="small" items={[{ key: 'notice', label: t('outcomes.followUp.role.notice'), children: <ExactText text={r.notice.text} sha256={r.notice.sha256} testId="role-notice" /> }]} />
          )}
        </div>
      </div>
    </List.Item>
  );
}
