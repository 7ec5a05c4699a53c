import { createHash, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { API_TOKEN_PREFIX, MAX_TOKEN_DAYS, type ApiOperation, type ApiToken, type ApiTokenStatus, type CreateServiceAccount, type IssueToken, type ServiceAccount } from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import { apiTokens, orgUnits, serviceAccounts, users } from '../../db/schema/index.ts';
import { DAY, MINUTE, type Clock } from '../../lib/clock.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import type { Access } from '../access/access.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';

/** A machine caller resolved from its bearer token: who it acts as and what it may do. */
export type MachineCaller = {
  tokenId: string;
  serviceAccountId: string;
  serviceAccountName: string;
  operations: ReadonlySet<ApiOperation>;
  /** HR rights over the token's units only; no roles, no records, no employee of its own */
  access: Access;
  audit: AuditContext;
};

export type ServiceAccounts = ReturnType<typeof createServiceAccounts>;

/** SHA-256 hex: what api_tokens.token_hash holds (a leaked table yields no usable token). */
export const hashToken = (plain: string): string => createHash('sha256').update(plain).digest('hex');
const PREFIX_LENGTH = API_TOKEN_PREFIX.length + 8;
/** last_used_at is written at most this often per token */
const TOUCH_EVERY_MS = MINUTE;

/** "ERP 财务" → "erp"; names without latin letters get a random slug. */
function slugOf(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug || randomBytes(4).toString('hex');
}

/** Service accounts, tokens and webhooks are managed by sys_admin and group HR. */
export function requireIntegrationAdmin(access: Access): void {
  if (!access.roles.has('sys_admin') && !access.roles.has('group_hr')) throw new AppError('FORBIDDEN', '只有系统管理员或集团 HR 可以管理接口集成（服务账号、令牌和 Webhook）');
}

const statusOf = (t: { revokedAt: Date | null; expiresAt: Date }, now: Date): ApiTokenStatus => (t.revokedAt ? 'revoked' : t.expiresAt <= now ? 'expired' : 'active');

/**
 * Service accounts and their API tokens, managed by sys_admin and group HR; every change audited.
 * A service account acts through its own users row (no password, no roles), so imports and audit
 * records name it; a token adds operations and org subtrees on top.
 */
export function createServiceAccounts(deps: { db: Db; clock: Clock; audit: Audit }) {
  const { db, clock, audit } = deps;

  async function accountOr404(exec: Db | Tx, id: string) {
    const [a] = await exec.select().from(serviceAccounts).where(eq(serviceAccounts.id, id));
    if (!a) throw new AppError('NOT_FOUND', `没有这个服务账号：${id}`);
    return a;
  }

  async function list(access: Access): Promise<ServiceAccount[]> {
    requireIntegrationAdmin(access);
    const now = clock.now();
    const creator = sql<string | null>`(select u.username from users u where u.id = ${serviceAccounts.createdBy})`;
    const rows = await db
      .select({
        a: serviceAccounts,
        username: users.username,
        createdBy: creator,
        activeTokens: sql<number>`(select count(*)::int from api_tokens t where t.service_account_id = ${serviceAccounts.id} and t.revoked_at is null and t.expires_at > ${now})`,
        lastUsedAt: sql<string | null>`(select max(t.last_used_at) from api_tokens t where t.service_account_id = ${serviceAccounts.id})`,
      })
      .from(serviceAccounts)
      .innerJoin(users, eq(users.id, serviceAccounts.userId))
      .orderBy(asc(sql`${serviceAccounts.disabledAt} is not null`), asc(serviceAccounts.name));
    return rows.map((r) => ({
      id: r.a.id,
      name: r.a.name,
      description: r.a.description,
      userId: r.a.userId,
      username: r.username,
      createdAt: r.a.createdAt.toISOString(),
      createdBy: r.createdBy,
      disabledAt: r.a.disabledAt?.toISOString() ?? null,
      activeTokens: r.activeTokens,
      lastUsedAt: r.lastUsedAt ? new Date(r.lastUsedAt).toISOString() : null,
    }));
  }

  /** Creates the account and its users row (svc-<slug>: no password, never signs in). */
  async function create(access: Access, ctx: AuditContext, input: CreateServiceAccount): Promise<ServiceAccount> {
    requireIntegrationAdmin(access);
    const id = await db.transaction(async (tx) => {
      const [same] = await tx.select({ id: serviceAccounts.id }).from(serviceAccounts).where(sql`lower(${serviceAccounts.name}) = lower(${input.name})`);
      if (same) throw new AppError('CONFLICT', `已有名为「${input.name}」的服务账号`, { issues: [{ path: 'body.name', message: '名称已被使用' }] });
      const base = `svc-${slugOf(input.name)}`;
      const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = ${base}`);
      const username = taken ? `${base}-${randomBytes(3).toString('hex')}` : base;
      const now = clock.now();
      const [u] = await tx
        .insert(users)
        .values({ username, displayName: input.name, passwordHash: null, roles: [], createdAt: now, updatedAt: now })
        .returning({ id: users.id });
      const [a] = await tx
        .insert(serviceAccounts)
        .values({ userId: u!.id, name: input.name, description: input.description || null, createdBy: access.userId, createdAt: now })
        .returning({ id: serviceAccounts.id });
      await audit.append(tx, ctx, { action: 'service_account.create', entityType: 'service_account', entityId: a!.id, after: { name: input.name, username, description: input.description || null } });
      return a!.id;
    });
    return (await list(access)).find((a) => a.id === id)!;
  }

  /** Disables the account and its users row: every token of it stops working at once. */
  async function disable(access: Access, ctx: AuditContext, id: string): Promise<void> {
    requireIntegrationAdmin(access);
    await db.transaction(async (tx) => {
      const a = await accountOr404(tx, id);
      if (a.disabledAt) throw new AppError('CONFLICT', `服务账号「${a.name}」已停用`);
      const now = clock.now();
      await tx.update(serviceAccounts).set({ disabledAt: now }).where(eq(serviceAccounts.id, id));
      await tx.update(users).set({ disabled: true, updatedAt: now }).where(eq(users.id, a.userId));
      await audit.append(tx, ctx, { action: 'service_account.disable', entityType: 'service_account', entityId: id, before: { name: a.name } });
    });
  }

  async function presentTokens(rows: (typeof apiTokens.$inferSelect)[]): Promise<ApiToken[]> {
    const unitIds = [...new Set(rows.flatMap((r) => r.unitIds))];
    const creatorIds = [...new Set(rows.map((r) => r.createdBy).filter((x): x is string => x !== null))];
    const units = new Map((unitIds.length ? await db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(inArray(orgUnits.id, unitIds)) : []).map((u) => [u.id, u.name]));
    const creators = new Map((creatorIds.length ? await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, creatorIds)) : []).map((u) => [u.id, u.username]));
    const now = clock.now();
    return rows.map((r) => ({
      id: r.id,
      serviceAccountId: r.serviceAccountId,
      name: r.name,
      prefix: r.prefix,
      operations: r.operations as ApiOperation[],
      units: r.unitIds.map((id) => ({ id, name: units.get(id) ?? id })),
      status: statusOf(r, now),
      expiresAt: r.expiresAt.toISOString(),
      lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
      revokedAt: r.revokedAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      createdBy: r.createdBy ? (creators.get(r.createdBy) ?? null) : null,
    }));
  }

  /** The account's tokens, newest first (never the token itself: only its prefix). */
  async function tokens(access: Access, accountId: string): Promise<ApiToken[]> {
    requireIntegrationAdmin(access);
    await accountOr404(db, accountId);
    const rows = await db.select().from(apiTokens).where(eq(apiTokens.serviceAccountId, accountId)).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
    return presentTokens(rows);
  }

  /** Issues a token; the plain `upl_…` value is returned here once and only its SHA-256 is kept. */
  async function issue(access: Access, ctx: AuditContext, accountId: string, input: IssueToken): Promise<{ token: ApiToken; plainToken: string }> {
    requireIntegrationAdmin(access);
    const now = clock.now();
    const expiresAt = new Date(input.expiresAt);
    if (expiresAt <= now) throw fieldError('body.expiresAt', '到期时间必须晚于现在');
    if (expiresAt.getTime() - now.getTime() > MAX_TOKEN_DAYS * DAY) throw fieldError('body.expiresAt', `有效期最长 ${MAX_TOKEN_DAYS} 天`);
    const plainToken = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row = await db.transaction(async (tx) => {
      const a = await accountOr404(tx, accountId);
      if (a.disabledAt) throw new AppError('CONFLICT', `服务账号「${a.name}」已停用，不能签发令牌`);
      const found = await tx.select({ id: orgUnits.id }).from(orgUnits).where(inArray(orgUnits.id, input.unitIds));
      const missing = input.unitIds.filter((id) => !found.some((f) => f.id === id));
      if (missing.length > 0) throw fieldError('body.unitIds', `组织单元不存在：${missing.join('、')}`);
      const [t] = await tx
        .insert(apiTokens)
        .values({
          serviceAccountId: accountId,
          name: input.name,
          tokenHash: hashToken(plainToken),
          prefix: plainToken.slice(0, PREFIX_LENGTH),
          operations: input.operations,
          unitIds: input.unitIds,
          expiresAt,
          createdBy: access.userId,
          createdAt: now,
        })
        .returning();
      await audit.append(tx, ctx, {
        action: 'api_token.issue',
        entityType: 'api_token',
        entityId: t!.id,
        after: { serviceAccount: a.name, name: input.name, prefix: t!.prefix, operations: input.operations, unitIds: input.unitIds, expiresAt: expiresAt.toISOString() },
      });
      return t!;
    });
    const [token] = await presentTokens([row]);
    return { token: token!, plainToken };
  }

  async function revoke(access: Access, ctx: AuditContext, tokenId: string): Promise<void> {
    requireIntegrationAdmin(access);
    await db.transaction(async (tx) => {
      const [t] = await tx.select().from(apiTokens).where(eq(apiTokens.id, tokenId));
      if (!t) throw new AppError('NOT_FOUND', `没有这个令牌：${tokenId}`);
      if (t.revokedAt) throw new AppError('CONFLICT', `令牌 ${t.prefix}… 已被撤销`);
      await tx.update(apiTokens).set({ revokedAt: clock.now() }).where(eq(apiTokens.id, tokenId));
      await audit.append(tx, ctx, { action: 'api_token.revoke', entityType: 'api_token', entityId: tokenId, before: { name: t.name, prefix: t.prefix, operations: t.operations } });
    });
  }

  /**
   * Resolves `Authorization: Bearer upl_…` to the caller, or 401 saying why (unknown, revoked,
   * expired, account disabled). The token's units become its HR scope, resolved now (a unit that
   * moved brings its new path).
   */
  async function authenticate(plain: string, requestId: string | null): Promise<MachineCaller> {
    const [row] = await db
      .select({ t: apiTokens, a: serviceAccounts, username: users.username })
      .from(apiTokens)
      .innerJoin(serviceAccounts, eq(serviceAccounts.id, apiTokens.serviceAccountId))
      .innerJoin(users, eq(users.id, serviceAccounts.userId))
      .where(eq(apiTokens.tokenHash, hashToken(plain)));
    if (!row) throw new AppError('UNAUTHENTICATED', 'API 令牌无效：请检查 Authorization: Bearer 后的令牌是否完整');
    const { t, a } = row;
    const now = clock.now();
    if (t.revokedAt) throw new AppError('UNAUTHENTICATED', `API 令牌 ${t.prefix}… 已于 ${t.revokedAt.toISOString()} 被撤销，请向管理员申请新令牌`);
    if (t.expiresAt <= now) throw new AppError('UNAUTHENTICATED', `API 令牌 ${t.prefix}… 已于 ${t.expiresAt.toISOString()} 过期，请向管理员申请新令牌`);
    if (a.disabledAt) throw new AppError('UNAUTHENTICATED', `服务账号「${a.name}」已停用`);
    if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
      await db
        .update(apiTokens)
        .set({ lastUsedAt: now })
        .where(and(eq(apiTokens.id, t.id), t.lastUsedAt ? sql`${apiTokens.lastUsedAt} = ${t.lastUsedAt}` : isNull(apiTokens.lastUsedAt)));
    }
    const units = t.unitIds.length ? await db.select({ path: orgUnits.path }).from(orgUnits).where(inArray(orgUnits.id, t.unitIds)) : [];
    const hr = units.map((u) => u.path);
    return {
      tokenId: t.id,
      serviceAccountId: a.id,
      serviceAccountName: a.name,
      operations: new Set(t.operations as ApiOperation[]),
      access: { userId: a.userId, username: row.username, roles: new Set(), employeeId: null, reportPath: null, hr, records: [], aggregates: [], orgWrite: [], isManager: false },
      audit: { actorId: a.userId, actorLabel: row.username, requestId },
    };
  }

  return { list, create, disable, tokens, issue, revoke, authenticate };
}
