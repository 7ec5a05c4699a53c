import { App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { pipActionLabels, type PipAction, type PipAbsenceKind } from '@uplift/contract';
import { useErrorText } from '../../app/errors.tsx';
import { useLinkedDialog } from '../../app/use-linked-dialog.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { usePipAction, type Pip } from './use-pips.ts';

/** Actions done here (the rest have their own place: goals, acknowledgment, refusal). */
const generic = ['submit', 'withdraw', 'approve', 'reject', 'pause', 'resume', 'begin_final_review', 'close', 'archive', 'cancel'] as const satisfies readonly PipAction[];
type Generic = (typeof generic)[number];
/** What each asks for before it is sent (the table's preconditions decide on the server). */
const asks: Partial<Record<Generic, 'comment' | 'reason' | 'absence'>> = { approve: 'comment', reject: 'comment', cancel: 'reason', pause: 'absence' };
const danger = new Set<Generic>(['reject', 'cancel']);

/** What `?decide=` may open from a link (a WeCom card, the workbench): the caller's pending approval step. */
const decisions = new Set<Generic>(['approve', 'reject']);

/**
 * The buttons for what the caller may do now (`availableActions`), each asking for what it needs.
 * `?decide=approve|reject` opens that dialog at once when the caller has an approval step to decide.
 */
export function PlanActions(props: { plan: Pip }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const act = usePipAction(props.plan.id);
  const actions = props.plan.availableActions.filter((a): a is Generic => (generic as readonly string[]).includes(a));
  const [open, setOpen] = useLinkedDialog<Generic>('decide', (v) => actions.find((a) => a === v && decisions.has(a)) ?? null);
  const [form] = Form.useForm<{ text?: string; absence?: string }>();
  if (actions.length === 0) return null;

  const send = (action: Generic, v: { text?: string; absence?: string }) => {
    const need = asks[action];
    const body = need === 'comment' ? { comment: v.text ?? null } : need === 'reason' ? { reason: v.text ?? null } : need === 'absence' ? { reason: v.text ?? null, absence: v.absence as PipAbsenceKind } : {};
    act.mutate(
      { action, body },
      {
        onSuccess: () => {
          setOpen(null);
          form.resetFields();
          void message.success(pipActionLabels[action][lang]);
        },
        onError: (err) => void message.error(errorText(err)),
      },
    );
  };

  return (
    <>
      <Space wrap data-testid="plan-actions">
        {actions.map((a) => (
          <Button key={a} type={a === 'approve' || a === 'submit' ? 'primary' : 'default'} danger={danger.has(a)} loading={act.isPending && act.variables?.action === a} onClick={() => (asks[a] ? setOpen(a) : send(a, {}))} data-testid={`action-${a}`}>
            {pipActionLabels[a][lang]}
          </Button>
        ))}
      </Space>
      <Modal open={open !== null} title={open ? pipActionLabels[open][lang] : ''} onCancel={() => setOpen(null)} onOk={() => form.submit()} confirmLoading={act.isPending} okButtonProps={{ ...({ 'data-testid': 'action-confirm' } as Record<string, string>) }} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => open && send(open, v)} clearOnDestroy>
          {open === 'pause' && (
            <Form.Item name="absence" label={t('pip.actions.absence')} rules={[{ required: true }]}>
              <Select options={props.plan.snapshot.pauseAbsences.map((k) => ({ value: k, label: t(`pip.absence.${k}`) }))} />
            </Form.Item>
          )}
          <Form.Item name="text" label={open && asks[open] === 'comment' ? t('pip.actions.comment') : t('pip.actions.reason')} rules={open === 'approve' ? [] : [{ required: true, whitespace: true }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="action-text" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
