import { and, asc, eq, ilike, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { likeEscape } from '../../db/sql-helpers.ts';
import { orgUnits, roleGrants, users } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import type { Access } from './access.ts';

export type Grants = ReturnType<typeof createGrants>;

/** Role grants with their scopes, managed by sys_admin and group_hr; every change audited. */
export function createGrants(deps: { db: Db; clock: Clock; audit: Audit }) {
  const { db, clock, audit } = deps;

  function requireGrantAdmin(access: Access) {
    if (!access.roles.has('sys_admin') && !access.roles.has('group_hr')) throw new AppError('FORBIDDEN', '只有系统管理员或集团 HR 可以管理授权');
  }

  async function findAccounts(access: Access, q: string | undefined, limit: number) {
    requireGrantAdmin(access);
    const pattern = q ? `%${likeEscape(q)}%` : '%';
    return db
      .select({ id: users.id, username: users.username, displayName: users.displayName })
      .from(users)
      .where(or(ilike(users.username, pattern), ilike(users.displayName, pattern)))
      .orderBy(asc(users.username))
      .limit(limit);
  }

  async function list(access: Access) {
    requireGrantAdmin(access);
    const rows = await db
      .select({ id: roleGrants.id, userId: roleGrants.userId, username: users.username, role: roleGrants.role, unitId: roleGrants.unitId, unitName: orgUnits.name, createdAt: roleGrants.createdAt })
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .leftJoin(orgUnits, eq(orgUnits.id, roleGrants.unitId))
      .orderBy(asc(users.username), asc(roleGrants.role));
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  }

  /** Grants a role over a unit subtree (null: the whole group); users.roles keeps the names held. */
  async function grant(access: Access, ctx: AuditContext, input: { userId: string; role: string; unitId: string | null }): Promise<string> {
    requireGrantAdmin(access);
    const { userId, role, unitId } = input;
    if (role === 'sys_admin' && !access.roles.has('sys_admin')) throw new AppError('FORBIDDEN', '只有系统管理员可以授予系统管理员角色');
    if ((role === 'hr_head' || role === 'hrbp') && !unitId) throw fieldError('body.unitId', '该角色必须指定组织范围');
    return db.transaction(async (tx) => {
      const [u] = await tx.select({ id: users.id, roles: users.roles }).from(users).where(eq(users.id, userId));
      if (!u) throw fieldError('body.userId', '账号不存在');
      if (unitId) {
        const [unit] = await tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.id, unitId));
        if (!unit) throw fieldError('body.unitId', '组织单元不存在');
      }
      const [g] = await tx.insert(roleGrants).values({ userId, role, unitId, createdAt: clock.now(), createdBy: access.userId }).onConflictDoNothing().returning({ id: roleGrants.id });
      if (!g) throw new AppError('CONFLICT', '该授权已存在');
      if (!u.roles.includes(role)) await tx.update(users).set({ roles: [...u.roles, role] }).where(eq(users.id, userId));
      await audit.append(tx, ctx, { action: 'access.grant', entityType: 'role_grant', entityId: g.id, after: { userId, role, unitId } });
      return g.id;
    });
  }

  async function revoke(access: Access, ctx: AuditContext, id: string) {
    requireGrantAdmin(access);
    await db.transaction(async (tx) => {
      const [g] = await tx.delete(roleGrants).where(eq(roleGrants.id, id)).returning();
      if (!g) throw new AppError('NOT_FOUND', '没有这条授权');
      const rest = await tx.select({ id: roleGrants.id }).from(roleGrants).where(and(eq(roleGrants.userId, g.userId), eq(roleGrants.role, g.role)));
      if (rest.length === 0) {
        const [u] = await tx.select({ roles: users.roles }).from(users).where(eq(users.id, g.userId));
        await tx.update(users).set({ roles: (u?.roles ?? []).filter((r) => r !== g.role) }).where(eq(users.id, g.userId));
      }
      await audit.append(tx, ctx, { action: 'access.revoke', entityType: 'role_grant', entityId: g.id, before: { userId: g.userId, role: g.role, unitId: g.unitId } });
    });
  }

  return { findAccounts, list, grant, revoke };
}
