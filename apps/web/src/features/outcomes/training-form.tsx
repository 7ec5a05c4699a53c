import { App, Checkbox, Flex, Form, Input, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { trainingAttendances, type PipGoal } from '@uplift/contract';
import { applyFieldErrors, useErrorText } from '../../app/errors.tsx';
import { trainingBody, type TrainingValues as Values } from './outcome-bodies.ts';
import { useSaveTraining, type PipTraining } from './use-outcomes.ts';

const FIELDS = ['topic', 'gap', 'goalIds', 'startsOn', 'endsOn', 'trainer', 'attendance', 'attendanceNote'];

/**
 * A training aimed at a gap of the locked goals (new, or `training` to correct it and record its
 * attendance once it has started).
 */
export function TrainingForm(props: { planId: string; goals: readonly PipGoal[]; training: PipTraining | null; open: boolean; onClose: () => void; today: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const save = useSaveTraining(props.planId);
  const [form] = Form.useForm<Values>();
  const startsOn = Form.useWatch('startsOn', form);
  const tr = props.training;
  const started = typeof startsOn === 'string' && startsOn !== '' && startsOn <= props.today;
  const initial: Partial<Values> = tr
    ? { topic: tr.topic, gap: tr.gap, goalIds: tr.goalIds, startsOn: tr.startsOn, endsOn: tr.endsOn, trainer: tr.trainer, attendance: tr.attendance ?? '', attendanceNote: tr.attendanceNote }
    : { goalIds: [], startsOn: props.today, endsOn: props.today, attendance: '' };
  return (
    <Modal
      open={props.open}
      title={tr ? t('outcomes.followUp.editTraining') : t('outcomes.followUp.addTraining')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'training-save' } as Record<string, string>}
      destroyOnHidden
      okText={t('app.confirm')}
      cancelText={t('app.cancel')}
    >
      <Form
        clearOnDestroy
        form={form}
        layout="vertical"
        initialValues={initial}
        data-testid="training-form"
        onFinish={(v) =>
          save.mutate(
            { id: tr?.id ?? null, body: trainingBody(v) },
            {
              onSuccess: () => {
                void message.success(tr ? t('outcomes.followUp.training.saved') : t('outcomes.followUp.training.added'));
                props.onClose();
              },
              onError: (err) => void (applyFieldErrors(form, err, FIELDS) || message.error(errorText(err))),
            },
          )
        }
      >
        <Form.Item name="topic" label={t('outcomes.followUp.training.topic')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} data-testid="training-topic" />
        </Form.Item>
        <Form.Item name="goalIds" label={t('outcomes.followUp.training.goals')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={props.goals.map((g, i) => ({ value: g.id, label: <span data-testid={`training-goal-${i}`} style={{ wordBreak: 'break-word' }}>{g.title}</span> }))} />
        </Form.Item>
        <Form.Item name="gap" label={t('outcomes.followUp.training.gap')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} placeholder={t('outcomes.followUp.training.gapPlaceholder')} data-testid="training-gap" />
        </Form.Item>
        <Flex wrap gap={12}>
          <Form.Item name="startsOn" label={t('outcomes.followUp.training.startsOn')} rules={[{ required: true }]} style={{ flex: '1 1 140px', minWidth: 0 }}>
            <Input type="date" data-testid="training-starts" />
          </Form.Item>
          <Form.Item name="endsOn" label={t('outcomes.followUp.training.endsOn')} rules={[{ required: true }]} style={{ flex: '1 1 140px', minWidth: 0 }}>
            <Input type="date" data-testid="training-ends" />
          </Form.Item>
        </Flex>
        <Form.Item name="trainer" label={t('outcomes.followUp.training.trainer')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} data-testid="training-trainer" />
        </Form.Item>
        <Form.Item name="attendance" label={t('outcomes.followUp.training.attendance')} extra={started ? null : t('outcomes.followUp.training.attendanceLater')}>
          <Radio.Group
            disabled={!started}
            options={[
              { value: '', label: <span data-testid="training-attendance-none">{t('outcomes.followUp.training.noAttendance')}</span> },
              ...trainingAttendances.map((a) => ({ value: a, label: <span data-testid={`training-attendance-${a}`}>{t(`outcomes.followUp.training.attendances.${a}`)}</span> })),
            ]}
          />
        </Form.Item>
        <Form.Item name="attendanceNote" label={t('outcomes.followUp.training.attendanceNote')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} placeholder={t('outcomes.followUp.training.attendanceNotePlaceholder')} data-testid="training-attendance-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
