import { randomBytes } from 'node:crypto';
import { asc, eq, gt, sql } from 'drizzle-orm';
import type { Role, UserAccount } from '@uplift/contract';
import type { Db } from '../../db/client.ts';
import { sessions, users } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/password.ts';
import type { Notify } from '../notify/notify.service.ts';

export type Users = ReturnType<typeof createUsers>;

/** A readable one-time password: 16 chars from an unambiguous alphabet plus a digit. */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return `${out}7`;
}

export function toAccount(u: typeof users.$inferSelect): UserAccount {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles as Role[],
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    createdAt: u.createdAt.toISOString(),
  };
}

/** Local sign-in accounts, managed by sys_admin. */
export function createUsers(deps: { db: Db; clock: Clock; audit: Audit; notify: Notify }) {
  const { db, clock, audit, notify } = deps;

  async function create(ctx: AuditContext, input: { username: string; displayName: string; roles: Role[]; password?: string | undefined }) {
    const initialPassword = input.password ? null : generatePassword();
    const passwordHash = await hashPassword(input.password ?? initialPassword!);
    return db.transaction(async (tx) => {
      const now = clock.now();
      const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${input.username})`);
      if (existing) {
        throw new AppError('CONFLICT', `用户名 ${input.username} 已存在`, { issues: [{ path: 'body.username', message: '已存在' }] });
      }
      const [u] = await tx
        .insert(users)
        .values({ username: input.username, displayName: input.displayName, roles: input.roles, passwordHash, mustChangePassword: initialPassword !== null, createdAt: now, updatedAt: now })
        .returning();
      if (!u) throw new Error('insert returned nothing');
      await audit.append(tx, ctx, { action: 'user.create', entityType: 'user', entityId: u.id, after: toAccount(u) });
      await notify.notify(tx, ctx, {
        recipients: [u.id],
        kind: 'account.welcome',
        dedupeKey: `account.welcome:${u.id}`,
        payload: {
          title: { 'zh-CN': `欢迎使用跃升，${u.displayName}`, 'en-US': `Welcome to Uplift, ${u.displayName}` },
          body: { 'zh-CN': '您的账号已开通。通知、待办和提醒都会出现在这里。', 'en-US': 'Your account is ready. Notifications, tasks and reminders appear here.' },
          link: '/account',
        },
      });
      return { user: toAccount(u), initialPassword };
    });
  }

  async function update(ctx: AuditContext, id: string, patch: { displayName?: string | undefined; roles?: Role[] | undefined; disabled?: boolean | undefined }) {
    return db.transaction(async (tx) => {
      const [before] = await tx.select().from(users).where(eq(users.id, id)).for('update');
      if (!before) throw new AppError('NOT_FOUND', `没有这个用户：${id}`);
      if (ctx.actorId === id && (patch.disabled === true || (patch.roles && !patch.roles.includes('sys_admin') && before.roles.includes('sys_admin')))) {
        throw new AppError('CONFLICT', '不能停用自己或移除自己的系统管理员角色');
      }
      const [after] = await tx
        .update(users)
        .set({ ...(patch.displayName !== undefined && { displayName: patch.displayName }), ...(patch.roles && { roles: patch.roles }), ...(patch.disabled !== undefined && { disabled: patch.disabled }), updatedAt: clock.now() })
        .where(eq(users.id, id))
        .returning();
      if (!after) throw new AppError('NOT_FOUND');
      if (after.disabled) await tx.delete(sessions).where(eq(sessions.userId, id));
      await audit.append(tx, ctx, { action: 'user.update', entityType: 'user', entityId: id, before: toAccount(before), after: toAccount(after) });
      return toAccount(after);
    });
  }

  async function list(opts: { limit: number; after: string | null }) {
    const rows = await db
      .select()
      .from(users)
      .where(opts.after ? gt(sql`lower(${users.username})`, opts.after) : undefined)
      .orderBy(asc(sql`lower(${users.username})`))
      .limit(opts.limit);
    return rows.map(toAccount);
  }

  return { create, update, list };
}
