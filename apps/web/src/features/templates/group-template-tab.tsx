import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Divider, Empty, Flex, Input, Skeleton, Switch, Tag, Typography } from 'antd';
import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { defaultPolicySettings, defaultTemplateSettings, saveTemplateSchema, templateParamKeys, type BoundingPolicy, type SaveTemplate, type TemplateParamKey } from '@uplift/contract';
import { ApiError } from '../../app/api-client.ts';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { BoundsFields } from './bounds-fields.tsx';
import { Field } from './field.tsx';
import { dotted, issuesAt, issuesByPath, type Issues } from './template-text.ts';
import { useGroupTemplate, useSaveGroupTemplate } from './use-templates.ts';
import { ValueFields } from './value-fields.tsx';

/** Which policy bounds the template, or that none does. */
export function PolicyNote(props: { policy: BoundingPolicy }) {
  const { t } = useTranslation();
  return props.policy ? (
    <Alert type="info" showIcon title={t('templates.policyBound', { title: props.policy.title, version: props.policy.version })} data-testid="policy-note" />
  ) : (
    <Alert type="warning" showIcon title={t('templates.notBound')} data-testid="policy-note" />
  );
}

/** One parameter: its value, the lock and (while adjustable) the bounds units must keep to. */
function ParamCard(props: { param: TemplateParamKey; draft: SaveTemplate; setDraft: (d: SaveTemplate) => void; issues: Issues; readOnly: boolean }) {
  const { t } = useTranslation();
  const { param, draft } = props;
  const s = draft.settings;
  const locked = s.locked.includes(param);
  const setSettings = (patch: Partial<SaveTemplate['settings']>) => props.setDraft({ ...draft, settings: { ...s, ...patch } });
  return (
    <Card
      size="small"
      title={t(`templates.params.${param}`)}
      data-testid={`param-${param}`}
      styles={{ body: { padding: 12 } }}
      extra={
        <Flex align="center" gap={6}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {locked ? t('templates.locked') : t('templates.adjustable')}
          </Typography.Text>
          <Switch
            size="small"
            checked={locked}
            disabled={props.readOnly}
            checkedChildren={<LockOutlined />}
            unCheckedChildren={<UnlockOutlined />}
            onChange={(on) => setSettings({ locked: on ? templateParamKeys.filter((k) => k === param || s.locked.includes(k)) : s.locked.filter((k) => k !== param) })}
            aria-label={t('templates.lockedHint')}
            data-testid={`lock-${param}`}
          />
        </Flex>
      }
    >
      <ValueFields param={param} value={s.values[param]} onChange={(v) => setSettings({ values: { ...s.values, [param]: v } })} issues={props.issues} disabled={props.readOnly} />
      {!locked && (
        <>
          <Divider titlePlacement="start" plain style={{ margin: '12px 0 8px', fontSize: 12 }}>
            {t('templates.bounds.title')}
          </Divider>
          <BoundsFields param={param} bounds={s.bounds} onChange={(bounds) => setSettings({ bounds })} issues={props.issues} disabled={props.readOnly} />
        </>
      )}
    </Card>
  );
}

/** 集团模板: the group template's editor (group HR) or its read-only view (other HR, auditors). */
export function GroupTemplateTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const view = useGroupTemplate();
  const save = useSaveGroupTemplate();
  const [draft, setDraft] = useState<SaveTemplate | null>(null);
  const [issues, setIssues] = useState<Issues>(new Map());
  const template = view.data?.template ?? null;

  useEffect(() => {
    if (template) setDraft({ name: template.name, settings: template.settings });
  }, [template]);

  if (view.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (view.isError) return <ErrorAlert error={view.error} onRetry={() => void view.refetch()} />;
  const { canWrite, policy } = view.data;

  if (!draft) {
    return (
      <Flex vertical gap={12}>
        <PolicyNote policy={policy} />
        <Empty description={t('templates.empty')} data-testid="template-empty">
          {canWrite && (
            <Button type="primary" onClick={() => setDraft({ name: '集团标准改进计划模板', settings: defaultTemplateSettings(defaultPolicySettings) })} data-testid="template-create">
              {t('templates.create')}
            </Button>
          )}
        </Empty>
      </Flex>
    );
  }

  const submit = () => {
    const checked = saveTemplateSchema.safeParse(draft);
    if (!checked.success) {
      setIssues(issuesByPath(checked.error.issues.map((i) => ({ path: dotted(i.path), message: i.message })), ['settings.']));
      void message.error(t('templates.fixErrors', { count: checked.error.issues.length }));
      return;
    }
    save.mutate({ ...checked.data, baseVersion: template?.version ?? null }, {
      onSuccess: (res) => {
        setIssues(new Map());
        void message.success(t('templates.saved', { version: res.template?.version ?? 1 }));
      },
      onError: (err) => {
        const list = err instanceof ApiError ? err.issues : [];
        setIssues(issuesByPath(list, ['body.settings.', 'body.']));
        void message.error(list.length > 0 ? t('templates.fixErrors', { count: list.length }) : errorText(err));
      },
    });
  };

  return (
    <Flex vertical gap={12} data-testid="group-template">
      <PolicyNote policy={policy} />
      {!canWrite && <Alert type="info" title={t('templates.readOnly')} />}
      <Flex wrap gap={12} align="end">
        <Field label={t('templates.fields.name')} errors={issuesAt(issues, 'name')}>
          <Input value={draft.name} disabled={!canWrite} onChange={(e) => setDraft({ ...draft, name: e.target.value })} data-testid="template-name" />
        </Field>
        {template && <Tag data-testid="template-version">{t('templates.version', { version: template.version })}</Tag>}
      </Flex>
      {templateParamKeys.map((k) => (
        <ParamCard key={k} param={k} draft={draft} setDraft={setDraft} issues={issues} readOnly={!canWrite} />
      ))}
      {canWrite && (
        <Button type="primary" loading={save.isPending} onClick={submit} style={{ alignSelf: 'flex-start' }} data-testid="template-save">
          {t('templates.save')}
        </Button>
      )}
    </Flex>
  );
}
