import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import { businessDate, type Clock } from '../lib/clock.ts';
import { hashPassword } from '../modules/auth/password.ts';
import type { Services } from '../services.ts';
import { generatePassword } from '../modules/users/users.service.ts';
import { loadDemoPolicy } from './demo-policy.ts';
import { loadDemoGroup } from './demo-group.ts';
import { loadDemoPerformance } from './demo-performance.ts';
import { loadDemoCheckins } from '../modules/checkins/checkins.demo.ts';
import { loadDemoPlans } from '../modules/pip/pip.demo.ts';

export const DEMO_ADMIN_PASSWORD = 'Uplift#2026';

/** The demo sign-ins and what each shows. */
export const DEMO_LOGINS: [string, string][] = [
  ['admin', '系统管理员 sys_admin'],
  ['hr', '集团 HR group_hr'],
  ['hrhead', '星河科技（上海） HR 负责人 hr_head'],
  ['hrbp', 'HRBP（星河科技的一个事业部）'],
  ['manager', '部门负责人（两级下属）'],
  ['employee', '员工（manager 的下属）'],
  ['exec', '集团副总裁 executive（只看汇总）'],
  ['auditor', '审计 auditor'],
];

/** The one audit record of a demo load: what was loaded, in counts. */
export function demoLoadRecord(
  summary: { units: number; employees: number; contracts: number; accounts: Record<string, string> },
  performance: { cycles: number; results: number; workLogs: number; feedback: number } | null,
) {
  return {
    action: 'demo.load',
    entityType: 'org_unit',
    after: {
      units: summary.units,
      employees: summary.employees,
      contracts: summary.contracts,
      accounts: Object.keys(summary.accounts),
      ...(performance && { performance: { cycles: performance.cycles, results: performance.results, workLogs: performance.workLogs, feedback: performance.feedback } }),
    },
  };
}

/**
 * On an empty database creates the `admin` account (sys_admin). With demo data its password is
 * the documented demo one; otherwise a random one, returned so boot can print it once.
 */
export async function firstStart(deps: {
  db: Db;
  clock: Clock;
  services: Services;
  demo: boolean;
  /** Load the 星河集团 demo group with the demo accounts (default: with `demo`). */
  demoGroup?: boolean;
  /** With the group, its performance data and early-warning rules, evaluated after commit (default: with the group). */
  demoPerformance?: boolean;
  /** The business time zone (TZ_BUSINESS) the demo's dates follow; default Asia/Shanghai. */
  timeZone?: string;
}): Promise<{ username: string; password: string; demoAccounts: Record<string, string> | null } | null> {
  const { db, clock, services } = deps;
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  if ((existing?.n ?? 0) > 0) return null;
  const password = deps.demo ? DEMO_ADMIN_PASSWORD : generatePassword();
  const passwordHash = await hashPassword(password);
  const ctx = { actorId: null, actorLabel: 'system:first-start', requestId: null };
  let demoAccounts: Record<string, string> | null = null;
  const withGroup = deps.demo && (deps.demoGroup ?? true);
  const withPerformance = withGroup && (deps.demoPerformance ?? true);
  await db.transaction(async (tx) => {
    // the national holidays Uplift knows, so working-day deadlines are right from the first day
    await services.calendar.loadNational(tx, ctx);
    if (withGroup) {
      const summary = await loadDemoGroup(tx, { clock, crypto: services.fieldCrypto, passwordHash });
      const performance = withPerformance ? await loadDemoPerformance(tx, { clock, ...(deps.timeZone && { timeZone: deps.timeZone }) }) : null;
      demoAccounts = summary.accounts;
      await services.audit.append(tx, ctx, demoLoadRecord(summary, performance));
      // the group's PIP policy in force (everyone asked to confirm it), then the default template inside it
      await loadDemoPolicy(tx, { clock, timeZone: deps.timeZone ?? 'Asia/Shanghai', publishing: services.policyPublishing, ctx });
      await services.templates.ensureDefault(tx, ctx);
      // improvement plans in every state, so a newcomer sees the product alive
      await loadDemoPlans(tx, { now: clock.now(), today: businessDate(clock.now(), deps.timeZone ?? 'Asia/Shanghai') });
      // …with their meetings and evaluations as if they had run
      await loadDemoCheckins(tx, { now: clock.now(), today: businessDate(clock.now(), deps.timeZone ?? 'Asia/Shanghai'), timeZone: deps.timeZone ?? 'Asia/Shanghai' });
    }
    const now = clock.now();
    const [admin] = await tx
      .insert(users)
      .values({ username: 'admin', displayName: '系统管理员', roles: ['sys_admin'], passwordHash, mustChangePassword: !deps.demo, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!admin) return;
    await services.audit.append(tx, ctx, { action: 'user.create', entityType: 'user', entityId: admin.id, after: { username: 'admin', roles: ['sys_admin'], firstStart: true } });
    await services.notify.notify(tx, ctx, {
      recipients: [admin.id],
      kind: 'system.first_start',
      dedupeKey: 'system.first_start',
      payload: {
        title: { 'zh-CN': '跃升已就绪', 'en-US': 'Uplift is ready' },
        body: {
          'zh-CN': '系统已完成初始化。请在「账号」中修改默认密码，并在「系统管理」中查看审计链校验与备份设置。',
          'en-US': 'The system is initialised. Change the default password under Account, and review audit verification and backups under Administration.',
        },
        link: '/admin/system',
      },
      actions: [{ key: 'change_password', label: { 'zh-CN': '修改密码', 'en-US': 'Change password' }, link: '/account' }],
    });
  });
  // the demo's candidates, raised as the nightly run would (`db` is the services' database here)
  if (withPerformance) await services.candidates.evaluate();
  return { username: 'admin', password, demoAccounts };
}
