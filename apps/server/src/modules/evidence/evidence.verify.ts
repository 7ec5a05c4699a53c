import { createHash } from 'node:crypto';
import { unzipSync } from 'fflate';
import { EVIDENCE_MANIFEST, evidenceAuditEntrySchema, evidenceManifestSchema, type EvidenceVerifyReport } from '@uplift/contract';
import { z } from 'zod';
import { canonicalJson, checkpointSignatureValid, hashRecord } from '../audit/audit.chain.ts';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const keyIdOf = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 16);
const field = (v: unknown, k: string): unknown => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined);

/**
 * Checks an evidence package on its own (no database): every file against the manifest's
 * SHA-256 and size, files missing or not listed, every audit entry against its own hash, the
 * audit positions the manifest cites, the acknowledged goals versions against their hashes, and
 * — given the checkpoint key (from UPLIFT_SECRET) — the checkpoint's signature.
 */
export function verifyEvidence(zip: Uint8Array, opts: { checkpointKey?: Buffer | null } = {}): EvidenceVerifyReport {
  const report: EvidenceVerifyReport = { ok: false, files: 0, missing: [], extra: [], changed: [], problems: [], checkpoint: { seq: 0, signature: 'absent' }, auditEntries: 0 };
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (e) {
    report.problems.push(`不是有效的 ZIP 文件 / not a readable ZIP: ${e instanceof Error ? e.message : String(e)}`);
    return report;
  }
  const rawManifest = entries[EVIDENCE_MANIFEST];
  if (!rawManifest) {
    report.missing.push(EVIDENCE_MANIFEST);
    report.problems.push('缺少 manifest.json / manifest.json is missing');
    return report;
  }
  const parsed = evidenceManifestSchema.safeParse(safeJson(rawManifest));
  if (!parsed.success) {
    report.problems.push(`manifest.json 格式不正确 / manifest.json is malformed: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
    return report;
  }
  const manifest = parsed.data;
  report.files = manifest.files.length;
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const f of manifest.files) {
    const bytes = entries[f.path];
    if (!bytes) {
      report.missing.push(f.path);
      continue;
    }
    const actual = sha256(bytes);
    if (actual !== f.sha256 || bytes.length !== f.size) report.changed.push({ path: f.path, expected: f.sha256, actual });
  }
  for (const path of Object.keys(entries)) if (path !== EVIDENCE_MANIFEST && !path.endsWith('/') && !listed.has(path)) report.extra.push(path);

  // the audit entries: each must still match its own hash, and every position cited must be there
  const rawEntries = entries[manifest.audit.entriesPath];
  const audit = rawEntries ? z.array(evidenceAuditEntrySchema).safeParse(safeJson(rawEntries)) : null;
  if (!audit?.success) report.problems.push(`审计链条目无法读取 / the audit entries cannot be read (${manifest.audit.entriesPath})`);
  else {
    report.auditEntries = audit.data.length;
    const bySeq = new Map(audit.data.map((e) => [e.seq, e]));
    for (const e of audit.data) {
      if (hashRecord({ ...e, at: new Date(e.at) }) !== e.hash) report.problems.push(`审计链条目 #${e.seq} 与其哈希不符 / audit entry #${e.seq} does not match its hash`);
    }
    for (const f of manifest.files) {
      const absent = f.auditSeqs.filter((s) => !bySeq.has(s));
      if (absent.length > 0) report.problems.push(`${f.path}: 引用的审计链位置不在包内 / cites audit positions not in the package: ${absent.map((s) => `#${s}`).join(' ')}`);
    }
    const cp = manifest.audit.checkpoint;
    const last = audit.data.at(-1)?.seq ?? 0;
    if (cp && cp.seq < last) report.problems.push(`签名检查点 #${cp.seq} 早于包内最新的审计条目 #${last} / the checkpoint precedes the package's latest audit entry`);
    const atCp = cp ? bySeq.get(cp.seq) : undefined;
    if (cp && atCp && atCp.hash !== cp.hash) report.problems.push(`审计条目 #${cp.seq} 与签名检查点的哈希不符 / audit entry #${cp.seq} differs from the signed checkpoint`);
  }
  checkGoalVersions(entries, manifest.files.map((f) => f.path), report);

  const cp = manifest.audit.checkpoint;
  if (!cp) report.problems.push('没有签名检查点 / no signed checkpoint in the manifest');
  else {
    report.checkpoint.seq = cp.seq;
    report.checkpoint.signature = 'unchecked';
    if (opts.checkpointKey) {
      const valid = keyIdOf(opts.checkpointKey) === cp.keyId && checkpointSignatureValid(opts.checkpointKey, { seq: cp.seq, hash: cp.hash, at: new Date(cp.at), signature: cp.signature });
      report.checkpoint.signature = valid ? 'valid' : 'invalid';
      if (!valid) report.problems.push(`签名检查点 #${cp.seq} 的签名无效（或密钥不同）/ the checkpoint signature is invalid (or another key)`);
    }
  }
  report.ok = report.missing.length === 0 && report.extra.length === 0 && report.changed.length === 0 && report.problems.length === 0;
  return report;
}

/** Each acknowledged goals version whose content is in the package must hash to what was acknowledged. */
function checkGoalVersions(entries: Record<string, Uint8Array>, paths: readonly string[], report: EvidenceVerifyReport) {
  for (const path of paths.filter((p) => /^goals\/v\d+\.json$/.test(p) && entries[p])) {
    const v = safeJson(entries[path]!);
    const content = field(v, 'content');
    if (content === null || content === undefined) continue;
    if (createHash('sha256').update(canonicalJson(content)).digest('hex') !== field(v, 'acknowledgedSha256')) report.problems.push(`${path}: 目标内容与签收时的 SHA-256 不符 / the goals content does not match the acknowledged SHA-256`);
  }
}

function safeJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

/** The report as lines for a person (Chinese first, then English). */
export function describeReport(r: EvidenceVerifyReport): string[] {
  const lines: string[] = [];
  for (const p of r.missing) lines.push(`缺少文件 missing: ${p}`);
  for (const p of r.extra) lines.push(`清单外的文件 not in the manifest: ${p}`);
  for (const c of r.changed) lines.push(`文件已被修改 changed: ${c.path} (expected ${c.expected}, found ${c.actual})`);
  for (const p of r.problems) lines.push(p);
  const sig = { valid: '签名有效 signature valid', invalid: '签名无效 signature INVALID', unchecked: '签名未校验（设置 UPLIFT_SECRET 以校验）signature not checked (set UPLIFT_SECRET to check it)', absent: '无检查点 no checkpoint' }[r.checkpoint.signature];
  lines.push(
    r.ok
      ? `证据包完整 evidence package OK: ${r.files} files match their SHA-256, ${r.auditEntries} audit entries match their hashes, checkpoint #${r.checkpoint.seq}: ${sig}`
      : `证据包校验失败 evidence package FAILED: ${r.changed.length} changed, ${r.missing.length} missing, ${r.extra.length} extra, ${r.problems.length} other problems; checkpoint #${r.checkpoint.seq}: ${sig}`,
  );
  return lines;
}

