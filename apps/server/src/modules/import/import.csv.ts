import { Readable, pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { cleanCell, ImportFileError, type CsvEncoding, type SourceRow } from './import.types.ts';

export type CsvLimits = {
  /** files up to this size are buffered whole, so the encoding is decided on every byte */
  fullBufferBytes: number;
  /** larger files decide their encoding on this many leading bytes, then stream-decode */
  sniffBytes: number;
};

// 50 MB covers any realistic HR export (100,000 employees ≈ 20 MB), so in practice the encoding is
// decided on the whole file; beyond that memory matters more than a perfect guess, and an invalid
// byte after the first 1 MB surfaces as BAD_ENCODING instead of silently switching mid-file.
const DEFAULT_LIMITS: CsvLimits = { fullBufferBytes: 50 * 1024 * 1024, sniffBytes: 1024 * 1024 };

type CsvInfoRecord = { record: string[]; info: { records: number; empty_lines: number } };

/** Strict UTF-8 (BOM or not), else GB18030 (a superset of GBK, what Chinese Excel exports). */
function detectEncoding(bytes: Buffer, complete: boolean): CsvEncoding {
  for (const encoding of ['utf-8', 'gb18030'] as const) {
    try {
      // stream: true tolerates a multi-byte character cut at the end of a partial sample
      new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: !complete });
      return encoding;
    } catch {
      // try the next encoding
    }
  }
  throw new ImportFileError('BAD_ENCODING', '无法识别文件编码，请在 Excel 中另存为“CSV UTF-8”后再上传', {
    tried: ['utf-8', 'gb18030'],
  });
}

function rejectNonText(sample: Buffer): void {
  const b0 = sample[0];
  const b1 = sample[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    throw new ImportFileError('BAD_ENCODING', '不支持 UTF-16 编码的文本，请在 Excel 中另存为“CSV UTF-8”后再上传', {
      encoding: 'utf-16',
    });
  }
  if (sample.includes(0)) {
    throw new ImportFileError('UNSUPPORTED_FORMAT', '文件内容不是 CSV 文本，只支持 .xlsx 和 .csv 文件', { binary: true });
  }
}

/**
 * Decides the CSV's encoding, then streams its rows (trimmed cells, empty → null) with row numbers
 * as Excel would show them: blank lines count, a quoted multi-line field is one row.
 */
export async function openCsv(
  chunks: AsyncIterable<Buffer>,
  limits: CsvLimits = DEFAULT_LIMITS,
): Promise<{ encoding: CsvEncoding; rows: AsyncIterable<SourceRow> }> {
  const it = chunks[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  let complete = false;
  while (size <= limits.fullBufferBytes) {
    const next = await it.next();
    if (next.done) {
      complete = true;
      break;
    }
    head.push(next.value);
    size += next.value.length;
  }
  let buffered = Buffer.concat(head);
  head.length = 0;
  rejectNonText(buffered.subarray(0, limits.sniffBytes));
  const encoding = detectEncoding(complete ? buffered : buffered.subarray(0, limits.sniffBytes), complete);

  async function* text(): AsyncGenerator<string> {
    const decoder = new TextDecoder(encoding, { fatal: true });
    try {
      // in slices: one huge string would make the parser turn the whole file into records at once
      for (let at = 0; at < buffered.length; at += 64 * 1024) yield decoder.decode(buffered.subarray(at, at + 64 * 1024), { stream: true });
      buffered = Buffer.alloc(0); // the file's bytes are all decoded: let them go
      for (let next = await it.next(); !next.done; next = await it.next()) {
        yield decoder.decode(next.value, { stream: true });
      }
      yield decoder.decode();
    } catch (err) {
      if (err instanceof TypeError) {
        throw new ImportFileError('BAD_ENCODING', `文件中途出现无法按 ${encoding} 解码的内容，请在 Excel 中另存为“CSV UTF-8”后再上传`, {
          encoding,
        });
      }
      throw err;
    } finally {
      await it.return?.();
    }
  }

  async function* rows(): AsyncGenerator<SourceRow> {
    const parser = parse({
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
    });
    // errors from either side destroy the parser, so they surface in the loop below
    pipeline(Readable.from(text()), parser, () => undefined);
    try {
      for await (const item of parser) {
        const { record, info } = item as CsvInfoRecord;
        yield { rowNumber: info.records + info.empty_lines, cells: record.map(cleanCell) };
      }
    } catch (err) {
      if (err instanceof ImportFileError) throw err;
      const e = err as { code?: unknown; lines?: unknown; message?: unknown };
      throw new ImportFileError('CORRUPT_FILE', `CSV 格式错误（第 ${String(e.lines ?? '?')} 行附近），请检查引号是否成对`, {
        code: e.code ?? null,
        line: e.lines ?? null,
        reason: typeof e.message === 'string' ? e.message : null,
      });
    } finally {
      parser.destroy();
    }
  }

  return { encoding, rows: rows() };
}
