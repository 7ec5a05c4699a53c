import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Skeleton, Space, Tabs, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PolicyVersion } from '@uplift/contract';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { AckReport } from './ack-report.tsx';
import { AdoptionCard } from './adoption-card.tsx';
import { DiffView } from './diff-view.tsx';
import { PolicyEditor } from './policy-editor.tsx';
import { PolicyStateTag } from './state-tag.tsx';
import { usePolicyVersion, useTransition } from './use-policies.ts';

const todayIso = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Submit for review, send back, approve and publish: what the state allows the caller. */
function Actions(props: { version: PolicyVersion }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const v = props.version;
  const move = useTransition(v.id);
  const [dialog, setDialog] = useState<'return' | 'publish' | null>(null);
  const [text, setText] = useState('');
  if (!v.canWrite) return null;
  const run = (body: Parameters<typeof move.mutate>[0], done: string) =>
    move.mutate(body, {
      onSuccess: () => {
        void message.success(done);
        setDialog(null);
      },
      onError: (err) => void message.error(errorText(err)),
    });
  return (
    <Space wrap>
      {v.state === 'draft' && (
        <Button type="primary" loading={move.isPending} onClick={() => run({ action: 'submit' }, t('policies.actions.submitted'))} data-testid="policy-submit">
          {t('policies.actions.submit')}
        </Button>
      )}
      {v.state === 'in_review' && (
        <>
          <Button onClick={() => (setText(''), setDialog('return'))} data-testid="policy-return">
            {t('policies.actions.return')}
          </Button>
          <Button type="primary" onClick={() => (setText(todayIso()), setDialog('publish'))} data-testid="policy-publish">
            {t('policies.actions.publish')}
          </Button>
        </>
      )}
      <Modal
        open={dialog !== null}
        title={dialog === 'publish' ? t('policies.actions.publish') : t('policies.actions.return')}
        onCancel={() => setDialog(null)}
        okButtonProps={{ loading: move.isPending, disabled: text.trim() === '', id: 'policy-dialog-ok' }}
        onOk={() => (dialog === 'publish' ? run({ action: 'publish', effectiveFrom: text }, t('policies.actions.published')) : run({ action: 'return', note: text }, t('policies.actions.returned')))}
      >
        {dialog === 'publish' ? (
          <Form layout="vertical">
            <Typography.Paragraph type="secondary">{t('policies.actions.publishHint')}</Typography.Paragraph>
            <Form.Item label={t('policies.list.effectiveFrom')}>
              <Input type="date" value={text} onChange={(e) => setText(e.target.value)} data-testid="policy-effective-from" />
            </Form.Item>
          </Form>
        ) : (
          <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} placeholder={t('policies.actions.returnNote')} autoSize={{ minRows: 3 }} />
        )}
      </Modal>
    </Space>
  );
}

/** /policies/versions/:id: one version — content editor, adoption, diff and acknowledgments. */
export function PolicyVersionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const version = usePolicyVersion(id);
  const [tab, setTab] = useState('content');
  if (version.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (version.isError) return <ErrorAlert error={version.error} onRetry={() => void version.refetch()} />;
  const v = version.data;
  return (
    <div style={{ maxWidth: 960 }} data-testid="policy-version" data-state={v.state}>
      <Typography.Text type="secondary">
        <Link to="/policies">{t('policies.list.title')}</Link> / {v.ownerUnitName}
      </Typography.Text>
      <Typography.Title level={3} style={{ overflowWrap: 'anywhere' }}>
        {v.title} <Typography.Text type="secondary">{t('policies.list.version', { n: v.version })}</Typography.Text> <PolicyStateTag state={v.state} />
      </Typography.Title>
      {v.effectiveFrom && <Typography.Paragraph type="secondary">{`${t('policies.list.effectiveFrom')}：${v.effectiveFrom}`}</Typography.Paragraph>}
      {v.reviewNote && v.state === 'draft' && <Alert type="warning" showIcon title={t('policies.actions.reviewNote', { note: v.reviewNote })} style={{ marginBottom: 12 }} />}
      <Actions version={v} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'content', label: t('policies.tabs.content'), children: <PolicyEditor version={v} /> },
          { key: 'adoption', label: <span data-testid="tab-adoption">{t('policies.tabs.adoption')}</span>, children: <AdoptionCard version={v} /> },
          { key: 'diff', label: <span data-testid="tab-diff">{t('policies.tabs.diff')}</span>, children: <DiffView id={v.id} /> },
          { key: 'acks', label: <span data-testid="tab-acks">{t('policies.tabs.acks')}</span>, children: <AckReport version={v} /> },
        ]}
      />
    </div>
  );
}
