import { Readable } from 'node:stream';
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

/**
 * Streams the first worksheet's rows. Rows exceljs does not emit (never written) and rows with no
 * value are absent, but row numbers are Excel's own.
 */
export async function* readXlsxRows(chunks: AsyncIterable<Buffer>): AsyncGenerator<SourceRow> {
  const source = Readable.from(chunks);
  // styles must be read: without them a date cell is indistinguishable from its serial number
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  let sawWorksheet = false;
  try {
    for await (const worksheet of workbook) {
      sawWorksheet = true;
      for await (const row of worksheet) {
        const values = Array.isArray(row.values) ? (row.values as unknown[]) : [];
        // exceljs row.values is 1-based (index 0 is empty)
        const cells = values.slice(1).map(cellText);
        yield { rowNumber: row.number, cells };
      }
      break; // first worksheet only
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError('CORRUPT_FILE', 'Excel 文件已损坏或不完整，请重新保存后再上传', {
      reason: err instanceof Error ? err.message : String(err),
    });
  } finally {
    source.destroy();
  }
  if (!sawWorksheet) {
    throw new ImportFileError('CORRUPT_FILE', '文件中没有工作表，不是有效的 Excel 文件', { reason: 'no worksheet' });
  }
}
