import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Form, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../app/errors.tsx';
import { goalsEditMode } from './plan-view.ts';
import { useSaveGoals, type Pip, type PipGoalInput } from './use-pips.ts';

const blank: PipGoalInput = { title: '', description: '', metric: '', baseline: '', target: '', unit: '', weight: 0, dueDate: null, support: '' };
const strip = (g: Pip['goals'][number]): PipGoalInput => ({ title: g.title, description: g.description, metric: g.metric, baseline: g.baseline, target: g.target, unit: g.unit, weight: g.weight, dueDate: g.dueDate, support: g.support });

/**
 * 目标: read-only once acknowledged (they are the standard the evaluation uses); the employee
 * drafts while the manager has not finalised; the manager finalises; an amendment needs a reason
 * and pauses the plan until the employee acknowledges again.
 */
export function GoalsCard(props: { plan: Pip }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const p = props.plan;
  const mode = goalsEditMode(p);
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ goals: PipGoalInput[]; reason?: string }>();
  const save = useSaveGoals(p.id);
  const goals = Form.useWatch('goals', form) ?? [];
  const sum = goals.reduce((s, g) => s + (g?.weight ?? 0), 0);
  const fields = new Set(p.snapshot.goalFields);

  const send = (finalise: boolean) => {
    void form.validateFields().then((v) =>
      save.mutate(
        { goals: v.goals.map((g) => ({ ...blank, ...g, dueDate: g.dueDate || null })), finalise, ...(v.reason ? { reason: v.reason } : {}) },
        {
          onSuccess: () => {
            setEditing(false);
            void message.success(t('pip.saved'));
          },
          onError: (err) => void message.error(errorText(err)),
        },
      ),
    );
  };

  const view =
    p.goals.length === 0 ? (
      <Empty description={t('pip.goals.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
    ) : (
      <Space orientation="vertical" style={{ width: '100%' }} data-testid="goals-list">
        {p.goals.map((g) => (
          <Descriptions
            key={g.id}
            size="small"
            column={1}
            bordered
            title={<span style={{ whiteSpace: 'normal' }}>{`${g.position}. ${g.title}（${g.weight}%）`}</span>}
            items={[
              ...(g.metric ? [{ key: 'm', label: t('pip.goals.fields.metric'), children: `${g.metric}：${g.baseline ? `${g.baseline} → ` : ''}${g.target} ${g.unit}`.trim() }] : []),
              ...(g.dueDate ? [{ key: 'd', label: t('pip.goals.fields.dueDate'), children: g.dueDate }] : []),
              ...(g.support ? [{ key: 's', label: t('pip.goals.fields.support'), children: g.support }] : []),
              ...(g.description ? [{ key: 'x', label: t('pip.goals.fields.description'), children: g.description }] : []),
            ]}
          />
        ))}
      </Space>
    );

  const editor = (
    <Form form={form} layout="vertical" initialValues={{ goals: p.goals.length > 0 ? p.goals.map(strip) : [{ ...blank, weight: 100 }] }} data-testid="goals-editor">
      <Form.List name="goals">
        {(items, { add, remove }) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {items.map((item, i) => (
              <Card key={item.key} size="small" title={`#${i + 1}`} extra={<Button size="small" icon={<DeleteOutlined />} onClick={() => remove(item.name)} aria-label={t('pip.goals.remove')} />}>
                <Form.Item name={[item.name, 'title']} label={t('pip.goals.fields.title')} rules={[{ required: true, whitespace: true }]}>
                  <Input maxLength={200} data-testid={`goal-${i}-title`} />
                </Form.Item>
                <Form.Item name={[item.name, 'metric']} label={t('pip.goals.fields.metric')} rules={[{ required: fields.has('measure') }]}>
                  <Input maxLength={200} data-testid={`goal-${i}-metric`} />
                </Form.Item>
                <Space wrap>
                  <Form.Item name={[item.name, 'baseline']} label={t('pip.goals.fields.baseline')}>
                    <Input style={{ width: 96 }} maxLength={100} />
                  </Form.Item>
                  <Form.Item name={[item.name, 'target']} label={t('pip.goals.fields.target')} rules={[{ required: fields.has('target') }]}>
                    <Input style={{ width: 96 }} maxLength={100} data-testid={`goal-${i}-target`} />
                  </Form.Item>
                  <Form.Item name={[item.name, 'unit']} label={t('pip.goals.fields.unit')}>
                    <Input style={{ width: 72 }} maxLength={20} />
                  </Form.Item>
                  <Form.Item name={[item.name, 'weight']} label={t('pip.goals.fields.weight')} rules={[{ required: true }]}>
                    <InputNumber min={0} max={100} style={{ width: 88 }} data-testid={`goal-${i}-weight`} />
                  </Form.Item>
                  <Form.Item name={[item.name, 'dueDate']} label={t('pip.goals.fields.dueDate')} rules={[{ required: fields.has('dueDate') }]}>
                    <Input type="date" data-testid={`goal-${i}-due`} />
                  </Form.Item>
                </Space>
                <Form.Item name={[item.name, 'support']} label={t('pip.goals.fields.support')} rules={[{ required: fields.has('support') }]}>
                  <Input.TextArea autoSize={{ minRows: 1 }} maxLength={2000} />
                </Form.Item>
                <Form.Item name={[item.name, 'description']} label={t('pip.goals.fields.description')}>
                  <Input.TextArea autoSize={{ minRows: 1 }} maxLength={2000} />
                </Form.Item>
              </Card>
            ))}
            {items.length < p.snapshot.maxGoals && (
              <Button icon={<PlusOutlined />} onClick={() => add({ ...blank })} block>
                {t('pip.goals.add')}
              </Button>
            )}
          </Space>
        )}
      </Form.List>
      <Typography.Text type={sum === 100 ? 'secondary' : 'danger'} style={{ display: 'block', margin: '8px 0' }} data-testid="goals-sum">
        {t('pip.goals.weightSum', { sum })}
      </Typography.Text>
      {mode === 'amend' && (
        <Form.Item name="reason" label={t('pip.goals.amendReason')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
      )}
      <Space wrap>
        {mode !== 'amend' && (
          <Button onClick={() => send(false)} loading={save.isPending} data-testid="goals-save-draft">
            {t('pip.goals.saveDraft')}
          </Button>
        )}
        {mode !== 'employee' && (
          <Button type="primary" onClick={() => send(true)} loading={save.isPending} data-testid="goals-finalise">
            {mode === 'amend' ? t('pip.goals.amend') : t('pip.goals.finalise')}
          </Button>
        )}
        <Button onClick={() => setEditing(false)}>{t('app.cancel')}</Button>
      </Space>
    </Form>
  );

  return (
    <Card
      size="small"
      title={
        <Space size={8}>
          {t('pip.goals.title')}
          {p.goals.length > 0 && <Tag color={p.goalsFinal ? 'green' : 'default'}>{p.goalsFinal ? t('pip.goals.final') : t('pip.goals.draft')}</Tag>}
        </Space>
      }
      extra={
        mode &&
        !editing && (
          <Button size="small" onClick={() => setEditing(true)} data-testid="goals-edit">
            {mode === 'amend' ? t('pip.goals.amend') : t('pip.goals.add')}
          </Button>
        )
      }
      data-testid="goals-card"
    >
      {editing ? editor : view}
    </Card>
  );
}
