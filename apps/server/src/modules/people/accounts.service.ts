import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { employees, sessions, users } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import { type Access, employeeVisible, inScope } from '../access/access.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/password.ts';
import { generatePassword } from '../users/users.service.ts';

export type IssuedAccount = { employeeId: string; employeeNo: string; name: string; username: string; initialPassword: string };

/** Sign-in accounts for employees, provisioned and reset by HR in scope; one-time passwords are shown once. */
export function createAccounts(deps: { db: Db; clock: Clock; audit: Audit }) {
  const { db, clock, audit } = deps;

  /** Creates accounts (username = employee number, lower-case) for those of the given people who have none. */
  async function provision(access: Access, ctx: AuditContext, employeeIds: string[]): Promise<{ issued: IssuedAccount[]; skipped: { employeeId: string; reason: string }[] }> {
    const rows = await db.select().from(employees).where(and(inArray(employees.id, employeeIds), employeeVisible(access)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const skipped: { employeeId: string; reason: string }[] = [];
    const todo: typeof rows = [];
    for (const id of employeeIds) {
      const e = byId.get(id);
      if (!e) skipped.push({ employeeId: id, reason: '员工不存在或不在您的范围内' });
      else if (!inScope(access.hr, e.orgPath)) skipped.push({ employeeId: id, reason: '不在您的人力资源管理范围内' });
      else if (e.userId) skipped.push({ employeeId: id, reason: '已有账号' });
      else if (e.status === 'left') skipped.push({ employeeId: id, reason: '已离职' });
      else todo.push(e);
    }
    if (todo.length === 0 && skipped.length > 0 && skipped.every((s) => s.reason !== '已有账号')) {
      throw new AppError('FORBIDDEN', '没有可以开通账号的员工', { skipped });
    }
    // hashing is the slow part: outside the transaction, which stays short
    const prepared = await Promise.all(
      todo.map(async (e) => {
        const initialPassword = generatePassword();
        return { e, initialPassword, passwordHash: await hashPassword(initialPassword) };
      }),
    );
    return db.transaction(async (tx) => {
      const now = clock.now();
      const issued: IssuedAccount[] = [];
      for (const p of prepared) {
        const username = p.e.employeeNo.toLowerCase();
        const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = ${username}`);
        if (taken) {
          skipped.push({ employeeId: p.e.id, reason: `用户名 ${username} 已被占用` });
          continue;
        }
        const [u] = await tx.insert(users).values({ username, displayName: p.e.name, passwordHash: p.passwordHash, mustChangePassword: true, createdAt: now, updatedAt: now }).returning({ id: users.id });
        const linked = await tx.update(employees).set({ userId: u!.id, updatedAt: now }).where(and(eq(employees.id, p.e.id), isNull(employees.userId))).returning({ id: employees.id });
        if (linked.length === 0) throw new AppError('CONFLICT', `${p.e.name} 刚刚已被开通账号，请刷新后重试`);
        issued.push({ employeeId: p.e.id, employeeNo: p.e.employeeNo, name: p.e.name, username, initialPassword: p.initialPassword });
      }
      if (issued.length > 0) {
        await audit.appendBatch(tx, ctx, { action: 'account.provision', entityType: 'user', counts: { issued: issued.length, skipped: skipped.length }, items: issued.map((i) => [i.employeeId, i.username]) });
      }
      return { issued, skipped };
    });
  }

  /** A new one-time password for a person's account; their sessions end. */
  async function reset(access: Access, ctx: AuditContext, employeeId: string): Promise<IssuedAccount> {
    const [e] = await db.select().from(employees).where(and(eq(employees.id, employeeId), employeeVisible(access)));
    if (!e) throw new AppError('NOT_FOUND', `没有这名员工：${employeeId}`);
    if (!inScope(access.hr, e.orgPath)) throw new AppError('FORBIDDEN', '只有该员工所在范围的人力资源角色可以重置密码');
    if (!e.userId) throw new AppError('CONFLICT', `${e.name} 还没有账号，请先开通`);
    const initialPassword = generatePassword();
    const passwordHash = await hashPassword(initialPassword);
    return db.transaction(async (tx) => {
      const [u] = await tx.update(users).set({ passwordHash, mustChangePassword: true, updatedAt: clock.now() }).where(eq(users.id, e.userId!)).returning({ username: users.username });
      await tx.delete(sessions).where(eq(sessions.userId, e.userId!));
      await audit.append(tx, ctx, { action: 'account.reset_password', entityType: 'user', entityId: e.userId, after: { employeeId, sessionsEnded: true } });
      return { employeeId, employeeNo: e.employeeNo, name: e.name, username: u!.username, initialPassword };
    });
  }

  return { provision, reset };
}
