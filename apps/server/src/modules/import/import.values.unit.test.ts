import { describe, expect, it } from 'vitest';
import { maskValue, parseChoice, parseCode, parseDate, parseEmail, parseInteger, parseMobile, parseNationalId } from './import.values.ts';

const value = <T>(p: { ok: true; value: T } | { ok: false }) => (p.ok ? p.value : null);

describe('cell parsers', () => {
  it('reads the date forms Chinese spreadsheets use, and rejects impossible dates', () => {
    for (const text of ['2024-03-01', '2024/3/1', '2024.3.1', '2024年3月1日', '20240301', ' 2024-03-01 ', '45352']) expect(value(parseDate(text)), text).toBe('2024-03-01');
    expect(value(parseDate('2024-02-29'))).toBe('2024-02-29');
    const bad = parseDate('2023-02-29');
    expect(bad).toMatchObject({ ok: false, code: 'BAD_DATE' });
    expect(bad.ok ? '' : bad.message.zh).toContain('日期不存在');
    expect(parseDate('next monday')).toMatchObject({ ok: false, code: 'BAD_DATE' });
    expect(parseDate('2024-13-01')).toMatchObject({ ok: false });
  });

  it('reads whole numbers within bounds', () => {
    expect(value(parseInteger('1,200', 0, 5000))).toBe(1200);
    expect(value(parseInteger('7.0', 0, 10))).toBe(7);
    expect(parseInteger('7.5', 0, 10)).toMatchObject({ ok: false, code: 'BAD_NUMBER' });
    expect(parseInteger('11', 0, 10)).toMatchObject({ ok: false, code: 'OUT_OF_RANGE' });
  });

  it('accepts a choice by its code or any label, case-insensitively, and lists the options when wrong', () => {
    const gender = { male: ['男', 'M'], female: ['女', 'F'] } as const;
    expect(value(parseChoice('女', gender))).toBe('female');
    expect(value(parseChoice('MALE', gender))).toBe('male');
    expect(value(parseChoice('m', gender))).toBe('male');
    const bad = parseChoice('未知', gender);
    expect(bad.ok ? '' : bad.message.zh).toContain('男、女');
    expect(bad.ok ? '' : bad.message.en).toContain('male, female');
  });

  it('normalises contact data and identifiers', () => {
    expect(value(parseMobile('+86 138-0000-0001'))).toBe('13800000001');
    expect(parseMobile('12345')).toMatchObject({ ok: false, code: 'BAD_MOBILE' });
    expect(value(parseEmail('Li.Na@Example.COM'))).toBe('li.na@example.com');
    expect(parseEmail('li.na@')).toMatchObject({ ok: false });
    expect(value(parseNationalId('11010119920202123x'))).toBe('11010119920202123X');
    expect(parseNationalId('1101011992')).toMatchObject({ ok: false });
    expect(value(parseCode('A-1_b'))).toBe('A-1_b');
    expect(parseCode('部门1')).toMatchObject({ ok: false, code: 'BAD_CODE' });
  });

  it('masks sensitive values in error listings', () => {
    expect(maskValue('1234')).toBe('****');
    expect(maskValue('12345')).toBe('12**5');
    expect(maskValue('110101199001011234')).toBe('110*************34');
  });
});
