import type { FormRule } from 'antd';

/** One problem zod found; only the parts the forms word their messages from. */
export type IssueLike = { code?: string; message: string };

/** The shape of a zod schema as far as form rules need it (the contract's schemas fit). */
export type FieldSchema = { safeParse(v: unknown): { success: true } | { success: false; error: { issues: IssueLike[] } } };

/**
 * An antd form rule that checks a field with the same zod schema the endpoint uses;
 * `text` words the first problem (default: the schema's own, Chinese, message).
 */
export function schemaRule(schema: FieldSchema, text: (issue: IssueLike) => string = (i) => i.message): FormRule {
  return {
    validator: async (_rule, value: unknown) => {
      const r = schema.safeParse(value ?? '');
      const first = r.success ? null : r.error.issues[0];
      if (first) throw new Error(text(first));
    },
  };
}
