import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import type { FieldCrypto } from '../../lib/field-crypto.ts';
import type { ImportKind } from './import.kind.ts';

export type Lang = 'zh-CN' | 'en-US';
const pick = (m: { zh: string; en: string }, lang: Lang) => (lang === 'en-US' ? m.en : m.zh);
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F0FF' } };
const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFD6D6' } };

/** The template of one import type: the header row (required ones marked *), and a sheet explaining each column. */
export async function templateWorkbook(kind: ImportKind, lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Uplift';
  const sheet = wb.addWorksheet(pick(kind.label, lang));
  sheet.addRow(kind.columns.map((c) => `${pick(c.label, lang)}${c.required ? '*' : ''}`));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).eachCell((cell) => (cell.fill = HEADER_FILL));
  kind.columns.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = Math.max(12, pick(c.label, lang).length * 2 + 4);
    // keep codes, numbers and dates as typed text: Excel would otherwise drop leading zeros
    col.numFmt = '@';
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet(lang === 'en-US' ? 'Instructions' : '填写说明');
  help.addRow(lang === 'en-US' ? ['Column', 'Required', 'How to fill it'] : ['列', '是否必填', '填写说明']);
  help.getRow(1).font = { bold: true };
  for (const c of kind.columns) help.addRow([pick(c.label, lang), c.required ? (lang === 'en-US' ? 'yes' : '必填') : '', pick(c.hint, lang)]);
  help.addRow([]);
  help.addRow([
    lang === 'en-US'
      ? 'Rows are matched by their key: new keys are created, existing ones updated. Columns left out of the file are not changed; an empty cell clears an optional value.'
      : '按编码/工号匹配：新的编码会新建，已有的会更新。文件里没有的列不会被修改；可选列的空单元格表示清空该值。',
  ]);
  help.getColumn(1).width = 22;
  help.getColumn(2).width = 10;
  help.getColumn(3).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Every staged row as uploaded (the mapped columns in the file's order) with a last column
 * listing its errors; cells in error are shaded. Streamed in pages, so a big file stays small in memory.
 */
export function errorWorkbook(opts: { db: Db; crypto: FieldCrypto; kind: ImportKind; batchId: string; mapping: Record<string, string>; headerRow: string[]; lang: Lang }): Readable {
  const out = new PassThrough();
  const { db, crypto, kind, batchId, lang } = opts;
  const keys = kind.columns
    .filter((c) => opts.mapping[c.key] !== undefined)
    .sort((a, b) => opts.headerRow.indexOf(opts.mapping[a.key]!) - opts.headerRow.indexOf(opts.mapping[b.key]!));
  void (async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const sheet = wb.addWorksheet(lang === 'en-US' ? 'Errors' : '错误');
    const header = sheet.addRow([...keys.map((c) => opts.mapping[c.key]!), lang === 'en-US' ? 'Errors' : '错误说明']);
    header.font = { bold: true };
    header.commit();
    let after = 0;
    for (;;) {
      const rows = await queryRows<{ row_number: number; raw: Record<string, string | true | null>; data: Record<string, unknown>; errors: { column: string | null; zh: string; en: string }[] | null }>(
        db,
        sql`
          select r.row_number, r.raw, r.data,
            (select json_agg(json_build_object('column', e."column", 'zh', e.message_zh, 'en', e.message_en) order by e.id)
               from import_errors e where e.batch_id = r.batch_id and e.row_number = r.row_number) as errors
          from import_rows r where r.batch_id = ${batchId} and r.row_number > ${after}
          order by r.row_number limit 2000`,
      );
      if (rows.length === 0) break;
      for (const r of rows) {
        const errs = r.errors ?? [];
        const cells = keys.map((c) => {
          const v = r.raw[c.key] ?? null;
          if (!c.sensitive) return v;
          // true: the cell was already in normal form, encrypted once in data
          return crypto.decrypt(v === true ? ((r.data[`${c.key}_enc`] as string | null) ?? null) : v);
        });
        const messages = errs.map((e) => {
          const col = e.column ? (opts.mapping[e.column] ?? e.column) : null;
          const text = lang === 'en-US' ? e.en : e.zh;
          return col ? `${col}：${text}` : text;
        });
        const row = sheet.addRow([...cells, messages.join('；')]);
        const bad = new Set(errs.map((e) => e.column));
        keys.forEach((c, i) => {
          if (bad.has(c.key)) row.getCell(i + 1).fill = ERROR_FILL;
        });
        if (errs.length > 0) row.getCell(keys.length + 1).font = { color: { argb: 'FFC00000' } };
        row.commit();
      }
      after = rows[rows.length - 1]!.row_number;
    }
    sheet.commit();
    await wb.commit();
  })().catch((err: unknown) => out.destroy(err as Error));
  return out;
}
