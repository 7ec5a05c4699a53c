import { describe, expect, it } from 'vitest';
import type { RuleObject } from 'antd/es/form';
import { createEmployeeSchema } from '@uplift/contract';
import { blankToNull, bodyIssues, optionalSchemaRule, schemaRule } from './schema-rule.ts';

/** Runs a form rule's validator the way antd does: resolves when valid, rejects with the message. */
async function validate(rule: ReturnType<typeof schemaRule>, value: unknown): Promise<string | null> {
  const r = rule as RuleObject;
  try {
    await r.validator?.(r, value, () => undefined);
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

const mobile = createEmployeeSchema.shape.mobile.unwrap().unwrap();

describe('schemaRule and optionalSchemaRule', () => {
  it('checks a field with the contract schema, in its words or ours', async () => {
    expect(await validate(schemaRule(mobile), '123')).toBe('手机号应为 11 位数字');
    expect(await validate(schemaRule(mobile, () => 'A mobile number has 11 digits'), '123')).toBe('A mobile number has 11 digits');
    expect(await validate(schemaRule(mobile), '13800138000')).toBeNull();
    expect(await validate(schemaRule(mobile), undefined)).not.toBeNull();
  });

  it('lets an optional field stay blank but not be wrong', async () => {
    expect(await validate(optionalSchemaRule(mobile), '')).toBeNull();
    expect(await validate(optionalSchemaRule(mobile), '  ')).toBeNull();
    expect(await validate(optionalSchemaRule(mobile), undefined)).toBeNull();
    expect(await validate(optionalSchemaRule(mobile), '123')).toBe('手机号应为 11 位数字');
  });
});

describe('bodyIssues and blankToNull', () => {
  it('turns a whole-body check into dotted field paths', () => {
    const r = createEmployeeSchema.safeParse({ employeeNo: 'E1', name: '张三', gender: 'male', unitId: 'not-a-uuid', position: 'x', grade: 'P1', hireDate: '2024-01-01', contract: { employerId: '00000000-0000-4000-8000-000000000001', type: 'fixed_term', startDate: 'soon' } });
    expect(r.success).toBe(false);
    const paths = r.success ? [] : bodyIssues(r.error.issues).map((i) => i.path);
    expect(paths).toEqual(['unitId', 'contract.startDate']);
  });

  it('reads a blank field as null and trims the rest', () => {
    expect(blankToNull('  ')).toBeNull();
    expect(blankToNull(undefined)).toBeNull();
    expect(blankToNull(' 杭州 ')).toBe('杭州');
  });
});
