import { describe, expect, it } from 'vitest';
import { importStatuses, type ImportBatch, type ImportTypeInfo } from '@uplift/contract';
import { ApiError } from '../../app/api-client.ts';
import {
  countKeysFor,
  duplicateHeaders,
  durationParts,
  importFileError,
  isImportFileName,
  isWorking,
  lastSource,
  mappingToSend,
  normalizeHeader,
  prefillMapping,
  progressPercent,
  rememberSource,
  rowErrorText,
  stepOf,
  uploadPercent,
} from './imports.ts';

const counts = { rows: 10, errorRows: 0, errors: 0, create: 10, update: 0, unchanged: 0 };
const at = (status: ImportBatch['status'], extra: Partial<Pick<ImportBatch, 'progress' | 'counts'>> = {}) => ({ status, progress: null, counts, ...extra });

const label = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const columns: ImportTypeInfo['columns'] = [
  { key: 'employee_no', required: true, label: label('工号', 'Employee No.'), hint: label('', '') },
  { key: 'name', required: true, label: label('姓名', 'Name'), hint: label('', '') },
  { key: 'unit_code', required: true, label: label('部门编码', 'Unit code'), hint: label('', '') },
  { key: 'hire_date', required: true, label: label('入职日期', 'Hire date'), hint: label('2024-03-01', '2024-03-01') },
  { key: 'email', required: false, label: label('邮箱', 'Email'), hint: label('', '') },
];

describe('stepOf', () => {
  it('puts each status on 上传 → 校验 → 预览 → 导入 → 完成', () => {
    expect(stepOf(at('receiving'))).toEqual({ current: 0, status: 'process' });
    expect(stepOf(at('validating'))).toEqual({ current: 1, status: 'process' });
    expect(stepOf(at('invalid'))).toEqual({ current: 1, status: 'error' });
    expect(stepOf(at('ready'))).toEqual({ current: 2, status: 'process' });
    expect(stepOf(at('merging'))).toEqual({ current: 3, status: 'process' });
    expect(stepOf(at('merged'))).toEqual({ current: 4, status: 'finish' });
    expect(stepOf(at('rolled_back'))).toEqual({ current: 4, status: 'finish' });
  });

  it('marks a discarded batch where it was dropped: at the errors, or at the preview', () => {
    expect(stepOf(at('discarded', { counts: { ...counts, errorRows: 2, errors: 3 } }))).toEqual({ current: 1, status: 'error' });
    expect(stepOf(at('discarded'))).toEqual({ current: 2, status: 'error' });
  });

  it('marks a failed batch at the phase it was in', () => {
    expect(stepOf(at('failed', { progress: { phase: 'receiving', done: 0, total: null } })).current).toBe(0);
    expect(stepOf(at('failed', { progress: { phase: 'merging', done: 3, total: 10 } }))).toEqual({ current: 3, status: 'error' });
    expect(stepOf(at('failed'))).toEqual({ current: 1, status: 'error' });
  });

  it('knows every status, and polls only while the server works', () => {
    for (const s of importStatuses) expect(() => stepOf(at(s))).not.toThrow();
    expect(importStatuses.filter(isWorking)).toEqual(['receiving', 'validating', 'merging']);
  });
});

describe('countKeysFor', () => {
  it('shows the errors instead of a preview when nothing can be imported', () => {
    const errors = { ...counts, errorRows: 2, errors: 3 };
    expect(countKeysFor(at('invalid', { counts: errors }))).toEqual(['rows', 'errorRows', 'errors']);
    expect(countKeysFor(at('discarded', { counts: errors }))).toEqual(['rows', 'errorRows', 'errors']);
    expect(countKeysFor(at('discarded'))).toEqual(['rows', 'create', 'update', 'unchanged']);
    expect(countKeysFor(at('ready'))).toEqual(['rows', 'create', 'update', 'unchanged']);
    expect(countKeysFor(at('merged'))).toEqual(['rows', 'create', 'update', 'unchanged']);
  });
});

describe('progress', () => {
  it('is a whole percent, capped at 100, and unknown without a total', () => {
    expect(progressPercent({ phase: 'validating', done: 333, total: 1000 })).toBe(33);
    expect(progressPercent({ phase: 'validating', done: 12, total: 10 })).toBe(100);
    expect(progressPercent({ phase: 'receiving', done: 5, total: null })).toBeNull();
    expect(progressPercent({ phase: 'merging', done: 0, total: 0 })).toBeNull();
    expect(progressPercent(null)).toBeNull();
    expect(uploadPercent(512, 1024)).toBe(50);
    expect(uploadPercent(512, null)).toBeNull();
  });

  it('words a duration in minutes and seconds', () => {
    expect(durationParts(1_499)).toEqual({ minutes: 0, seconds: 1 });
    expect(durationParts(65_000)).toEqual({ minutes: 1, seconds: 5 });
    expect(durationParts(-5)).toEqual({ minutes: 0, seconds: 0 });
  });
});

describe('rowErrorText', () => {
  const error = { message: { 'zh-CN': '部门编码 X9 不存在', 'en-US': 'Unit code X9 does not exist' } };
  it('picks the message in the current language, Chinese when the other is empty', () => {
    expect(rowErrorText(error, 'zh-CN')).toBe('部门编码 X9 不存在');
    expect(rowErrorText(error, 'en-US')).toBe('Unit code X9 does not exist');
    expect(rowErrorText({ message: { 'zh-CN': '日期无效', 'en-US': '' } }, 'en-US')).toBe('日期无效');
  });
});

describe('prefillMapping', () => {
  it('matches headers by key, label or alias the way the server does (width, case, *, brackets)', () => {
    expect(normalizeHeader(' 工号＊ ')).toBe('工号');
    expect(normalizeHeader('Employee No. (工号)')).toBe('employeeno.工号');
    const headers = ['员工编号', 'NAME*', '部门编码', 'Hire Date', '备注'];
    expect(prefillMapping(columns, headers, {}, { employee_no: ['员工编号', '工号'] })).toEqual({
      employee_no: '员工编号',
      name: 'NAME*',
      unit_code: '部门编码',
      hire_date: 'Hire Date',
    });
  });

  it('prefers the remembered mapping when the file has that header, and offers a header once', () => {
    const headers = ['人员编号', '姓名', '组织', '部门编码', '入职时间'];
    const remembered = { employee_no: '人员编号', unit_code: '组织', hire_date: '报到日期', name: '姓名' };
    const m = prefillMapping(columns, headers, remembered);
    // 组织 remembered for unit_code wins over the alias match 部门编码; 报到日期 is not in this file
    expect(m).toEqual({ employee_no: '人员编号', name: '姓名', unit_code: '组织' });
    expect(m.hire_date).toBeUndefined();
  });

  it('sends only chosen columns and finds a header chosen twice', () => {
    expect(mappingToSend({ employee_no: '工号', email: undefined, name: '' })).toEqual({ employee_no: '工号' });
    expect(duplicateHeaders({ employee_no: '工号', name: '工号', email: '邮箱', unit_code: undefined })).toEqual(['工号']);
    expect(duplicateHeaders({ employee_no: '工号', name: '姓名' })).toEqual([]);
  });
});

describe('importFileError', () => {
  const envelope = (details: unknown, code: 'VALIDATION_FAILED' | 'PAYLOAD_TOO_LARGE' = 'VALIDATION_FAILED') =>
    new ApiError({ code, status: code === 'VALIDATION_FAILED' ? 400 : 413, message: '缺少必填列：工号', details, requestId: 'r' });

  it('reads the headers, the missing columns and their aliases of MISSING_COLUMNS', () => {
    const e = importFileError(envelope({ importError: 'MISSING_COLUMNS', headers: ['编号', '姓名'], missing: [{ key: 'employee_no', aliases: ['工号', 'Employee No.'] }] }));
    expect(e).toEqual({ code: 'MISSING_COLUMNS', message: '缺少必填列：工号', headers: ['编号', '姓名'], missing: ['employee_no'], aliases: { employee_no: ['工号', 'Employee No.'] } });
  });

  it('recognises the other file errors and a 413, and nothing else', () => {
    expect(importFileError(envelope({ importError: 'BAD_ENCODING' }))?.code).toBe('BAD_ENCODING');
    expect(importFileError(envelope(null, 'PAYLOAD_TOO_LARGE'))?.code).toBe('TOO_LARGE');
    expect(importFileError(envelope({ issues: [{ path: 'body.type', message: '无效' }] }))).toBeNull();
    expect(importFileError(new Error('boom'))).toBeNull();
  });

  it('accepts .xlsx and .csv in any case only', () => {
    expect(['a.xlsx', 'B.CSV', '员工.Xlsx'].every(isImportFileName)).toBe(true);
    expect(['a.xls', 'a.csv.txt', 'xlsx'].some(isImportFileName)).toBe(false);
  });
});

describe('last source', () => {
  it('remembers the trimmed source of the last upload, and survives storage that throws', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(lastSource(storage)).toBe('');
    rememberSource(storage, ' 北森导出 ');
    expect(lastSource(storage)).toBe('北森导出');
    const broken = {
      getItem: (): string | null => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(lastSource(broken)).toBe('');
    expect(() => rememberSource(broken, 'x')).not.toThrow();
    expect(lastSource(null)).toBe('');
  });
});
