import type { FormRule } from 'antd';
import type { FieldIssue } from '@uplift/contract';

/** One problem zod found; only the parts the forms word their messages from. */
export type IssueLike = { code?: string; message: string; path?: readonly PropertyKey[] };

/** The shape of a zod schema as far as form rules need it (the contract's schemas fit). */
export type FieldSchema = { safeParse(v: unknown): { success: true } | { success: false; error: { issues: IssueLike[] } } };

function check(schema: FieldSchema, value: unknown, text: (issue: IssueLike) => string): void {
  const r = schema.safeParse(value);
  const first = r.success ? null : r.error.issues[0];
  if (first) throw new Error(text(first));
}

const ownMessage = (i: IssueLike) => i.message;

/**
 * An antd form rule that checks a field with the same zod schema the endpoint uses;
 * `text` words the first problem (default: the schema's own, Chinese, message).
 */
export function schemaRule(schema: FieldSchema, text: (issue: IssueLike) => string = ownMessage): FormRule {
  return { validator: async (_rule, value: unknown) => check(schema, value ?? '', text) };
}

/** schemaRule for a field that may stay empty: blank passes, anything else must fit `schema`. */
export function optionalSchemaRule(schema: FieldSchema, text: (issue: IssueLike) => string = ownMessage): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return;
      check(schema, value, text);
    },
  };
}

/** The problems of a whole-body check, as field issues with dotted paths ("contract.startDate"). */
export function bodyIssues(issues: readonly IssueLike[]): FieldIssue[] {
  return issues.map((i) => ({ path: (i.path ?? []).map(String).join('.'), message: i.message }));
}

/** A blank text field as null (the API's "absent"), anything else trimmed. */
export function blankToNull(v: string | null | undefined): string | null {
  const s = v?.trim() ?? '';
  return s === '' ? null : s;
}
