import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Flex, Popconfirm, Tag, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { saveOverrideSchema, templateParamKeys, type OverrideView, type TemplateOverrideValues, type TemplateParamKey, type ValueSource } from '@uplift/contract';
import { ApiError } from '../../app/api-client.ts';
import { useErrorText } from '../../app/errors.tsx';
import { PolicyNote } from './group-template-tab.tsx';
import { describeBounds, describeValue, dotted, issuesAt, issuesByPath, type Issues } from './template-text.ts';
import { useDeleteOverride, useSaveOverride } from './use-templates.ts';
import { ValueFields } from './value-fields.tsx';

/** Where an inherited value comes from, as a tag. */
export function SourceTag(props: { source: ValueSource }) {
  const { t } = useTranslation();
  return props.source.kind === 'template' ? (
    <Tag color="blue" data-testid="source-tag" data-source="template">
      {t('templates.preview.fromTemplate')}
    </Tag>
  ) : (
    <Tag color="purple" data-testid="source-tag" data-source={props.source.unitId} style={{ whiteSpace: 'normal' }}>
      {t('templates.preview.fromOverride', { unit: props.source.unitName })}
    </Tag>
  );
}

/** One unit's override: only the unlocked parameters, each within the bounds shown beside it. */
export function OverrideEditor(props: { view: OverrideView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { view } = props;
  const save = useSaveOverride(view.unitId);
  const remove = useDeleteOverride(view.unitId);
  const [values, setValues] = useState<TemplateOverrideValues>(view.override?.values ?? {});
  const [issues, setIssues] = useState<Issues>(new Map());

  useEffect(() => {
    setValues(view.override?.values ?? {});
    setIssues(new Map());
  }, [view.unitId, view.override]);

  const template = view.template;
  const inherited = view.inherited;
  if (!template || !inherited) return <Empty description={t('templates.override.noTemplate')} data-testid="override-no-template" />;
  const s = template.settings;
  const readOnly = !view.canWrite;

  const toggle = (k: TemplateParamKey, on: boolean) => {
    const next = { ...values };
    if (on) (next as Record<TemplateParamKey, unknown>)[k] = inherited.values[k];
    else delete next[k];
    setValues(next);
  };

  const submit = () => {
    const checked = saveOverrideSchema.safeParse({ values });
    if (!checked.success) {
      setIssues(issuesByPath(checked.error.issues.map((i) => ({ path: dotted(i.path), message: i.message })), []));
      void message.error(t('templates.fixErrors', { count: checked.error.issues.length }));
      return;
    }
    save.mutate({ ...checked.data, baseVersion: view.override?.version ?? null }, {
      onSuccess: (res) => {
        setIssues(new Map());
        void message.success(t('templates.override.saved', { version: res.override?.version ?? 1 }));
      },
      onError: (err) => {
        const list = err instanceof ApiError ? err.issues : [];
        setIssues(issuesByPath(list, ['body.']));
        void message.error(list.length > 0 ? t('templates.fixErrors', { count: list.length }) : errorText(err));
      },
    });
  };

  return (
    <Flex vertical gap={12} data-testid="override-editor" data-unit={view.unitId}>
      <PolicyNote policy={view.policy} />
      {readOnly && <Alert type="info" title={t('templates.override.readOnly')} />}
      {!view.override && <Typography.Text type="secondary">{t('templates.override.none')}</Typography.Text>}
      {templateParamKeys.map((k) => {
        const locked = s.locked.includes(k);
        const on = values[k] !== undefined;
        return (
          <Card key={k} size="small" title={t(`templates.params.${k}`)} styles={{ body: { padding: 12 } }} data-testid={`override-${k}`} data-overridden={on || undefined}
            extra={locked ? <Tag icon={<LockOutlined />}>{t('templates.override.lockedByGroup')}</Tag> : <Checkbox checked={on} disabled={readOnly} onChange={(e) => toggle(k, e.target.checked)} data-testid={`override-toggle-${k}`}>{t('templates.override.overrideThis')}</Checkbox>}
          >
            {!locked && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 8, wordBreak: 'break-word' }} data-testid={`bounds-${k}`}>
                {t('templates.override.boundsLabel', { text: describeBounds(k, s.bounds, t) })}
              </Typography.Text>
            )}
            {on ? (
              <ValueFields param={k} value={values[k]!} onChange={(v) => setValues({ ...values, [k]: v })} issues={issues} bounds={s.bounds} disabled={readOnly} />
            ) : (
              <Flex wrap gap={6} align="center">
                <Typography.Text style={{ wordBreak: 'break-word' }}>{t('templates.override.inherited', { value: describeValue(k, inherited.values[k], t) })}</Typography.Text>
                <SourceTag source={inherited.sources[k]} />
              </Flex>
            )}
            {issuesAt(issues, `values.${k}`).map((m) => (
              <Typography.Text key={m} type="danger" style={{ display: 'block', fontSize: 12 }} data-testid="field-error">
                {m}
              </Typography.Text>
            ))}
          </Card>
        );
      })}
      {!readOnly && (
        <Flex wrap gap={8}>
          <Button type="primary" loading={save.isPending} onClick={submit} data-testid="override-save">
            {t('templates.override.save')}
          </Button>
          {view.override && (
            <Popconfirm title={t('templates.override.removeConfirm')} okText={t('templates.override.remove')} cancelText={t('app.cancel')}
              onConfirm={() => remove.mutate(undefined, { onSuccess: () => void message.success(t('templates.override.removed')), onError: (err) => void message.error(errorText(err)) })}
            >
              <Button danger loading={remove.isPending} data-testid="override-remove">
                {t('templates.override.remove')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      )}
    </Flex>
  );
}
