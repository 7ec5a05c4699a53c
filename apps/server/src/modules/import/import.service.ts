import { createHash, randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { ImportBatch, ImportRowError, ImportType, ImportTypeInfo } from '@uplift/contract';
import { queryRows, type Database, type Db, type Tx } from '../../db/client.ts';
import { importBatches, importErrors, importMappings, users } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { decodeCursor, toPage } from '../../lib/cursor.ts';
import { AppError } from '../../lib/errors.ts';
import type { FieldCrypto } from '../../lib/field-crypto.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Access } from '../access/access.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import { errorWorkbook, type Lang } from './import.files.ts';
import type { ImportKind, KindContext } from './import.kind.ts';
import { createStager, hashingStream, stageFile } from './import.staging.ts';
import { ImportFileError } from './import.types.ts';

type BatchRow = typeof importBatches.$inferSelect;
const ACTIVE = ['receiving', 'validating', 'merging'] as const;
/** A worker that has not reported for this long is presumed dead (another node, or a crash). */
const STALE_MS = 2 * 60_000;
const INTERRUPTED = '服务在导入过程中停止，本次导入没有写入任何数据，请重新上传文件';
const MAX_FILE_BYTES = 50 * 1024 * 1024;

export type Imports = ReturnType<typeof createImports>;

/**
 * The one import path: stream → stage → validate (cells, then set-based SQL) → preview → merge in
 * one transaction → roll back. Each kind brings its columns and SQL; this owns the lifecycle,
 * progress, recovery after a crash and who may see what.
 */
export function createImports(deps: {
  database: Database;
  clock: Clock;
  audit: Audit;
  crypto: FieldCrypto;
  log: Logger;
  kinds: ImportKind[];
  businessDate(at: Date): string;
  /** publishes 'import.merged' to other systems, in the merge transaction */
  emit?: (tx: Tx, event: 'import.merged', data: Record<string, unknown>, opts?: { eventId?: string }) => Promise<unknown>;
}) {
  const { database, clock, audit, crypto, log } = deps;
  const { db } = database;
  const kinds = new Map(deps.kinds.map((k) => [k.type, k]));
  const worker = randomUUID();
  const running = new Set<Promise<void>>();
  let stopping = false;

  const kindOf = (type: string): ImportKind => {
    const k = kinds.get(type as ImportType);
    if (!k) throw new AppError('NOT_FOUND', `没有这种导入类型：${type}`);
    return k;
  };

  function types(access: Access): ImportTypeInfo[] {
    return [...kinds.values()].map((k) => ({
      type: k.type,
      label: { 'zh-CN': k.label.zh, 'en-US': k.label.en },
      allowed: k.allowed(access),
      columns: k.columns.map((c) => ({ key: c.key, required: c.required, label: { 'zh-CN': c.label.zh, 'en-US': c.label.en }, hint: { 'zh-CN': c.hint.zh, 'en-US': c.hint.en } })),
    }));
  }

  /** Group HR and group-wide auditors see every import; everyone else their own. */
  const seesAll = (access: Access) => access.hr === 'all' || access.records === 'all';
  const mayAct = (access: Access, b: BatchRow) => (b.createdBy === access.userId || access.hr === 'all') && kindOf(b.type).allowed(access);

  async function batchOr404(access: Access, id: string): Promise<BatchRow> {
    const [b] = await db.select().from(importBatches).where(eq(importBatches.id, id));
    if (!b || !(b.createdBy === access.userId || seesAll(access))) throw new AppError('NOT_FOUND', `没有这个导入批次：${id}`);
    return b;
  }

  async function present(access: Access, rows: BatchRow[]): Promise<ImportBatch[]> {
    const ids = [...new Set(rows.flatMap((b) => [b.createdBy, b.mergedBy, b.rolledBackBy]).filter((x): x is string => x !== null))];
    const names = new Map((ids.length ? await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, ids)) : []).map((u) => [u.id, u.username]));
    const shas = [...new Set(rows.map((b) => b.sha256).filter(Boolean))];
    const merged = shas.length
      ? await db
          .select({ sha: importBatches.sha256, id: importBatches.id, at: importBatches.mergedAt })
          .from(importBatches)
          .where(and(inArray(importBatches.sha256, shas), eq(importBatches.status, 'merged')))
      : [];
    return rows.map((b) => {
      const same = merged.filter((m) => m.sha === b.sha256 && m.id !== b.id && m.at !== null).sort((x, y) => y.at!.getTime() - x.at!.getTime())[0];
      const act = mayAct(access, b);
      return {
        id: b.id,
        type: b.type as ImportType,
        status: b.status as ImportBatch['status'],
        fileName: b.fileName,
        fileSize: b.fileSize,
        sha256: b.sha256,
        format: b.format as ImportBatch['format'],
        encoding: b.encoding as ImportBatch['encoding'],
        source: b.source,
        mapping: b.mapping as Record<string, string>,
        unmappedHeaders: b.unmappedHeaders as string[],
        counts: { rows: b.rows, errorRows: b.errorRows, errors: b.errors, create: b.creates, update: b.updates, unchanged: b.unchanged },
        progress: b.phase ? { phase: b.phase as NonNullable<ImportBatch['progress']>['phase'], done: b.done, total: b.total } : null,
        failure: b.failure,
        createdBy: { id: b.createdBy, username: names.get(b.createdBy) ?? '' },
        createdAt: b.createdAt.toISOString(),
        mergedAt: b.mergedAt?.toISOString() ?? null,
        mergedBy: b.mergedBy ? (names.get(b.mergedBy) ?? null) : null,
        durationMs: b.durationMs,
        rolledBackAt: b.rolledBackAt?.toISOString() ?? null,
        rolledBackBy: b.rolledBackBy ? (names.get(b.rolledBackBy) ?? null) : null,
        sameFileMergedAt: same?.at?.toISOString() ?? null,
        canMerge: act && b.status === 'ready',
        canDiscard: act && (b.status === 'ready' || b.status === 'invalid'),
        canRollback: act && b.status === 'merged',
      };
    });
  }

  async function view(access: Access, id: string): Promise<ImportBatch> {
    const [v] = await present(access, [await batchOr404(access, id)]);
    return v!;
  }

  async function list(access: Access, q: { type?: ImportType | undefined; limit: number; cursor?: string | undefined }) {
    const cursor = decodeCursor(q.cursor, (v): v is [string, string] => Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string'));
    const rows = await db
      .select()
      .from(importBatches)
      .where(
        and(
          seesAll(access) ? undefined : eq(importBatches.createdBy, access.userId),
          q.type ? eq(importBatches.type, q.type) : undefined,
          cursor ? or(lt(importBatches.createdAt, new Date(cursor[0])), and(eq(importBatches.createdAt, new Date(cursor[0])), lt(importBatches.id, cursor[1]))) : undefined,
        ),
      )
      .orderBy(desc(importBatches.createdAt), desc(importBatches.id))
      .limit(q.limit + 1);
    const page = toPage(rows, q.limit, (b) => [b.createdAt.toISOString(), b.id]);
    return { items: await present(access, page.items), nextCursor: page.nextCursor };
  }

  async function errors(access: Access, id: string, q: { limit: number; cursor?: string | undefined }) {
    const b = await batchOr404(access, id);
    const kind = kindOf(b.type);
    const cursor = decodeCursor(q.cursor, (v): v is [number, number] => Array.isArray(v) && v.length === 2 && v.every((x) => Number.isInteger(x)));
    const rows = await db
      .select()
      .from(importErrors)
      .where(
        and(
          eq(importErrors.batchId, id),
          cursor ? sql`(${importErrors.rowNumber}, ${importErrors.id}) > (${cursor[0]}, ${cursor[1]})` : undefined,
        ),
      )
      .orderBy(asc(importErrors.rowNumber), asc(importErrors.id))
      .limit(q.limit + 1);
    const mapping = b.mapping as Record<string, string>;
    const page = toPage(rows, q.limit, (e) => [e.rowNumber, e.id]);
    const items: ImportRowError[] = page.items.map((e) => ({
      rowNumber: e.rowNumber,
      column: e.column,
      header: e.column ? (mapping[e.column] ?? kind.columns.find((c) => c.key === e.column)?.label.zh ?? e.column) : null,
      value: e.value,
      code: e.code,
      message: { 'zh-CN': e.messageZh, 'en-US': e.messageEn },
    }));
    return { items, nextCursor: page.nextCursor, total: b.errors };
  }

  async function getMapping(type: ImportType, source: string | undefined) {
    const [m] = await db.select().from(importMappings).where(and(eq(importMappings.type, type), eq(importMappings.source, source ?? '')));
    return { type, source: source ?? null, mapping: (m?.mapping ?? {}) as Record<string, string>, updatedAt: m?.updatedAt.toISOString() ?? null };
  }

  /**
   * Staging a file changes import_rows more than autovacuum notices in time; without fresh
   * statistics the planner expects a handful of rows and joins 100,000 of them by nested loops.
   */
  async function freshStatistics() {
    await db.execute(sql`analyze import_rows`);
  }

  /** Progress and heartbeat: one short statement outside any import transaction. */
  async function report(id: string, patch: Partial<typeof importBatches.$inferInsert>) {
    await db
      .update(importBatches)
      .set({ ...patch, heartbeatAt: clock.now(), worker })
      .where(eq(importBatches.id, id));
  }

  function background(id: string, what: string, work: () => Promise<void>) {
    const p = work()
      .catch(async (err: unknown) => {
        log.error({ err, batchId: id }, `import ${what} failed`);
        // a rule the person can act on is said as it is; anything else is ours, logged with the batch id
        const failure = stopping ? INTERRUPTED : err instanceof AppError ? `导入失败：${err.message}` : `导入失败：服务器内部错误，没有写入任何数据（批次 ${id}，已记录日志，请联系管理员）`;
        await report(id, { status: 'failed', phase: null, failure }).catch(() => {});
      })
      .finally(() => running.delete(p));
    running.add(p);
  }

  /**
   * Receives the file: streams it into staging (each batch a short statement), hashes it, and
   * starts validation in the background. File-level problems answer 400 and leave nothing behind.
   */
  async function upload(
    access: Access,
    ctx: AuditContext,
    input: { type: ImportType; source?: string | undefined; mapping?: Record<string, string> | undefined },
    file: { name: string; stream: NodeJS.ReadableStream & { truncated?: boolean } },
  ): Promise<ImportBatch> {
    const kind = kindOf(input.type);
    if (!kind.allowed(access)) throw new AppError('FORBIDDEN', `您没有导入${kind.label.zh}的权限`);
    if (stopping) throw new AppError('UNAVAILABLE', '服务正在停止，请稍后重试');
    const started = performance.now();
    const id = randomUUID();
    const now = clock.now();
    // a named source brings back the mapping last used for it
    const mapping = input.mapping ?? (input.source ? (await getMapping(kind.type, input.source)).mapping : undefined);
    await db.insert(importBatches).values({
      id,
      type: kind.type,
      status: 'receiving',
      fileName: file.name.slice(0, 255),
      source: input.source || null,
      phase: 'receiving',
      createdBy: access.userId,
      createdAt: now,
      worker,
      heartbeatAt: now,
    });
    const hashing = hashingStream();
    file.stream.pipe(hashing);
    file.stream.on('error', (e) => hashing.destroy(e));
    try {
      const staged = await stageFile({
        db,
        crypto,
        kind,
        batchId: id,
        file: { name: file.name, data: hashing },
        mapping: mapping && Object.keys(mapping).length > 0 ? mapping : undefined,
        onProgress: (done) => report(id, { done }),
      });
      if (file.stream.truncated) throw new Error('truncated');
      await freshStatistics();
      const { sha256, size } = hashing.digest();
      await report(id, {
        status: 'validating',
        phase: 'validating',
        done: 0,
        total: null,
        sha256,
        fileSize: size,
        format: staged.format,
        encoding: staged.encoding,
        mapping: staged.mapping,
        headerRow: staged.headerRow,
        unmappedHeaders: staged.unmappedHeaders,
        rows: staged.rows,
        durationMs: Math.round(performance.now() - started),
      });
      if (input.mapping || input.source) {
        await db
          .insert(importMappings)
          .values({ type: kind.type, source: input.source ?? '', mapping: staged.mapping, updatedBy: access.userId, updatedAt: now })
          .onConflictDoUpdate({ target: [importMappings.type, importMappings.source], set: { mapping: staged.mapping, updatedBy: access.userId, updatedAt: now } });
      }
    } catch (err) {
      await db.delete(importBatches).where(eq(importBatches.id, id));
      if (file.stream.truncated) throw new AppError('PAYLOAD_TOO_LARGE', `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`, { importError: 'TOO_LARGE' });
      if (err instanceof ImportFileError) throw new AppError('VALIDATION_FAILED', err.message, { importError: err.code, ...(err.details as object) });
      throw err;
    }
    const answer = await view(access, id);
    background(id, 'validation', () => validate(access, ctx, id));
    return answer;
  }

  function kindContext(tx: Db | Tx, access: Access, ctx: AuditContext, b: BatchRow, step: () => Promise<void> = async () => {}): KindContext {
    const now = clock.now();
    return { tx, batchId: b.id, access, audit: ctx, present: new Set(Object.keys(b.mapping as object)), now, today: deps.businessDate(now), fileName: b.fileName, origin: b.format === null && b.source === 'api' ? 'api' : 'file', mergedAt: b.mergedAt, step };
  }

  async function counts(exec: Db | Tx, id: string) {
    const [c] = await queryRows<{ errors: number; error_rows: number; creates: number; updates: number; unchanged: number }>(exec, sql`
      select
        (select count(*)::int from import_errors where batch_id = ${id}) as errors,
        (select count(distinct row_number)::int from import_errors where batch_id = ${id}) as error_rows,
        (select count(*)::int from import_rows where batch_id = ${id} and action = 'create') as creates,
        (select count(*)::int from import_rows where batch_id = ${id} and action = 'update') as updates,
        (select count(*)::int from import_rows where batch_id = ${id} and action = 'unchanged') as unchanged`);
    return { errors: c!.errors, errorRows: c!.error_rows, creates: c!.creates, updates: c!.updates, unchanged: c!.unchanged };
  }

  /**
   * Set-based checks, then the preview (create / update / unchanged). Each check is one statement
   * of its own, not one long transaction: it only writes this batch's errors, other requests get
   * the connection in between, and progress is visible as it goes.
   */
  async function validate(access: Access, ctx: AuditContext, id: string) {
    const started = performance.now();
    const [b] = await db.select().from(importBatches).where(eq(importBatches.id, id));
    if (!b || b.status !== 'validating') return;
    const kind = kindOf(b.type);
    let done = 0;
    const k = kindContext(db, access, ctx, b, () => report(id, { done: ++done }));
    await kind.validate(k);
    await kind.classify(k);
    const c = await counts(db, id);
    await report(id, {
      status: c.errors > 0 ? 'invalid' : 'ready',
      phase: null,
      ...c,
      validatedAt: clock.now(),
      durationMs: (b.durationMs ?? 0) + Math.round(performance.now() - started),
    });
  }

  /**
   * A batch pushed by a machine client, through the same path as a file: cells, staging, set-based
   * checks and the one-transaction merge, all before answering. All or nothing: with any error
   * nothing is stored, and each error names its item (row = index + 1) and field.
   */
  async function ingest(
    access: Access,
    ctx: AuditContext,
    input: { type: ImportType; items: Record<string, unknown>[]; label: string },
  ): Promise<{ batch: ImportBatch; errors: ImportRowError[] }> {
    const kind = kindOf(input.type);
    if (!kind.allowed(access)) throw new AppError('FORBIDDEN', `没有导入${kind.label.zh}的权限`);
    if (stopping) throw new AppError('UNAVAILABLE', '服务正在停止，请稍后重试');
    const known = new Set(kind.columns.map((c) => c.key));
    const given = new Set(input.items.flatMap((i) => Object.keys(i)));
    const unknown = [...given].filter((k) => !known.has(k));
    if (unknown.length > 0) throw new AppError('VALIDATION_FAILED', `不认识的字段：${unknown.join('、')}`, { issues: unknown.map((k) => ({ path: `items.*.${k}`, message: '不认识的字段' })) });
    const missing = kind.columns.filter((c) => c.required && !given.has(c.key));
    if (missing.length > 0) throw new AppError('VALIDATION_FAILED', `缺少必填字段：${missing.map((c) => c.key).join('、')}`, { issues: missing.map((c) => ({ path: `items.*.${c.key}`, message: '必填' })) });
    const started = performance.now();
    const id = randomUUID();
    const now = clock.now();
    const body = JSON.stringify(input.items);
    await db.insert(importBatches).values({
      id,
      type: kind.type,
      status: 'receiving',
      fileName: input.label.slice(0, 255),
      fileSize: Buffer.byteLength(body),
      sha256: createHash('sha256').update(body).digest('hex'),
      format: null,
      source: 'api',
      phase: 'receiving',
      createdBy: access.userId,
      createdAt: now,
      worker,
      heartbeatAt: now,
    });
    const stager = createStager({ db, crypto, kind, batchId: id, onProgress: async () => {} });
    const cell = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : Array.isArray(v) ? v.join(',') : String(v));
    for (let at = 0; at < input.items.length; at += 2000) {
      const rows = input.items.slice(at, at + 2000).map((item, i) => ({ rowNumber: at + i + 1, values: Object.fromEntries(kind.columns.map((c) => [c.key, cell(item[c.key])])) }));
      await stager.add(given, rows);
    }
    const rows = await stager.finish();
    await freshStatistics();
    const mapping = Object.fromEntries([...given].map((k) => [k, k]));
    await report(id, { status: 'validating', phase: 'validating', done: 0, total: null, mapping, headerRow: [...given], rows, durationMs: Math.round(performance.now() - started) });
    await validate(access, ctx, id);
    const [settled] = await db.select().from(importBatches).where(eq(importBatches.id, id));
    if (settled?.status === 'ready') {
      await db.update(importBatches).set({ status: 'merging', phase: 'merging', worker, heartbeatAt: clock.now() }).where(eq(importBatches.id, id));
      await runMerge(access, ctx, id);
    }
    const errorPage = await errors(access, id, { limit: 1000 });
    return { batch: await view(access, id), errors: errorPage.items };
  }

  /** The kind's follow-up work; its failure is logged, never undoes the committed import. */
  async function afterCommit(id: string, what: 'merge' | 'rollback') {
    const [b] = await db.select({ type: importBatches.type }).from(importBatches).where(eq(importBatches.id, id));
    const hook = b ? kindOf(b.type).afterCommit : undefined;
    if (hook) await hook(id, what).catch((err: unknown) => log.error({ err, batchId: id }, `import ${what} follow-up failed`));
  }

  /** Queues the merge of a validated batch; the work runs in the background (poll the batch). */
  async function merge(access: Access, ctx: AuditContext, id: string): Promise<ImportBatch> {
    const b = await batchOr404(access, id);
    if (!mayAct(access, b)) throw new AppError('FORBIDDEN', '只有发起人或集团人力可以确认这个导入');
    if (stopping) throw new AppError('UNAVAILABLE', '服务正在停止，请稍后重试');
    const claimed = await db
      .update(importBatches)
      .set({ status: 'merging', phase: 'merging', done: 0, total: b.rows, worker, heartbeatAt: clock.now() })
      .where(and(eq(importBatches.id, id), eq(importBatches.status, 'ready')))
      .returning({ id: importBatches.id });
    if (claimed.length === 0) throw new AppError('CONFLICT', `这个导入当前状态为「${b.status}」，不能确认导入`);
    // answer first: on the embedded database the merge transaction holds the only connection
    const answer = await view(access, id);
    background(id, 'merge', () => runMerge(access, ctx, id));
    return answer;
  }

  /**
   * Merge in one transaction: re-check (the database may have changed since the preview), apply,
   * record, audit. Either everything of the file is in, or nothing.
   */
  async function runMerge(access: Access, ctx: AuditContext, id: string) {
    const started = performance.now();
    const outcome = await db.transaction(async (tx) => {
      // one merge at a time: two files touching the same people must not interleave
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('uplift.import.merge'))`);
      const [b] = await tx.select().from(importBatches).where(eq(importBatches.id, id)).for('update');
      if (!b || b.status !== 'merging') return null;
      const kind = kindOf(b.type);
      const k = kindContext(tx, access, ctx, b);
      await kind.validate(k);
      const before = await counts(tx, id);
      if (before.errors > 0) {
        await tx.update(importBatches).set({ status: 'invalid', phase: null, ...before }).where(eq(importBatches.id, id));
        return 'invalid' as const;
      }
      await kind.classify(k);
      // the merge joins staged rows by their action: the planner must know how many there are
      await tx.execute(sql`analyze import_rows`);
      const c = await counts(tx, id);
      await kind.merge(k);
      const durationMs = (b.durationMs ?? 0) + Math.round(performance.now() - started);
      await tx
        .update(importBatches)
        .set({ status: 'merged', phase: null, done: b.rows, ...c, mergedAt: k.now, mergedBy: access.userId, durationMs, heartbeatAt: k.now })
        .where(eq(importBatches.id, id));
      await audit.append(tx, ctx, {
        action: 'import.merge',
        entityType: 'import_batch',
        entityId: id,
        after: { batch: true, type: b.type, fileName: b.fileName, sha256: b.sha256, rows: b.rows, counts: { create: c.creates, update: c.updates, unchanged: c.unchanged }, durationMs, uploadedBy: b.createdBy },
      });
      await deps.emit?.(tx, 'import.merged', { batchId: id, type: b.type, fileName: b.fileName, counts: { create: c.creates, update: c.updates, unchanged: c.unchanged } }, { eventId: id });
      return 'merged' as const;
    });
    log.info({ batchId: id, outcome, ms: Math.round(performance.now() - started) }, 'import merge finished');
    if (outcome === 'merged') await afterCommit(id, 'merge');
  }

  async function discard(access: Access, ctx: AuditContext, id: string): Promise<ImportBatch> {
    const b = await batchOr404(access, id);
    if (!mayAct(access, b)) throw new AppError('FORBIDDEN', '只有发起人或集团人力可以放弃这个导入');
    await db.transaction(async (tx) => {
      const done = await tx
        .update(importBatches)
        .set({ status: 'discarded', phase: null })
        .where(and(eq(importBatches.id, id), inArray(importBatches.status, ['ready', 'invalid'])))
        .returning({ id: importBatches.id });
      if (done.length === 0) throw new AppError('CONFLICT', `这个导入当前状态为「${b.status}」，不能放弃`);
      await tx.execute(sql`delete from import_rows where batch_id = ${id}`);
      await audit.append(tx, ctx, { action: 'import.discard', entityType: 'import_batch', entityId: id, after: { fileName: b.fileName, sha256: b.sha256, rows: b.rows } });
    });
    return view(access, id);
  }

  /** Restores what the merge changed, if nothing changed those records since. One transaction. */
  async function rollback(access: Access, ctx: AuditContext, id: string): Promise<ImportBatch> {
    const b = await batchOr404(access, id);
    if (!mayAct(access, b)) throw new AppError('FORBIDDEN', '只有发起人或集团人力可以回滚这个导入');
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('uplift.import.merge'))`);
      const [locked] = await tx.select().from(importBatches).where(eq(importBatches.id, id)).for('update');
      if (!locked || locked.status !== 'merged') throw new AppError('CONFLICT', `这个导入当前状态为「${locked?.status ?? b.status}」，不能回滚`);
      const k = kindContext(tx, access, ctx, locked);
      const result = await kindOf(locked.type).rollback(k);
      await tx.update(importBatches).set({ status: 'rolled_back', rolledBackAt: k.now, rolledBackBy: access.userId }).where(eq(importBatches.id, id));
      await audit.append(tx, ctx, { action: 'import.rollback', entityType: 'import_batch', entityId: id, after: { batch: true, fileName: locked.fileName, sha256: locked.sha256, ...result } });
    });
    await afterCommit(id, 'rollback');
    return view(access, id);
  }

  /**
   * After a restart: batches left mid-way are failed (their merge never committed, so nothing of
   * them is in). Embedded mode has one process per data dir, so every active batch is orphaned;
   * with PostgreSQL only those whose worker stopped reporting.
   */
  async function recoverInterrupted(opts: { all: boolean }): Promise<number> {
    const stale = new Date(clock.now().getTime() - STALE_MS);
    const failed = await db
      .update(importBatches)
      .set({ status: 'failed', phase: null, failure: INTERRUPTED })
      .where(and(inArray(importBatches.status, [...ACTIVE]), opts.all ? sql`${importBatches.worker} is distinct from ${worker}` : lt(importBatches.heartbeatAt, stale)))
      .returning({ id: importBatches.id });
    if (failed.length > 0) {
      await db.execute(sql`delete from import_rows where batch_id in ${failed.map((f) => f.id)}`);
      log.warn({ batches: failed.map((f) => f.id) }, 'imports interrupted by a stop were marked failed');
    }
    return failed.length;
  }

  /** Staging rows are only needed until a batch is settled; errors stay for the error list. */
  async function cleanup(): Promise<void> {
    const old = new Date(clock.now().getTime() - 7 * 86_400_000);
    await db.execute(sql`
      update import_batches set status = 'discarded', phase = null
      where status in ('ready', 'invalid') and created_at < ${old}`);
    await db.execute(sql`
      delete from import_rows r using import_batches b
      where b.id = r.batch_id and b.status in ('merged', 'discarded', 'failed', 'rolled_back')`);
  }

  /** Stops taking new work and waits for running work (merges finish or roll back as one). */
  async function stop(): Promise<void> {
    stopping = true;
    await Promise.allSettled([...running]);
  }

  /** Resolves once background work has settled (tests). */
  async function idle(): Promise<void> {
    while (running.size > 0) await Promise.allSettled([...running]);
  }

  /** The uploaded rows with an error column, in the file's column order, as an Excel stream. */
  async function errorFile(access: Access, id: string, lang: Lang) {
    const b = await batchOr404(access, id);
    const name = `${b.fileName.replace(/\.(xlsx|csv|txt)$/i, '')}-${lang === 'en-US' ? 'errors' : '错误'}.xlsx`;
    const stream = errorWorkbook({ db, crypto, kind: kindOf(b.type), batchId: b.id, mapping: b.mapping as Record<string, string>, headerRow: b.headerRow as string[], lang });
    return { name, stream };
  }

  return { types, kindOf, errorFile, list, view, errors, getMapping, upload, ingest, merge, discard, rollback, recoverInterrupted, cleanup, stop, idle, maxFileBytes: MAX_FILE_BYTES };
}
