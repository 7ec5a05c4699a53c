import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { DEFAULT_GRADES, type CreateCycle, type Cycle, type CycleType, type PerformanceFile, type PerformanceResult, type PutResult } from '@uplift/contract';
import { queryRows, type Db } from '../../db/client.ts';
import { customerFeedback, employees, orgUnits, performanceCycles, performanceResultChanges, performanceResults, triggerRules, users, workLogs } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { type Access, employeeVisible, inScope, pathInScope } from '../access/access.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import type { Candidates } from './candidates.service.ts';

type CycleRow = typeof performanceCycles.$inferSelect;
type ResultRow = typeof performanceResults.$inferSelect;

export type Cycles = ReturnType<typeof createCycles>;

/** Performance cycles, results (manual entry and corrections) and the employee's performance file. */
export function createCycles(deps: { db: Db; clock: Clock; audit: Audit; candidates: Candidates }) {
  const { db, clock, audit } = deps;

  async function list(access: Access, type?: CycleType): Promise<Cycle[]> {
    const rows = await db
      .select({ c: performanceCycles, ownerName: orgUnits.name, ownerPath: orgUnits.path })
      .from(performanceCycles)
      .innerJoin(orgUnits, eq(orgUnits.id, performanceCycles.ownerUnitId))
      .where(type ? eq(performanceCycles.type, type) : undefined)
      .orderBy(desc(performanceCycles.endDate), desc(performanceCycles.code));
    const counts = rows.length
      ? await db
          .select({ cycleId: performanceResults.cycleId, n: sql<number>`count(*)::int` })
          .from(performanceResults)
          .innerJoin(employees, eq(employees.id, performanceResults.employeeId))
          .where(and(inArray(performanceResults.cycleId, rows.map((r) => r.c.id)), pathInScope(employees.orgPath, access.aggregates)))
          .groupBy(performanceResults.cycleId)
      : [];
    const seesCounts = access.aggregates === 'all' || access.aggregates.length > 0;
    return rows.map(({ c, ownerName }) => ({
      id: c.id,
      code: c.code,
      name: c.name,
      type: c.type as CycleType,
      ownerUnitId: c.ownerUnitId,
      ownerUnitName: ownerName,
      startDate: c.startDate,
      endDate: c.endDate,
      status: c.status as Cycle['status'],
      grades: c.grades,
      closedAt: c.closedAt?.toISOString() ?? null,
      results: seesCounts ? (counts.find((n) => n.cycleId === c.id)?.n ?? 0) : null,
    }));
  }

  async function ownedUnit(access: Access, unitId: string) {
    const [u] = await db.select().from(orgUnits).where(eq(orgUnits.id, unitId));
    if (!u || (u.type !== 'group' && u.type !== 'subsidiary')) throw fieldError('body.ownerUnitId', '考核周期只能属于集团或子公司');
    if (!inScope(access.orgWrite, u.path)) throw new AppError('FORBIDDEN', '您不能为这个单位设置考核周期');
    return u;
  }

  async function create(access: Access, ctx: AuditContext, input: CreateCycle): Promise<string> {
    const owner = await ownedUnit(access, input.ownerUnitId);
    return db.transaction(async (tx) => {
      const [dup] = await tx.select({ id: performanceCycles.id }).from(performanceCycles).where(eq(performanceCycles.code, input.code));
      if (dup) throw new AppError('CONFLICT', `周期编码 ${input.code} 已存在`, { issues: [{ path: 'body.code', message: '已存在' }] });
      const [c] = await tx
        .insert(performanceCycles)
        .values({ code: input.code, name: input.name, type: input.type, ownerUnitId: owner.id, startDate: input.startDate, endDate: input.endDate, status: 'open', grades: input.grades ?? [...DEFAULT_GRADES], createdAt: clock.now() })
        .returning({ id: performanceCycles.id });
      await audit.append(tx, ctx, { action: 'cycle.create', entityType: 'performance_cycle', entityId: c!.id, after: input });
      return c!.id;
    });
  }

  /** Closing makes a cycle's results count for the rules; the rules of its type are evaluated at once. */
  async function close(access: Access, ctx: AuditContext, id: string): Promise<Cycle> {
    const [c] = await db.select().from(performanceCycles).where(eq(performanceCycles.id, id));
    if (!c) throw new AppError('NOT_FOUND', `没有这个考核周期：${id}`);
    await ownedUnit(access, c.ownerUnitId);
    const closed = await db.transaction(async (tx) => {
      const done = await tx
        .update(performanceCycles)
        .set({ status: 'closed', closedAt: clock.now() })
        .where(and(eq(performanceCycles.id, id), eq(performanceCycles.status, 'open')))
        .returning({ id: performanceCycles.id });
      if (done.length === 0) return false;
      await audit.append(tx, ctx, { action: 'cycle.close', entityType: 'performance_cycle', entityId: id, before: { status: 'open' }, after: { status: 'closed' } });
      return true;
    });
    if (!closed) throw new AppError('CONFLICT', '这个周期已经关闭');
    const ruleIds = (await db.select({ id: triggerRules.id }).from(triggerRules).where(and(eq(triggerRules.enabled, true), eq(triggerRules.cycleType, c.type)))).map((r) => r.id);
    if (ruleIds.length > 0) await deps.candidates.evaluate({ ruleIds, ctx });
    return (await list(access, c.type as CycleType)).find((x) => x.id === id)!;
  }

  async function presentResults(rows: { r: ResultRow; c: CycleRow }[]): Promise<PerformanceResult[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((x) => x.r.id);
    const changes = await db
      .select({ ch: performanceResultChanges, by: users.username })
      .from(performanceResultChanges)
      .leftJoin(users, eq(users.id, performanceResultChanges.actorId))
      .where(inArray(performanceResultChanges.resultId, ids))
      .orderBy(asc(performanceResultChanges.at));
    const evaluatorIds = [...new Set(rows.map((x) => x.r.evaluatorId).filter((v): v is string => v !== null))];
    const evaluators = evaluatorIds.length ? await db.select({ id: employees.id, name: employees.name }).from(employees).where(inArray(employees.id, evaluatorIds)) : [];
    return rows.map(({ r, c }) => ({
      id: r.id,
      cycleId: c.id,
      cycleCode: c.code,
      cycleName: c.name,
      cycleType: c.type as CycleType,
      cycleStatus: c.status as 'open' | 'closed',
      startDate: c.startDate,
      endDate: c.endDate,
      score: r.score,
      target: r.target,
      achievement: r.achievement,
      grade: r.grade,
      grades: c.grades,
      evaluatorName: evaluators.find((e) => e.id === r.evaluatorId)?.name ?? null,
      comment: r.comment,
      source: r.source as PerformanceResult['source'],
      version: r.version,
      corrections: changes
        .filter((x) => x.ch.resultId === r.id)
        .map((x) => ({ at: x.ch.at.toISOString(), by: x.by, reason: x.ch.reason, before: x.ch.before as Record<string, unknown>, after: x.ch.after as Record<string, unknown> })),
    }));
  }

  /** Manual entry, or a correction that keeps the previous values with who and why. HR in scope. */
  async function put(access: Access, ctx: AuditContext, employeeId: string, cycleId: string, input: PutResult): Promise<PerformanceResult> {
    const resultId = await db.transaction(async (tx) => {
      const [e] = await tx.select().from(employees).where(eq(employees.id, employeeId));
      if (!e || !inScope(access.hr, e.orgPath)) throw new AppError('NOT_FOUND', `没有这名员工：${employeeId}`);
      const [c] = await tx.select().from(performanceCycles).where(eq(performanceCycles.id, cycleId));
      if (!c) throw new AppError('NOT_FOUND', `没有这个考核周期：${cycleId}`);
      if (input.grade && !c.grades.includes(input.grade)) throw fieldError('body.grade', `等级应为 ${c.grades.join('/')} 之一`);
      const [before] = await tx.select().from(performanceResults).where(and(eq(performanceResults.employeeId, employeeId), eq(performanceResults.cycleId, cycleId))).for('update');
      const now = clock.now();
      const fields = { score: input.score, target: input.target, achievement: input.achievement, grade: input.grade, comment: input.comment };
      const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      if (!before) {
        if (input.score == null && input.achievement == null && !input.grade) throw fieldError('body', '得分、达成率和等级至少填写一项');
        const [r] = await tx
          .insert(performanceResults)
          .values({ cycleId, employeeId, ...given, source: 'manual', unitId: e.unitId, createdAt: now, updatedAt: now })
          .returning({ id: performanceResults.id });
        await audit.append(tx, ctx, { action: 'result.create', entityType: 'performance_result', entityId: r!.id, after: { employeeId, cycleId, ...given } });
        return r!.id;
      }
      if (!input.reason) throw fieldError('body.reason', '更正已有结果需要填写原因');
      const prev = { score: before.score, target: before.target, achievement: before.achievement, grade: before.grade, comment: before.comment };
      await tx
        .update(performanceResults)
        .set({ ...given, source: 'manual', version: before.version + 1, updatedAt: now })
        .where(eq(performanceResults.id, before.id));
      await tx.insert(performanceResultChanges).values({ resultId: before.id, before: prev, after: { ...prev, ...given }, reason: input.reason, actorId: ctx.actorId, source: 'manual', at: now });
      await audit.append(tx, ctx, { action: 'result.correct', entityType: 'performance_result', entityId: before.id, before: prev, after: { ...given, reason: input.reason } });
      return before.id;
    });
    // a correction may flag or un-flag the person: evaluate them now
    await deps.candidates.evaluate({ employeeIds: [employeeId], ctx });
    const [row] = await db.select({ r: performanceResults, c: performanceCycles }).from(performanceResults).innerJoin(performanceCycles, eq(performanceCycles.id, performanceResults.cycleId)).where(eq(performanceResults.id, resultId));
    return (await presentResults([row!]))[0]!;
  }

  /** 绩效全周期档案: visible like the person's record; candidacies only for HR in scope and managers above. */
  async function file(access: Access, employeeId: string): Promise<PerformanceFile> {
    const [e] = await db
      .select({ e: employees, unitName: orgUnits.name })
      .from(employees)
      .innerJoin(orgUnits, eq(orgUnits.id, employees.unitId))
      .where(and(eq(employees.id, employeeId), employeeVisible(access)));
    if (!e) throw new AppError('NOT_FOUND', `没有这名员工：${employeeId}`);
    const results = await db
      .select({ r: performanceResults, c: performanceCycles })
      .from(performanceResults)
      .innerJoin(performanceCycles, eq(performanceCycles.id, performanceResults.cycleId))
      .where(eq(performanceResults.employeeId, employeeId))
      .orderBy(asc(performanceCycles.endDate), asc(performanceCycles.code));
    const logs = await db.select().from(workLogs).where(eq(workLogs.employeeId, employeeId)).orderBy(desc(workLogs.date)).limit(200);
    const feedback = await db.select().from(customerFeedback).where(eq(customerFeedback.employeeId, employeeId)).orderBy(desc(customerFeedback.date)).limit(200);
    const candidates = await deps.candidates.ofEmployee(access, employeeId);
    // thresholds of enabled cycle rules whose owner contains the person (scope details aside)
    const rules = await queryRows<{ name: string; params: { kind: string; metric?: string; threshold?: number | string } }>(
      db,
      sql`select r.name, r.params from trigger_rules r join org_units o on o.id = r.owner_unit_id where r.enabled and ${e.e.orgPath} like o.path || '%' and r.kind in ('consecutive_below', 'rolling_average_below') order by r.name`,
    );
    return {
      employee: { id: e.e.id, employeeNo: e.e.employeeNo, name: e.e.name, unitName: e.unitName, position: e.e.position, grade: e.e.grade, status: e.e.status },
      results: await presentResults(results),
      thresholds: candidates === null ? [] : rules.map((r) => ({ ruleName: r.name, metric: (r.params.metric ?? 'achievement') as 'achievement' | 'score' | 'grade', value: r.params.threshold ?? 0 })),
      workLogs: logs.map((l) => ({ id: l.id, date: l.date, hours: l.hours, summary: l.summary, tags: l.tags, source: l.source as 'import' | 'api' | 'manual' })),
      feedback: feedback.map((f) => ({ id: f.id, date: f.date, customer: f.customer, channel: f.channel, rating: f.rating, sentiment: f.sentiment as 'positive' | 'neutral' | 'negative', text: f.text, source: f.source as 'import' | 'api' | 'manual' })),
      candidates,
      canEditResults: inScope(access.hr, e.e.orgPath),
    };
  }

  return { list, create, close, put, file };
}
