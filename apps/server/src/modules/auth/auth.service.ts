import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { Me, Role } from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import { authThrottle, sessions, users } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { HOUR, MINUTE } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import type { AuthCache } from './auth-cache.ts';
import { hashPassword, verifyPassword } from './password.ts';

export type RequestMeta = { ip: string | null; userAgent: string | null; requestId: string };

/** A signed-in caller, resolved from the session cookie. */
export type Actor = Me & { sessionId: string; csrfToken: string };

export type AuthSettings = {
  session: { idleMinutes: number; absoluteHours: number };
  login: { maxFailures: number; lockMinutes: number; ratePerMinute?: number };
};

const IP_FAILURE_FACTOR = 4; // an address may fail for a few users (shared NAT) before it is locked
const TOUCH_EVERY_MS = MINUTE; // last_seen_at is written at most once a minute per session

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const token = () => randomBytes(32).toString('base64url');

export type Auth = ReturnType<typeof createAuth>;

/**
 * Local accounts and database sessions. Sign-in methods are pluggable: a method proves who the
 * user is and calls `startSession` (password now, WeCom OAuth later) — sessions are shared.
 */
export function createAuth(deps: { db: Db; clock: Clock; audit: Audit; settings: AuthSettings; cache?: AuthCache }) {
  const { db, clock, audit, settings, cache } = deps;
  const idleMs = settings.session.idleMinutes * MINUTE;
  const absoluteMs = settings.session.absoluteHours * HOUR;

  function toMe(u: typeof users.$inferSelect): Me {
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles as Role[],
      locale: u.locale === 'en-US' ? 'en-US' : 'zh-CN',
      mustChangePassword: u.mustChangePassword,
    };
  }

  /** Creates a session for a proven user in `tx`; the returned token goes into the cookie, only its hash is stored. */
  async function startSession(tx: Tx, userId: string, method: string, meta: RequestMeta) {
    const raw = token();
    const csrfToken = token();
    const now = clock.now();
    await tx.insert(sessions).values({
      id: sha256(raw),
      userId,
      csrfToken,
      method,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + absoluteMs),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    return { token: raw, csrfToken };
  }

  async function lockedUntil(keys: string[]): Promise<Date | null> {
    const now = clock.now();
    const rows = await db.select().from(authThrottle).where(or(...keys.map((k) => eq(authThrottle.key, k))));
    const until = rows.map((r) => r.lockedUntil).filter((d): d is Date => d !== null && d > now);
    return until.length ? new Date(Math.max(...until.map((d) => d.getTime()))) : null;
  }

  async function recordFailure(tx: Tx, key: string, max: number) {
    const now = clock.now();
    const windowMs = settings.login.lockMinutes * MINUTE;
    const [row] = await tx.select().from(authThrottle).where(eq(authThrottle.key, key)).for('update');
    const fresh = !row || now.getTime() - row.windowStart.getTime() > windowMs;
    const failures = fresh ? 1 : row.failures + 1;
    const locked = failures >= max ? new Date(now.getTime() + windowMs) : null;
    await tx
      .insert(authThrottle)
      .values({ key, failures, windowStart: fresh ? now : row.windowStart, lockedUntil: locked })
      .onConflictDoUpdate({ target: authThrottle.key, set: { failures, windowStart: fresh ? now : row.windowStart, lockedUntil: locked } });
    return locked;
  }

  /** Password sign-in with throttling per username and per address; every attempt is audited. */
  async function login(input: { username: string; password: string }, meta: RequestMeta, previousToken: string | null = null) {
    const username = input.username.trim().toLowerCase();
    const keys = [`user:${username}`, ...(meta.ip ? [`ip:${meta.ip}`] : [])];
    const lock = await lockedUntil(keys);
    if (lock) throw rateLimited(lock, clock.now());
    const [user] = await db.select().from(users).where(sql`lower(${users.username}) = ${username}`);
    const ok = await verifyPassword(user?.passwordHash ?? null, input.password);
    const ctx: AuditContext = { actorId: user?.id ?? null, actorLabel: username, requestId: meta.requestId };
    if (!ok || !user) {
      const locked = await db.transaction(async (tx) => {
        const a = await recordFailure(tx, keys[0]!, settings.login.maxFailures);
        const b = keys[1] ? await recordFailure(tx, keys[1], settings.login.maxFailures * IP_FAILURE_FACTOR) : null;
        await audit.append(tx, ctx, { action: 'auth.login_failed', entityType: 'user', entityId: user?.id ?? null, after: { username, ip: meta.ip } });
        return a ?? b;
      });
      if (locked) throw rateLimited(locked, clock.now());
      throw new AppError('INVALID_CREDENTIALS');
    }
    await db.delete(authThrottle).where(eq(authThrottle.key, keys[0]!));
    return signedIn(user, 'password', meta, previousToken);
  }

  /**
   * The shared end of every sign-in method (password here; WeCom OAuth later proves the user its
   * own way and calls this): refuses disabled accounts, rotates the session, audits.
   */
  async function signedIn(user: typeof users.$inferSelect, method: string, meta: RequestMeta, previousToken: string | null) {
    if (user.disabled) throw new AppError('ACCOUNT_DISABLED');
    const created = await db.transaction(async (tx) => {
      // rotation: a session id that existed before sign-in never survives it (session fixation)
      if (previousToken) await tx.delete(sessions).where(eq(sessions.id, sha256(previousToken)));
      const s = await startSession(tx, user.id, method, meta);
      await audit.append(tx, { actorId: user.id, actorLabel: user.username, requestId: meta.requestId }, { action: 'auth.login', entityType: 'user', entityId: user.id, after: { method, ip: meta.ip } });
      return s;
    });
    return { ...created, user: toMe(user) };
  }

  /** Signs in a user proven by an external method (e.g. WeCom OAuth) by id. */
  async function signInAs(userId: string, method: string, meta: RequestMeta, previousToken: string | null = null) {
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    if (!user) throw new AppError('UNAUTHENTICATED', '该账号不存在');
    return signedIn(user, method, meta, previousToken);
  }

  /**
   * Resolves a cookie token to its user, enforcing idle and absolute expiry on the injected clock.
   * Returns 'expired' for a session that existed but lapsed, so the client can say so.
   */
  async function resolve(raw: string): Promise<Actor | 'expired' | null> {
    const id = sha256(raw);
    // a cached session answers until it is due a touch (or lapses: then the database decides)
    const now = clock.now();
    const known = cache?.sessions.get(id);
    if (known && known.expiresAt > now.getTime() && now.getTime() - known.lastSeenAt <= TOUCH_EVERY_MS) return known.actor;
    const loadedAt = cache?.stamp();
    const [row] = await db.select().from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.id, id));
    if (!row) return null;
    const s = row.sessions;
    if (s.expiresAt <= now || now.getTime() - s.lastSeenAt.getTime() > idleMs || row.users.disabled) {
      await db.delete(sessions).where(eq(sessions.id, id));
      return 'expired';
    }
    let lastSeenAt = s.lastSeenAt.getTime();
    if (now.getTime() - lastSeenAt > TOUCH_EVERY_MS) {
      await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
      lastSeenAt = now.getTime();
    }
    const actor: Actor = { ...toMe(row.users), sessionId: id, csrfToken: s.csrfToken };
    if (loadedAt) cache!.sessions.set(id, loadedAt, { actor, expiresAt: s.expiresAt.getTime(), lastSeenAt });
    return actor;
  }

  async function logout(actor: Actor, ctx: AuditContext) {
    await db.transaction(async (tx) => {
      await tx.delete(sessions).where(eq(sessions.id, actor.sessionId));
      await audit.append(tx, ctx, { action: 'auth.logout', entityType: 'user', entityId: actor.id });
    });
  }

  /** Changes the password, ends every other session of the user and rotates the current one. */
  async function changePassword(actor: Actor, input: { currentPassword: string; newPassword: string }, meta: RequestMeta) {
    const [user] = await db.select().from(users).where(eq(users.id, actor.id));
    if (!user) throw new AppError('UNAUTHENTICATED');
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw new AppError('VALIDATION_FAILED', 'currentPassword: 当前密码不正确', { issues: [{ path: 'body.currentPassword', message: '当前密码不正确' }] });
    }
    if (input.currentPassword === input.newPassword) {
      throw new AppError('PASSWORD_POLICY', 'newPassword: 新密码不能与当前密码相同', { issues: [{ path: 'body.newPassword', message: '新密码不能与当前密码相同' }] });
    }
    const passwordHash = await hashPassword(input.newPassword);
    return db.transaction(async (tx) => {
      const now = clock.now();
      await tx.update(users).set({ passwordHash, mustChangePassword: false, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, actor.id));
      await tx.delete(sessions).where(eq(sessions.userId, actor.id));
      const s = await startSession(tx, actor.id, 'password', meta);
      await audit.append(tx, { actorId: actor.id, actorLabel: actor.username, requestId: meta.requestId }, {
        action: 'auth.password_changed',
        entityType: 'user',
        entityId: actor.id,
        after: { sessionsEnded: true },
      });
      return { ...s, user: { ...toMe(user), mustChangePassword: false } };
    });
  }

  /** Removes lapsed sessions and stale throttle rows (housekeeping job). */
  async function sweep() {
    const now = clock.now();
    await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - idleMs))));
    await db.delete(authThrottle).where(and(lt(authThrottle.windowStart, new Date(now.getTime() - 2 * settings.login.lockMinutes * MINUTE)), or(sql`${authThrottle.lockedUntil} is null`, lt(authThrottle.lockedUntil, now))));
  }

  return { login, signInAs, resolve, logout, changePassword, sweep, toMe, cache: cache ?? null };
}

function rateLimited(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError('RATE_LIMITED', `尝试次数过多，请于 ${Math.ceil(seconds / 60)} 分钟后再试`, { retryAfterSeconds: seconds, lockedUntil: until.toISOString() });
}
