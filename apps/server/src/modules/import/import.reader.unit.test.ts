import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { openCsv } from './import.csv.ts';
import { normalizeHeader } from './import.headers.ts';
import { ImportFileError, readImportFile, type ImportColumn, type RawRow } from './import.reader.ts';

const columns: ImportColumn[] = [
  { key: 'employeeNo', required: true, aliases: ['工号', '员工编号', 'employee_no', 'Employee No'] },
  { key: 'name', required: true, aliases: ['姓名', 'name', 'Full Name'] },
  { key: 'hireDate', required: false, aliases: ['入职日期', 'hire_date', 'Hire Date'] },
  { key: 'salary', required: false, aliases: ['月薪（元）', 'Monthly Salary'] },
];

async function read(name: string, data: Buffer | NodeJS.ReadableStream, opts: { batchSize?: number; mapping?: Record<string, string> } = {}) {
  const batches: RawRow[][] = [];
  const result = await readImportFile({ name, data }, columns, {
    ...opts,
    onBatch: async (rows) => {
      batches.push(rows);
    },
  });
  return { result, batches, rows: batches.flat() };
}

async function readError(name: string, data: Buffer | NodeJS.ReadableStream, opts: { mapping?: Record<string, string> } = {}) {
  const err = await read(name, data, opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportFileError);
  return err as ImportFileError;
}

/** rows[i] lands on Excel row i + 1; `undefined` leaves that row unwritten. */
async function xlsx(rows: (unknown[] | undefined)[], extra?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('员工');
  rows.forEach((values, i) => {
    if (values) ws.getRow(i + 1).values = values as ExcelJS.CellValue[];
  });
  extra?.(ws);
  wb.addWorksheet('说明').getRow(1).values = ['不应读取'];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
// '工号,姓名\r\nA001,张三' in GBK, hard-coded because TextEncoder only speaks UTF-8
const GBK_SAMPLE = Buffer.from([
  0xb9, 0xa4, 0xba, 0xc5, 0x2c, 0xd0, 0xd5, 0xc3, 0xfb, 0x0d, 0x0a, 0x41, 0x30, 0x30, 0x31, 0x2c, 0xd5, 0xc5, 0xc8, 0xfd,
]);

describe('readImportFile: xlsx', () => {
  it('reads numbers, dates, rich text, formulas, hyperlinks and booleans as text, with Excel row numbers', async () => {
    const buf = await xlsx([
      ['工号*', '姓名', '入职日期', '月薪(元)', '备注'],
      [100234, { richText: [{ text: '张' }, { text: '三 ', font: { bold: true } }] }, new Date(Date.UTC(2024, 0, 5)), 12345.5, true],
      undefined,
      ['', '  ', null],
      [{ formula: 'A2+1', result: 100235 }, { text: '李四', hyperlink: 'mailto:li@example.com' }, new Date(Date.UTC(1999, 11, 31)), 0.1 + 0.2, false],
    ]);
    const { result, rows, batches } = await read('员工.xlsx', buf);
    expect(result).toEqual({
      format: 'xlsx',
      encoding: null,
      headerRow: ['工号*', '姓名', '入职日期', '月薪(元)', '备注'],
      mapping: { employeeNo: '工号*', name: '姓名', hireDate: '入职日期', salary: '月薪(元)' },
      unmappedHeaders: ['备注'],
    });
    expect(batches).toHaveLength(1);
    expect(rows).toEqual([
      { rowNumber: 2, values: { employeeNo: '100234', name: '张三', hireDate: '2024-01-05', salary: '12345.5' } },
      { rowNumber: 5, values: { employeeNo: '100235', name: '李四', hireDate: '1999-12-31', salary: '0.3' } },
    ]);
  });

  it('keeps integers free of ".0" and exponents, and reads only the first worksheet', async () => {
    const { rows } = await read('a.xlsx', await xlsx([['Employee No', 'Full Name'], [1, 'A'], [1e15, 'B'], [-0, 'C']]));
    expect(rows.map((r) => r.values.employeeNo)).toEqual(['1', '1000000000000000', '0']);
  });

  it('delivers awaited batches of batchSize', async () => {
    const buf = await xlsx([['工号', '姓名'], ...Array.from({ length: 5 }, (_, i) => [`A${i}`, `N${i}`])]);
    const { batches } = await read('a.xlsx', buf, { batchSize: 2 });
    expect(batches.map((b) => b.map((r) => r.rowNumber))).toEqual([[2, 3], [4, 5], [6]]);
  });

  it('rejects a truncated workbook as CORRUPT_FILE', async () => {
    const buf = await xlsx([['工号', '姓名'], ['A1', '张三']]);
    for (const length of [200, Math.floor(buf.length / 2), buf.length - 30]) {
      const err = await readError('a.xlsx', buf.subarray(0, length));
      expect(err.code).toBe('CORRUPT_FILE');
    }
  });

  it('lets an error thrown by onBatch through unchanged', async () => {
    const boom = new Error('staging failed');
    const buf = await xlsx([['工号', '姓名'], ['A1', '张三']]);
    await expect(readImportFile({ name: 'a.xlsx', data: buf }, columns, { onBatch: () => Promise.reject(boom) })).rejects.toBe(boom);
    await expect(readImportFile({ name: 'a.csv', data: utf8('工号,姓名\nA1,张三\n') }, columns, { onBatch: () => Promise.reject(boom) })).rejects.toBe(boom);
  });

  it('reads a workbook renamed to .csv by its content', async () => {
    const { result } = await read('员工.csv', await xlsx([['工号', '姓名'], ['A1', '张三']]));
    expect(result.format).toBe('xlsx');
  });

  describe('50,000 rows from a file stream', () => {
    let dir = '';
    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('streams them in batches without holding them', async () => {
      dir = await mkdtemp(join(tmpdir(), 'uplift-import-'));
      const file = join(dir, 'big.xlsx');
      const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
      const sheet = writer.addWorksheet('员工');
      sheet.addRow(['工号*', '姓名*', '入职日期']).commit();
      for (let i = 0; i < 50_000; i++) sheet.addRow([100000 + i, `员工${i}`, new Date(Date.UTC(2020, 0, 1 + (i % 365)))]).commit();
      sheet.commit();
      await writer.commit();

      let count = 0;
      let largest = 0;
      let last: RawRow | undefined;
      const started = Date.now();
      await readImportFile({ name: 'big.xlsx', data: createReadStream(file) }, columns, {
        onBatch: async (rows) => {
          count += rows.length;
          largest = Math.max(largest, rows.length);
          last = rows.at(-1);
        },
      });
      expect(count).toBe(50_000);
      expect(largest).toBe(1000);
      expect(last).toEqual({ rowNumber: 50_001, values: { employeeNo: '149999', name: '员工49999', hireDate: expect.stringMatching(/^2020-/), salary: null } });
      expect(Date.now() - started).toBeLessThan(30_000);
    }, 60_000);
  });
});

describe('readImportFile: csv', () => {
  it('decodes UTF-8 with a BOM', async () => {
    const { result, rows } = await read('a.csv', Buffer.concat([BOM, utf8('工号,姓名\r\nA001,张三\r\n')]));
    expect(result.encoding).toBe('utf-8');
    expect(result.headerRow).toEqual(['工号', '姓名']);
    expect(rows).toEqual([{ rowNumber: 2, values: { employeeNo: 'A001', name: '张三', hireDate: null, salary: null } }]);
  });

  it('decodes UTF-8 without a BOM, from a stream that splits a character', async () => {
    const bytes = utf8('employee_no,Full Name\nA001,张三\n');
    const cut = bytes.indexOf(0xe5) + 1; // inside 张
    const { result, rows } = await read('a.txt', Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]));
    expect(result.encoding).toBe('utf-8');
    expect(result.mapping).toEqual({ employeeNo: 'employee_no', name: 'Full Name' });
    expect(rows[0]?.values.name).toBe('张三');
  });

  it('falls back to GB18030 for GBK exports', async () => {
    expect(new TextDecoder('gb18030').decode(GBK_SAMPLE)).toBe('工号,姓名\r\nA001,张三');
    const { result, rows } = await read('export.csv', GBK_SAMPLE);
    expect(result.encoding).toBe('gb18030');
    expect(rows).toEqual([{ rowNumber: 2, values: { employeeNo: 'A001', name: '张三', hireDate: null, salary: null } }]);
  });

  it('counts blank lines and multi-line fields as Excel does, and trims values', async () => {
    const csv = '工号,姓名,入职日期\r\n\r\nA1 , 张三 ,\r\n,,\r\nA2,"李\n四",2024-01-05\r\n';
    const { rows } = await read('a.csv', utf8(csv));
    expect(rows).toEqual([
      { rowNumber: 3, values: { employeeNo: 'A1', name: '张三', hireDate: null, salary: null } },
      { rowNumber: 5, values: { employeeNo: 'A2', name: '李\n四', hireDate: '2024-01-05', salary: null } },
    ]);
  });

  it('decides a large file’s encoding from its head, then rejects invalid bytes later on', async () => {
    const limits = { fullBufferBytes: 16, sniffBytes: 8 };
    const gbk = await openCsv(Readable.from([GBK_SAMPLE.subarray(0, 10), GBK_SAMPLE.subarray(10)]), limits);
    expect(gbk.encoding).toBe('gb18030');
    const cells: (string | null)[][] = [];
    for await (const row of gbk.rows) cells.push(row.cells);
    expect(cells).toEqual([['工号', '姓名'], ['A001', '张三']]);

    const mixed = await openCsv(Readable.from([utf8('工号,姓名\nA001,张三\n'), GBK_SAMPLE]), limits);
    expect(mixed.encoding).toBe('utf-8');
    const err = await (async () => {
      for await (const _ of mixed.rows) void _;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFileError);
    expect((err as ImportFileError).code).toBe('BAD_ENCODING');
  });

  it('rejects bytes valid in neither UTF-8 nor GB18030, and UTF-16', async () => {
    expect((await readError('a.csv', Buffer.from([0x41, 0x2c, 0xff, 0xff, 0x0a]))).code).toBe('BAD_ENCODING');
    expect((await readError('a.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('工号', 'utf16le')]))).code).toBe('BAD_ENCODING');
  });

  it('rejects an unclosed quote as CORRUPT_FILE', async () => {
    expect((await readError('a.csv', utf8('工号,姓名\nA1,"张三\n'))).code).toBe('CORRUPT_FILE');
  });
});

describe('readImportFile: headers', () => {
  it('matches aliases ignoring case, spaces, full-width parentheses and * markers', async () => {
    expect(normalizeHeader(' 月薪（元）* ')).toBe(normalizeHeader('月薪(元)'));
    const { result } = await read('a.csv', utf8('*员工编号,FULL  NAME,hire_date,月薪（元）,部门\nA1,张三,2024-01-05,100,研发\n'));
    expect(result.mapping).toEqual({ employeeNo: '*员工编号', name: 'FULL  NAME', hireDate: 'hire_date', salary: '月薪（元）' });
    expect(result.unmappedHeaders).toEqual(['部门']);
  });

  it('applies a remembered mapping before aliases', async () => {
    const { result, rows } = await read('a.csv', utf8('编号,工号,名字\nA1,legacy,张三\n'), {
      mapping: { employeeNo: '编号', name: '名字', hireDate: '不在文件里' },
    });
    expect(result.mapping).toEqual({ employeeNo: '编号', name: '名字' });
    // '工号' would match by alias, but the user chose '编号' for that column
    expect(result.unmappedHeaders).toEqual(['工号']);
    expect(rows[0]?.values).toEqual({ employeeNo: 'A1', name: '张三', hireDate: null, salary: null });
  });

  it('names missing required columns', async () => {
    const err = await readError('a.csv', utf8('入职日期,部门\n2024-01-05,研发\n'));
    expect(err.code).toBe('MISSING_COLUMNS');
    expect(err.message).toBe('缺少必填列：工号、姓名');
    expect(err.details).toEqual({
      missing: [
        { key: 'employeeNo', aliases: ['工号', '员工编号', 'employee_no', 'Employee No'] },
        { key: 'name', aliases: ['姓名', 'name', 'Full Name'] },
      ],
      headers: ['入职日期', '部门'],
    });
  });

  it('rejects two headers for one column', async () => {
    const err = await readError('a.xlsx', await xlsx([['工号', '姓名', 'Employee No'], ['A1', '张三', 'A1']]));
    expect(err.code).toBe('DUPLICATE_HEADER');
    expect(err.message).toContain('「工号」和「Employee No」');
    expect(err.details).toMatchObject({ duplicates: [{ key: 'employeeNo', headers: ['工号', 'Employee No'] }] });
  });
});

describe('readImportFile: files it cannot read', () => {
  it('EMPTY_FILE for no bytes, only blank lines, or a header without data', async () => {
    for (const [name, data] of [
      ['a.csv', Buffer.alloc(0)],
      ['a.csv', utf8('\r\n\r\n')],
      ['a.csv', utf8('工号,姓名\r\n,\r\n')],
      ['a.xlsx', await xlsx([['工号', '姓名']])],
      ['a.xlsx', await xlsx([])],
    ] as const) {
      expect((await readError(name, data)).code).toBe('EMPTY_FILE');
    }
  });

  it('UNSUPPORTED_FORMAT for .xls, other extensions and random bytes', async () => {
    const xls = await readError('旧版.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect(xls.code).toBe('UNSUPPORTED_FORMAT');
    expect(xls.message).toContain('另存为 .xlsx');
    const renamedXls = await readError('a.xlsx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect(renamedXls.message).toContain('另存为 .xlsx');

    const random = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7919) % 256));
    for (const name of ['a.pdf', 'a.xlsx', 'a.csv', 'noextension']) {
      const err = await readError(name, random);
      expect(err.code).toBe('UNSUPPORTED_FORMAT');
    }
    expect((await readError('a.pdf', random)).message).toBe('只支持 .xlsx 和 .csv 文件');
  });
});
