import { Alert, Button } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessages, type FieldIssue } from '@uplift/contract';
import { ApiError } from './api-client.ts';
import { issueField } from './issue-field.ts';
import { currentLanguage, type Language, type Translate } from '../i18n/i18n.ts';


/**
 * What to tell the user about `err`. The server words its messages in Chinese, so in Chinese they
 * are shown as they are; in English the contract's message for the code stands in.
 */
export function errorText(err: unknown, lang: Language, t: Translate): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  if (err.code === 'NETWORK') return t('app.networkError');
  if (lang === 'zh-CN') return err.message;
  const retry = err.retryAfterSeconds;
  if (err.code === 'RATE_LIMITED' && retry !== null) return t('login.rateLimited', { minutes: Math.ceil(retry / 60) });
  return errorMessages[err.code]['en-US'];
}

/**
 * Words a form problem from the contract's schema: its own (Chinese) message in Chinese, `fallback`
 * in English (the contract words its rules in Chinese only).
 */
export function useIssueText(): (fallback: string) => (issue: { message: string }) => string {
  const { i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  return (fallback) => (issue) => (lang === 'zh-CN' ? issue.message : fallback);
}

/** errorText bound to the current language. */
export function useErrorText(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  return (err) => errorText(err, currentLanguage(i18n), t);
}

/**
 * Puts field problems on the form's fields: `path` is dotted ("contract.startDate", nested
 * fields as antd name paths), a leading "body." is dropped, an item of a list lands on the list. Returns true when every problem
 * found a field to sit on.
 */
export function placeIssues(form: FormInstance, issues: readonly FieldIssue[], fields: readonly string[]): boolean {
  if (issues.length === 0) return false;
  const byField = new Map<string, string[]>();
  let unplaced = 0;
  for (const issue of issues) {
    const name = issueField(issue.path, fields);
    if (name === null) {
      unplaced += 1;
      continue;
    }
    byField.set(name, [...(byField.get(name) ?? []), issue.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name: name.split('.'), errors })));
  return unplaced === 0;
}

/**
 * Puts the server's field problems (`details.issues`, paths like "body.newPassword") onto the
 * form's fields. Returns true when every problem found a field to sit on.
 */
export function applyFieldErrors(form: FormInstance, err: unknown, fields: readonly string[]): boolean {
  if (!(err instanceof ApiError)) return false;
  return placeIssues(form, err.issues, fields);
}

/** A failed load: what went wrong, the request id for support, and a retry button. */
export function ErrorAlert(props: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  const requestId = props.error instanceof ApiError ? props.error.requestId : null;
  return (
    <Alert
      type="error"
      showIcon
      title={t('app.loadFailed')}
      description={
        <>
          {text(props.error)}
          {requestId && <div style={{ fontSize: 12, opacity: 0.65 }}>{t('app.requestId')}: {requestId}</div>}
        </>
      }
      action={props.onRetry && <Button size="small" onClick={props.onRetry}>{t('app.retry')}</Button>}
    />
  );
}
