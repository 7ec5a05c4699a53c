import { Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { employeeStatuses, goalFields, pipAbsenceKinds, pipAbsenceLabels, pipFollowUps, pipOutcomes, policySectionTitles, problemTypes, type PolicySectionKey } from '@uplift/contract';
import { currentLanguage } from '../../i18n/i18n.ts';
import { UnitsTreeSelect } from '../org/unit-tree-select.tsx';

/** Every settings field by its dotted name: server issues land on the nearest one. */
export const settingsFieldNames = [
  'settings.scope.unitIds',
  'settings.scope.positions',
  'settings.scope.grades',
  'settings.scope.excludedStatuses',
  'settings.start.problemTypes',
  'settings.start.manualReasons',
  'settings.goals.requiredFields',
  'settings.goals.minGoals',
  'settings.goals.maxGoals',
  'settings.goals.ratingScale',
  'settings.communication.threePartyEveryDays',
  'settings.communication.oneOnOneEveryDays',
  'settings.communication.minutesDueWorkingDays',
  'settings.communication.appealAnswerWorkingDays',
  'settings.evaluation.points',
  'settings.evaluation.pauseAbsences',
  'settings.evaluation.dueWorkingDays',
  'settings.outcomes.allowed',
  'settings.outcomes.followUps',
  'settings.outcomes.durationDays.min',
  'settings.outcomes.durationDays.max',
  'settings.outcomes.extension.maxTimes',
  'settings.outcomes.extension.maxDays',
] as const;

const n = (path: string) => path.split('.');
const half = { xs: 24, sm: 12 };

/** The structured settings of the six sections: what the system enforces. */
export function SettingsFields() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const title = (k: PolicySectionKey) => policySectionTitles[k][lang];
  const s = (k: string) => t(`policies.settings.${k}` as 'policies.settings.minGoals');
  const tags = { mode: 'tags' as const, tokenSeparators: [',', '，', '、'], style: { width: '100%' }, open: false };
  return (
    <>
      <Card size="small" title={title('scope')} style={{ marginBottom: 12 }}>
        <Form.Item label={s('unitIds')} name={n('settings.scope.unitIds')}>
          <UnitsTreeSelect testId="policy-scope-units" />
        </Form.Item>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item label={s('positions')} name={n('settings.scope.positions')}>
              <Select {...tags} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={s('grades')} name={n('settings.scope.grades')}>
              <Select {...tags} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={s('excludedStatuses')} name={n('settings.scope.excludedStatuses')}>
          <Checkbox.Group options={employeeStatuses.filter((st) => st !== 'left').map((st) => ({ value: st, label: t(`people.statuses.${st}`) }))} />
        </Form.Item>
      </Card>
      <Card size="small" title={title('start')} style={{ marginBottom: 12 }}>
        <Form.Item label={s('problemTypes')} name={n('settings.start.problemTypes')}>
          <Checkbox.Group options={problemTypes.map((p) => ({ value: p, label: t(`policies.settings.problemTypeNames.${p}`) }))} />
        </Form.Item>
        <Form.Item label={s('manualReasons')} name={n('settings.start.manualReasons')}>
          <Select {...tags} />
        </Form.Item>
      </Card>
      <Card size="small" title={title('goals')} style={{ marginBottom: 12 }}>
        <Form.Item label={s('requiredFields')} name={n('settings.goals.requiredFields')}>
          <Checkbox.Group options={goalFields.map((f) => ({ value: f, label: t(`policies.settings.goalFieldNames.${f}`) }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item label={s('minGoals')} name={n('settings.goals.minGoals')}>
              <InputNumber min={1} max={20} style={{ width: '100%' }} data-testid="policy-min-goals" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item label={s('maxGoals')} name={n('settings.goals.maxGoals')}>
              <InputNumber min={1} max={20} style={{ width: '100%' }} data-testid="policy-max-goals" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={s('ratingScale')} name={n('settings.goals.ratingScale')}>
          <Select {...tags} />
        </Form.Item>
      </Card>
      <Card size="small" title={title('communication')} style={{ marginBottom: 12 }}>
        <Row gutter={12}>
          {(['threePartyEveryDays', 'oneOnOneEveryDays', 'minutesDueWorkingDays', 'appealAnswerWorkingDays'] as const).map((k) => (
            <Col key={k} {...half}>
              <Form.Item label={s(k)} name={n(`settings.communication.${k}`)}>
                <InputNumber min={k === 'minutesDueWorkingDays' ? 0 : 1} max={k.endsWith('WorkingDays') ? 30 : 90} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Card>
      <Card size="small" title={title('evaluation')} style={{ marginBottom: 12 }}>
        <Form.List name={n('settings.evaluation.points')}>
          {(fields, ops, meta) => (
            <>
              {fields.map((f) => (
                <Row key={f.key} gutter={8} wrap={false} align="top">
                  <Col flex="90px">
                    <Form.Item name={[f.name, 'key']} aria-label={s('pointKey')}>
                      <Input placeholder={s('pointKey')} />
                    </Form.Item>
                  </Col>
                  <Col flex="auto">
                    <Form.Item name={[f.name, 'name']}>
                      <Input placeholder={s('pointName')} />
                    </Form.Item>
                  </Col>
                  <Col flex="80px">
                    <Form.Item name={[f.name, 'atPercent']}>
                      <InputNumber min={1} max={100} placeholder={s('pointAt')} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col flex="32px">
                    <Button type="text" icon={<DeleteOutlined />} onClick={() => ops.remove(f.name)} aria-label="remove" />
                  </Col>
                </Row>
              ))}
              <Button icon={<PlusOutlined />} size="small" onClick={() => ops.add({ key: '', name: '', atPercent: 100 })}>
                {s('addPoint')}
              </Button>
              <Form.ErrorList errors={meta.errors} />
            </>
          )}
        </Form.List>
        <Form.Item label={s('pauseAbsences')} name={n('settings.evaluation.pauseAbsences')} style={{ marginTop: 12 }}>
          <Checkbox.Group options={pipAbsenceKinds.map((k) => ({ value: k, label: pipAbsenceLabels[k][lang] }))} />
        </Form.Item>
        <Form.Item label={s('evaluationDueWorkingDays')} name={n('settings.evaluation.dueWorkingDays')}>
          <InputNumber min={1} max={30} />
        </Form.Item>
      </Card>
      <Card size="small" title={title('outcomes')} style={{ marginBottom: 12 }}>
        <Form.Item label={s('allowed')} name={n('settings.outcomes.allowed')}>
          <Checkbox.Group options={pipOutcomes.map((o) => ({ value: o, label: t(`policies.settings.outcomeNames.${o}`) }))} />
        </Form.Item>
        <Form.Item label={s('followUps')} name={n('settings.outcomes.followUps')}>
          <Checkbox.Group options={pipFollowUps.map((o) => ({ value: o, label: t(`policies.settings.followUpNames.${o}`) }))} />
        </Form.Item>
        <Row gutter={12}>
          {(
            [
              ['durationMin', 'settings.outcomes.durationDays.min'],
              ['durationMax', 'settings.outcomes.durationDays.max'],
              ['extensionTimes', 'settings.outcomes.extension.maxTimes'],
              ['extensionDays', 'settings.outcomes.extension.maxDays'],
            ] as const
          ).map(([k, path]) => (
            <Col key={k} {...half}>
              <Form.Item label={s(k)} name={n(path)}>
                <InputNumber min={0} max={365} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Card>
    </>
  );
}
