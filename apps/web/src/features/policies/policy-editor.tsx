import { useEffect } from 'react';
import { Alert, App, Button, Card, Collapse, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { policySectionKeys, policySectionTitles, savePolicyVersionSchema, type PolicyVersion, type SavePolicyVersion } from '@uplift/contract';
import { ApiError } from '../../app/api-client.ts';
import { placeIssues, useErrorText } from '../../app/errors.tsx';
import type { Language } from '../../i18n/i18n.ts';
import { bodyIssues } from '../../app/schema-rule.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { PolicyMarkdown } from './markdown.tsx';
import { parseReminderDays } from './policies.ts';
import { settingsFieldNames } from './settings-fields.tsx';
import { SettingsFields } from './settings-fields.tsx';
import { useSaveVersion } from './use-policies.ts';

type Values = Omit<SavePolicyVersion, 'reminderDays'> & { reminderDays: string };
const fields = ['title', 'reminderDays', ...policySectionKeys.map((k) => `sections.${k}`), ...settingsFieldNames];

/** The body the endpoint takes, checked with its own schema; problems land on their fields. */
export function toBody(v: Values) {
  return savePolicyVersionSchema.safeParse({ ...v, reminderDays: parseReminderDays(v.reminderDays) });
}

/** The server's field issues, worded in `lang` where the server gave both languages (narrowing). */
export function localizedIssues(err: unknown, lang: Language) {
  if (!(err instanceof ApiError)) return [];
  return err.issues.map((i) => {
    const messages = (i as { messages?: Partial<Record<Language, string>> }).messages;
    return { path: i.path, message: messages?.[lang] ?? i.message };
  });
}

/** The version editor: title, the six sections (markdown with preview) and the enforced settings. */
export function PolicyEditor(props: { version: PolicyVersion; onSaved?: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const save = useSaveVersion(props.version.id);
  const v = props.version;
  const editable = v.state === 'draft' && v.canWrite;
  const sections = Form.useWatch('sections', form);

  useEffect(() => {
    form.setFieldsValue({ title: v.title, sections: v.sections, settings: v.settings, reminderDays: v.reminderDays.join(', ') });
  }, [form, v]);

  const submit = (values: Values) => {
    // settings the form has no field for (trigger rules) keep their saved values
    const settings = Object.fromEntries(Object.entries(v.settings).map(([k, saved]) => [k, { ...saved, ...(values.settings as Record<string, object>)[k] }])) as Values['settings'];
    const body = toBody({ ...values, settings });
    if (!body.success) {
      const issues = bodyIssues(body.error.issues);
      placeIssues(form, issues, fields);
      void message.error(issues.map((i) => `${i.path}: ${i.message}`).join('；'));
      return;
    }
    save.mutate(body.data, {
      onSuccess: () => {
        void message.success(t('app.saved'));
        props.onSaved?.();
      },
      onError: (err) => {
        // narrowing problems sit on their fields, in the UI's language; the message names them all
        const issues = localizedIssues(err, lang);
        placeIssues(form, issues, fields);
        void message.error(issues.length ? t('policies.editor.fixFields', { count: issues.length }) : errorText(err));
      },
    });
  };

  return (
    <Form form={form} layout="vertical" disabled={!editable} onFinish={submit} onFinishFailed={(e) => void message.error(e.errorFields.flatMap((f) => f.errors).join("；") || t("app.loadFailed"))} data-testid="policy-editor">
      {!editable && <Alert type="info" showIcon title={t('policies.editor.readOnly')} style={{ marginBottom: 12 }} />}
      {editable && v.ownerUnitId && <Alert type="info" showIcon title={t('policies.editor.narrowingHint')} style={{ marginBottom: 12 }} />}
      <Form.Item label={t('policies.editor.title')} name="title">
        <Input maxLength={200} data-testid="policy-title" />
      </Form.Item>
      <Card size="small" title={t('policies.editor.sections')} style={{ marginBottom: 12 }}>
        {policySectionKeys.map((k) => (
          <div key={k} style={{ marginBottom: 8 }}>
            <Form.Item label={policySectionTitles[k][lang]} name={['sections', k]} style={{ marginBottom: 4 }}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 16 }} data-testid={`policy-section-${k}`} />
            </Form.Item>
            <Collapse size="small" ghost items={[{ key: 'p', label: t('policies.editor.preview'), children: <PolicyMarkdown text={sections?.[k] ?? ''} /> }]} />
          </div>
        ))}
      </Card>
      <SettingsFields />
      <Form.Item label={t('policies.editor.reminderDays')} name="reminderDays">
        <Input placeholder="3, 7" />
      </Form.Item>
      {editable && (
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="policy-save">
            {t('policies.editor.save')}
          </Button>
        </Space>
      )}
    </Form>
  );
}
