import { Alert, Card, Empty, Flex, List, Skeleton, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { templateParamKeys, type EffectiveTemplate, type ResolvedNode } from '@uplift/contract';
import { ErrorAlert } from '../../app/errors.tsx';
import { PersonSelect } from '../people/person-select.tsx';
import { PolicyNote } from './group-template-tab.tsx';
import { SourceTag } from './override-editor.tsx';
import { describeValue } from './template-text.ts';
import { useEffectiveTemplate } from './use-templates.ts';

/** One approval node as a step: the person, or why there is nobody (escalated / not applicable). */
function useNodeStep(): (n: ResolvedNode, all: ResolvedNode[]) => { title: string; description: string; status: 'finish' | 'wait' | 'error' } {
  const { t } = useTranslation();
  return (n, all) => {
    const title = t(`templates.approverKinds.${n.kind}`);
    const to = all.find((x) => x.key === n.escalatedTo);
    switch (n.status) {
      case 'resolved':
        return { title, description: `${n.person!.name} · ${n.person!.employeeNo}`, status: 'finish' };
      case 'escalated':
        return { title, description: t('templates.preview.escalated', { to: to ? t(`templates.approverKinds.${to.kind}`) : n.escalatedTo }), status: 'wait' };
      case 'not_applicable':
        return { title, description: t('templates.preview.notApplicable', { grade: n.minGrade }), status: 'wait' };
      case 'unresolved':
        return { title, description: t('templates.preview.unresolved'), status: 'error' };
      default: {
        const never: never = n.status;
        return { title, description: String(never), status: 'error' };
      }
    }
  };
}

function EffectiveView(props: { e: EffectiveTemplate }) {
  const { t } = useTranslation();
  const step = useNodeStep();
  const { e } = props;
  return (
    <Flex vertical gap={12} data-testid="effective-view">
      <Typography.Text strong>{t('templates.preview.employee', { name: e.employee.name, no: e.employee.employeeNo, grade: e.employee.grade, unit: e.employee.unitName })}</Typography.Text>
      <PolicyNote policy={e.policy} />
      {e.policyIssues.length > 0 && (
        <Alert type="error" showIcon title={t('templates.preview.policyIssues')} description={e.policyIssues.map((i) => <div key={i.path}>{i.message}</div>)} data-testid="effective-policy-issues" />
      )}
      <Card size="small" title={t('templates.preview.chain')} styles={{ body: { padding: 12 } }}>
        {!e.chainComplete && <Alert type="error" showIcon title={t('templates.preview.incomplete')} style={{ marginBottom: 8 }} />}
        <Steps
          orientation="vertical"
          size="small"
          items={e.approvalChain.map((n) => step(n, e.approvalChain))}
          data-testid="effective-chain"
        />
      </Card>
      <List
        size="small"
        bordered
        dataSource={[...templateParamKeys]}
        renderItem={(k) => (
          <List.Item data-testid={`effective-${k}`} data-source={e.sources[k].kind === 'override' ? e.sources[k].unitId : 'template'}>
            <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
              <Flex wrap justify="space-between" gap={6}>
                <Typography.Text strong>{t(`templates.params.${k}`)}</Typography.Text>
                <SourceTag source={e.sources[k]} />
              </Flex>
              <Typography.Text style={{ wordBreak: 'break-word' }}>{describeValue(k, e.values[k], t)}</Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Flex>
  );
}

/** 生效预览: an employee's effective template, each value with its source, the chain resolved to people. */
export function PreviewTab(props: { employeeId: string | null; onEmployee: (id: string | null) => void }) {
  const { t } = useTranslation();
  const eff = useEffectiveTemplate(props.employeeId);
  let body;
  if (props.employeeId === null) body = <Empty description={t('templates.preview.hint')} data-testid="preview-hint" />;
  else if (eff.isPending) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (eff.isError) body = <ErrorAlert error={eff.error} onRetry={() => void eff.refetch()} />;
  else body = <EffectiveView e={eff.data} />;
  return (
    <Flex vertical gap={12} data-testid="preview-tab">
      <div>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 4 }}>
          {t('templates.preview.pickEmployee')}
        </Typography.Text>
        <PersonSelect
          value={props.employeeId}
          onChange={props.onEmployee}
          current={eff.data ? { id: eff.data.employee.id, name: eff.data.employee.name, employeeNo: eff.data.employee.employeeNo } : null}
          placeholder={t('templates.preview.pickEmployee')}
          testId="preview-employee"
        />
      </div>
      {body}
    </Flex>
  );
}
