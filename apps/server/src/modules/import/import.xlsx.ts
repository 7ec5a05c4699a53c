import ExcelJS from 'exceljs';
import { cleanCell, ImportFileError, type SourceRow } from './import.types.ts';

/** Numbers as a person typed them: integers without '.0' or exponent, others to 15 significant digits as Excel shows. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? n.toFixed(0) : BigInt(n).toString();
  return String(Number(n.toPrecision(15)));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** The text of an exceljs cell value (string, number, date, rich text, formula, hyperlink, error). */
export function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return cleanCell(value);
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (!isRecord(value)) return cleanCell(String(value));
  if (Array.isArray(value.richText)) {
    return cleanCell(value.richText.map((run: unknown) => (isRecord(run) && typeof run.text === 'string' ? run.text : '')).join(''));
  }
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result);
  if ('text' in value) return cellText(value.text); // hyperlink: { text, hyperlink }
  if (typeof value.error === 'string') return value.error; // '#N/A', '#REF!'
  return null;
}

/** Upper bound of an .xlsx upload: the workbook is parsed in memory (see below). */
export const MAX_XLSX_BYTES = 50 * 1024 * 1024;

/**
 * The first worksheet's rows. Rows with no value are absent, but row numbers are Excel's own.
 *
 * Not exceljs' streaming WorkbookReader: it races on Node 20 (exceljs#3064) and, under load, was
 * seen to throw or to deliver a worksheet with no rows — a silently empty import. The archive is
 * read whole (capped at MAX_XLSX_BYTES; zipped sheets are small) and parsed deterministically; rows
 * are still handed on in awaited batches.
 */
export async function* readXlsxRows(chunks: AsyncIterable<Buffer>): AsyncGenerator<SourceRow> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const c of chunks) {
    size += c.length;
    if (size > MAX_XLSX_BYTES) {
      throw new ImportFileError('CORRUPT_FILE', `Excel 文件超过 ${MAX_XLSX_BYTES / 1024 / 1024} MB，请拆分后再上传`, { reason: 'too large', bytes: size });
    }
    parts.push(c);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.concat(parts) as unknown as ArrayBuffer);
  } catch (err) {
    throw new ImportFileError('CORRUPT_FILE', 'Excel 文件已损坏或不完整，请重新保存后再上传', {
      reason: err instanceof Error ? err.message : String(err),
    });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ImportFileError('CORRUPT_FILE', '文件中没有工作表，不是有效的 Excel 文件', { reason: 'no worksheet' });
  for (let n = 1; n <= sheet.rowCount; n++) {
    const row = sheet.findRow(n);
    if (!row || !row.hasValues) continue;
    const values = Array.isArray(row.values) ? (row.values as unknown[]) : [];
    // exceljs row.values is 1-based (index 0 is empty)
    yield { rowNumber: row.number, cells: values.slice(1).map(cellText) };
  }
}
