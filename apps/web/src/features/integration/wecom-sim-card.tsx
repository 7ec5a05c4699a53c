import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SimKnob } from '@uplift/contract';
import { useErrorText } from '../../app/errors.tsx';
import { useSimKnob, type SimStatus } from './use-wecom.ts';

const ids = (text: string) => text.split(/[,，\s]+/).filter(Boolean);

/** 模拟企业微信: the simulator's knobs (tokens, injected errors, visibility, privacy) and the phone view. */
export function WecomSimCard(props: { status: SimStatus }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const knob = useSimKnob();
  const s = props.status;
  const [errcode, setErrcode] = useState<-1 | 45009>(-1);
  const [times, setTimes] = useState(1);
  const [parties, setParties] = useState(s.visibility.parties.join(','));
  const [users, setUsers] = useState(s.visibility.users.join(','));

  const turn = (action: SimKnob, body: Record<string, unknown>) =>
    knob.mutate(
      { action, body },
      {
        onSuccess: () => void message.success(t('wecom.sim.done', { action })),
        onError: (err) => void message.error(errorText(err)),
      },
    );

  return (
    <Card size="small" title={t('wecom.tabs.sim')} extra={<a href="/wecom-sim/phone" target="_blank" rel="noreferrer" data-testid="sim-phone">{t('wecom.sim.phone')}</a>}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('wecom.sim.hint')}</Typography.Text>
        <Typography.Text data-testid="sim-stats">{t('wecom.sim.stats', { users: s.users, departments: s.departments.length, calls: s.gettokenCalls })}</Typography.Text>
        <Space wrap>
          <Button onClick={() => turn('expire-tokens', { how: 'expired' })} loading={knob.isPending} data-testid="sim-expire">{t('wecom.sim.expire')}</Button>
          <Button onClick={() => turn('expire-tokens', { how: 'invalid' })} loading={knob.isPending}>{t('wecom.sim.invalidate')}</Button>
        </Space>
        <Space wrap>
          <Select<-1 | 45009> value={errcode} onChange={setErrcode} style={{ width: 150 }} options={[{ value: -1, label: t('wecom.sim.errcodes.busy') }, { value: 45009, label: t('wecom.sim.errcodes.rate') }]} data-testid="sim-errcode" />
          <InputNumber min={1} max={100} value={times} onChange={(v) => setTimes(v ?? 1)} addonBefore={t('wecom.sim.times')} style={{ width: 140 }} />
          <Button onClick={() => turn('fault', { errcode, times })} loading={knob.isPending} data-testid="sim-fault">{t('wecom.sim.fault')}</Button>
        </Space>
        <div>
          <Typography.Text>{t('wecom.sim.faults')}：</Typography.Text>
          {s.faults.filter((f) => f.remaining > 0).length === 0 ? <Typography.Text type="secondary">—</Typography.Text> : s.faults.filter((f) => f.remaining > 0).map((f, i) => <Tag key={i}>{`${f.errcode} × ${f.remaining}${f.path ? ` ${f.path}` : ''}`}</Tag>)}
        </div>
        <Form layout="vertical" style={{ maxWidth: 520 }} onFinish={() => turn('visibility', { parties: ids(parties).map(Number).filter((n) => Number.isInteger(n) && n > 0), users: ids(users) })}>
          <Form.Item label={t('wecom.sim.visibility')}>
            <Input value={parties} onChange={(e) => setParties(e.target.value)} data-testid="sim-parties" />
          </Form.Item>
          <Form.Item label={t('wecom.sim.visibilityUsers')}>
            <Input value={users} onChange={(e) => setUsers(e.target.value)} />
          </Form.Item>
          <Button htmlType="submit" loading={knob.isPending} data-testid="sim-visibility">{t('wecom.sim.saveVisibility')}</Button>
        </Form>
        <Space align="start">
          <Switch checked={s.stripSensitive} onChange={(strip) => turn('sensitive', { strip })} loading={knob.isPending} data-testid="sim-strip" />
          <Typography.Text>{t('wecom.sim.strip')}</Typography.Text>
        </Space>
      </Space>
    </Card>
  );
}
