import { sql } from 'drizzle-orm';
import type { EvidenceAuditEntry } from '@uplift/contract';
import { queryRows, type Db, type Tx } from '../../db/client.ts';

/** One file of the package: a record (JSON or text), an attachment's original bytes, a report. */
export type EvidenceFile = {
  path: string;
  content: Buffer | string;
  /** default 'record' */
  kind?: 'record' | 'attachment' | 'report';
  /** what it is, in Chinese (shown in the manifest); default the path */
  title?: string;
  /** the audit-chain positions behind it (found with `tools.audit`) */
  auditSeqs?: readonly number[];
};

/** A line of the readable timeline that the plan's own events do not already tell. */
export type EvidenceTimelineItem = { at: Date | string; title: string; actor?: string; detail?: string; auditSeqs?: readonly number[] };

/** The audit entries of the package: loaded by entity, matched to records by the ids they name. */
export type AuditIndex = {
  /** Loads (once) the entries about these entity ids and returns them, oldest first. */
  about(entityIds: readonly string[]): Promise<EvidenceAuditEntry[]>;
  /** Positions of the loaded entries that concern `id`: about it, or naming it in their before/after. */
  referring(id: string): number[];
  /** Positions of the loaded entries that satisfy `pred`. */
  where(pred: (e: EvidenceAuditEntry) => boolean): number[];
  /** Every entry loaded so far, by position. */
  all(): EvidenceAuditEntry[];
};

export type SectionTools = {
  audit: AuditIndex;
  /** Original bytes of a stored file (files module). */
  readFile(exec: Db | Tx, fileId: string): Promise<Buffer | null>;
  /** A business-time label, e.g. 2026-03-09 10:00 (the server's business time zone). */
  formatTime(at: Date | string): string;
};

/**
 * A part of the evidence package. Built in: plan, goals, approvals, acknowledgments, check-ins,
 * evaluations, appeals, outcomes, trainings, role adjustments. Others (the termination review and
 * its guard report) plug in with `evidence.register(section)`; `build(exec, planId)` alone is
 * enough — `tools` is there for audit positions and attachments. Every read goes through `exec`,
 * one read-only snapshot of the database for the whole package.
 */
export type EvidenceSection = {
  key: string;
  title: string;
  build(exec: Db | Tx, planId: string, tools: SectionTools): Promise<EvidenceSectionResult>;
};

/** What a section adds: its files, timeline lines the plan's events do not tell, and texts to quote in full (minutes, answers, notices). */
export type EvidenceSectionResult = { files: EvidenceFile[]; timeline?: EvidenceTimelineItem[]; texts?: EvidenceText[] };
export type EvidenceText = { heading: string; body: string };

type AuditRow = {
  seq: number | string;
  at: Date | string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  prev_hash: string;
  hash: string;
};

const mentions = (value: unknown, id: string): boolean => {
  if (value === null || typeof value !== 'object') return false;
  const named = (v: unknown) => v === id || (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).includes(id));
  return Object.values(value as Record<string, unknown>).some((v) => named(v) || (Array.isArray(v) && v.some(named)));
};

/** An audit index over one database snapshot. */
export function createAuditIndex(exec: Db | Tx): AuditIndex {
  const loaded = new Set<string>();
  const entries = new Map<number, EvidenceAuditEntry>();
  const sorted = () => [...entries.values()].sort((a, b) => a.seq - b.seq);
  return {
    async about(entityIds) {
      const todo = [...new Set(entityIds)].filter((id) => !loaded.has(id));
      if (todo.length > 0) {
        const rows = await queryRows<AuditRow>(
          exec as Db,
          sql`select seq, at, actor_id, actor_label, action, entity_type, entity_id, before, after, request_id, prev_hash, hash
              from audit_log where entity_id = any(${`{${todo.join(',')}}`}::text[]) order by seq`,
        );
        for (const r of rows) {
          const seq = Number(r.seq);
          entries.set(seq, { seq, at: new Date(r.at).toISOString(), actorId: r.actor_id, actorLabel: r.actor_label, action: r.action, entityType: r.entity_type, entityId: r.entity_id, before: r.before ?? null, after: r.after ?? null, requestId: r.request_id, prevHash: r.prev_hash, hash: r.hash });
        }
        for (const id of todo) loaded.add(id);
      }
      const wanted = new Set(entityIds);
      return sorted().filter((e) => e.entityId !== null && wanted.has(e.entityId));
    },
    referring: (id) => sorted().filter((e) => e.entityId === id || mentions(e.after, id) || mentions(e.before, id)).map((e) => e.seq),
    where: (pred) => sorted().filter(pred).map((e) => e.seq),
    all: sorted,
  };
}

/** Pretty JSON with a trailing newline: what every record file holds. */
export const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** A short id for file names (the first 8 hex digits of a uuid). */
export const short = (id: string): string => id.slice(0, 8);

/** A file name part safe on every system (keeps Chinese, drops separators and control characters). */
export const safeName = (name: string): string =>
  [...name]
    .map((c) => (c.charCodeAt(0) < 0x20 ? '_' : c))
    .join('')
    .replace(/[\\/:*?"<>|]/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 120) || 'file';
