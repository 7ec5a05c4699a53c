import { extname } from 'node:path';
import { openCsv } from './import.csv.ts';
import { resolveHeaders, type HeaderResolution } from './import.headers.ts';
import { readXlsxRows } from './import.xlsx.ts';
import {
  ImportFileError,
  type CsvEncoding,
  type ImportColumn,
  type ImportFormat,
  type RawRow,
  type ReadResult,
  type SourceRow,
} from './import.types.ts';

export { ImportFileError } from './import.types.ts';
export type { ImportColumn, RawRow, ReadResult, ImportFileErrorCode } from './import.types.ts';

export type ReadOptions = {
  batchSize?: number;
  /** remembered user mapping: column key → header text */
  mapping?: Record<string, string>;
  onBatch(rows: RawRow[]): Promise<void>;
  /** Called once the header row is resolved, before the first batch. */
  onHeader?(header: { headerRow: string[]; mapping: Record<string, string>; unmappedHeaders: string[] }): void;
};

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]); // .xls (Excel 97-2003)
const XLS_MESSAGE = '不支持 Excel 97-2003（.xls）文件，请在 Excel 中另存为 .xlsx 后再上传';
const SUPPORTED_MESSAGE = '只支持 .xlsx 和 .csv 文件';

async function* chunksOf(data: Buffer | NodeJS.ReadableStream): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(data)) {
    yield data;
    return;
  }
  for await (const chunk of data) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

/** Reads at least `n` leading bytes without losing them: returns them and the whole stream again. */
async function peek(source: AsyncIterable<Buffer>, n: number): Promise<{ head: Buffer; chunks: AsyncGenerator<Buffer> }> {
  const it = source[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < n) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    taken.push(next.value);
    size += next.value.length;
  }
  async function* chunks(): AsyncGenerator<Buffer> {
    try {
      yield* taken;
      if (done) return;
      for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
    } finally {
      await it.return?.();
    }
  }
  return { head: Buffer.concat(taken).subarray(0, n), chunks: chunks() };
}

async function openSource(
  name: string,
  data: Buffer | NodeJS.ReadableStream,
): Promise<{ format: ImportFormat; encoding: CsvEncoding | null; rows: AsyncIterable<SourceRow> }> {
  const ext = extname(name).toLowerCase();
  const details = { fileName: name, extension: ext };
  if (ext === '.xls') throw new ImportFileError('UNSUPPORTED_FORMAT', XLS_MESSAGE, details);
  if (ext !== '.xlsx' && ext !== '.csv' && ext !== '.txt') {
    throw new ImportFileError('UNSUPPORTED_FORMAT', SUPPORTED_MESSAGE, details);
  }
  const { head, chunks } = await peek(chunksOf(data), OLE_MAGIC.length);
  if (head.length === 0) throw new ImportFileError('EMPTY_FILE', '文件是空的', details);
  if (head.subarray(0, OLE_MAGIC.length).equals(OLE_MAGIC)) throw new ImportFileError('UNSUPPORTED_FORMAT', XLS_MESSAGE, details);
  // content wins over the name: an .xlsx renamed to .csv is still read as a workbook
  if (head.subarray(0, ZIP_MAGIC.length).equals(ZIP_MAGIC)) return { format: 'xlsx', encoding: null, rows: readXlsxRows(chunks) };
  if (ext === '.xlsx') {
    throw new ImportFileError('UNSUPPORTED_FORMAT', `文件内容不是 .xlsx 格式；${SUPPORTED_MESSAGE}`, details);
  }
  const csv = await openCsv(chunks);
  return { format: 'csv', encoding: csv.encoding, rows: csv.rows };
}

function toRawRow(row: SourceRow, columns: ImportColumn[], header: HeaderResolution): RawRow {
  const values: Record<string, string | null> = {};
  for (const column of columns) {
    const i = header.indexByKey.get(column.key);
    values[column.key] = i === undefined ? null : (row.cells[i] ?? null);
  }
  return { rowNumber: row.rowNumber, values };
}

/**
 * Streams rows of an uploaded file (Buffer or Readable + file name) in batches, after resolving headers.
 * The first non-empty row is the header (row 1 in a well-formed file). Batches are awaited one at a
 * time, so memory holds one batch; rows may already have been delivered when a later CORRUPT_FILE or
 * BAD_ENCODING is thrown, so callers stage rows and discard them on error.
 */
export async function readImportFile(
  input: { name: string; data: Buffer | NodeJS.ReadableStream },
  columns: ImportColumn[],
  opts: ReadOptions,
): Promise<ReadResult> {
  const batchSize = opts.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);

  const source = await openSource(input.name, input.data);
  let headerRow: string[] | null = null;
  let header: HeaderResolution | null = null;
  let batch: RawRow[] = [];
  let dataRows = 0;

  for await (const row of source.rows) {
    if (row.cells.every((c) => c === null)) continue; // blank rows are skipped but keep their number
    if (header === null) {
      const texts = row.cells.map((c) => c ?? '');
      while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
      headerRow = texts;
      header = resolveHeaders(texts, columns, opts.mapping);
      opts.onHeader?.({ headerRow: texts, mapping: header.mapping, unmappedHeaders: header.unmappedHeaders });
      continue;
    }
    batch.push(toRawRow(row, columns, header));
    dataRows += 1;
    if (batch.length >= batchSize) {
      await opts.onBatch(batch);
      batch = [];
    }
  }

  if (header === null || headerRow === null) {
    throw new ImportFileError('EMPTY_FILE', '文件是空的', { fileName: input.name });
  }
  if (dataRows === 0) {
    throw new ImportFileError('EMPTY_FILE', '文件只有表头，没有数据行', { fileName: input.name, headers: headerRow });
  }
  if (batch.length > 0) await opts.onBatch(batch);

  return {
    format: source.format,
    encoding: source.encoding,
    headerRow,
    mapping: header.mapping,
    unmappedHeaders: header.unmappedHeaders,
  };
}
