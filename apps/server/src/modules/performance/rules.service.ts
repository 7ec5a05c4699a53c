import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { ruleParamsSchema, ruleScopeSchema, type SaveRule, type TriggerRule } from '@uplift/contract';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import { employees, orgUnits, pipCandidates, triggerRules, triggerRuleVersions } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { type Access, inScope, pathInScope } from '../access/access.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';
import { describeRule, matchesSql, type EvaluableRule } from './rules.match.ts';

type RuleRow = typeof triggerRules.$inferSelect;

export type Rules = ReturnType<typeof createRules>;

/** Trigger rules: owned by the group or a subsidiary, versioned, previewed before they are enabled. */
export function createRules(deps: { db: Db; clock: Clock; audit: Audit; businessDate(at: Date): string }) {
  const { db, clock, audit } = deps;

  /** HR roles and auditors read the rules; the owner's org writers change them. */
  const mayRead = (access: Access) => access.records === 'all' || access.records.length > 0;

  /** Resolves a rule row to what the matcher needs (owner and scope unit paths). */
  async function evaluable(exec: Db | Tx, r: { id: string; name: string; version: number; ownerUnitId: string; params: unknown; scope: unknown }): Promise<EvaluableRule> {
    const scope = ruleScopeSchema.parse(r.scope);
    const ids = [r.ownerUnitId, ...scope.unitIds];
    const units = await exec.select({ id: orgUnits.id, path: orgUnits.path }).from(orgUnits).where(inArray(orgUnits.id, ids));
    const path = (id: string) => units.find((u) => u.id === id)?.path;
    return {
      id: r.id,
      name: r.name,
      version: r.version,
      ownerPath: path(r.ownerUnitId) ?? '/none/',
      params: ruleParamsSchema.parse(r.params),
      scope,
      unitPaths: scope.unitIds.map(path).filter((p): p is string => p !== undefined),
    };
  }

  async function ownerFor(exec: Db | Tx, access: Access, unitId: string) {
    const [u] = await exec.select().from(orgUnits).where(eq(orgUnits.id, unitId));
    if (!u || (u.type !== 'group' && u.type !== 'subsidiary')) throw fieldError('body.ownerUnitId', '规则只能属于集团或子公司');
    if (!inScope(access.orgWrite, u.path)) throw new AppError('FORBIDDEN', '您不能为这个单位设置预警规则');
    return u;
  }

  async function checkScope(exec: Db | Tx, owner: { path: string }, input: SaveRule) {
    if (input.scope.unitIds.length === 0) return;
    const units = await exec.select({ id: orgUnits.id, path: orgUnits.path }).from(orgUnits).where(inArray(orgUnits.id, input.scope.unitIds));
    const outside = input.scope.unitIds.filter((id) => !units.some((u) => u.id === id && u.path.startsWith(owner.path)));
    if (outside.length > 0) throw fieldError('body.scope.unitIds', '适用范围中的组织必须在规则所属单位之内');
  }

  async function present(access: Access, rows: RuleRow[]): Promise<TriggerRule[]> {
    if (rows.length === 0) return [];
    const owners = await db.select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path }).from(orgUnits).where(inArray(orgUnits.id, [...new Set(rows.map((r) => r.ownerUnitId))]));
    const counts = await db
      .select({ ruleId: pipCandidates.ruleId, n: sql<number>`count(*)::int` })
      .from(pipCandidates)
      .innerJoin(employees, eq(employees.id, pipCandidates.employeeId))
      .where(and(eq(pipCandidates.status, 'open'), inArray(pipCandidates.ruleId, rows.map((r) => r.id)), pathInScope(employees.orgPath, access.hr)))
      .groupBy(pipCandidates.ruleId);
    return rows.map((r) => {
      const owner = owners.find((o) => o.id === r.ownerUnitId);
      const params = ruleParamsSchema.parse(r.params);
      return {
        id: r.id,
        ownerUnitId: r.ownerUnitId,
        ownerUnitName: owner?.name ?? '',
        name: r.name,
        params,
        scope: ruleScopeSchema.parse(r.scope),
        enabled: r.enabled,
        version: r.version,
        description: describeRule(params),
        openCandidates: counts.find((c) => c.ruleId === r.id)?.n ?? 0,
        updatedAt: r.updatedAt.toISOString(),
        canWrite: owner ? inScope(access.orgWrite, owner.path) : false,
      };
    });
  }

  async function list(access: Access): Promise<TriggerRule[]> {
    if (!mayRead(access)) throw new AppError('FORBIDDEN', '只有人力资源角色可以查看预警规则');
    return present(access, await db.select().from(triggerRules).orderBy(asc(triggerRules.createdAt)));
  }

  async function get(access: Access, id: string): Promise<TriggerRule> {
    if (!mayRead(access)) throw new AppError('FORBIDDEN', '只有人力资源角色可以查看预警规则');
    const [r] = await db.select().from(triggerRules).where(eq(triggerRules.id, id));
    if (!r) throw new AppError('NOT_FOUND', `没有这条规则：${id}`);
    return (await present(access, [r]))[0]!;
  }

  async function create(access: Access, ctx: AuditContext, input: SaveRule): Promise<TriggerRule> {
    const id = await db.transaction(async (tx) => {
      const owner = await ownerFor(tx, access, input.ownerUnitId);
      await checkScope(tx, owner, input);
      const now = clock.now();
      const [r] = await tx
        .insert(triggerRules)
        .values({ ownerUnitId: owner.id, name: input.name, kind: input.params.kind, cycleType: 'cycleType' in input.params ? input.params.cycleType : null, params: input.params, scope: input.scope, enabled: false, version: 1, createdBy: ctx.actorId, createdAt: now, updatedAt: now })
        .returning();
      await tx.insert(triggerRuleVersions).values({ ruleId: r!.id, version: 1, definition: { name: input.name, params: input.params, scope: input.scope }, createdBy: ctx.actorId, createdAt: now });
      await audit.append(tx, ctx, { action: 'rule.create', entityType: 'trigger_rule', entityId: r!.id, after: input });
      return r!.id;
    });
    return get(access, id);
  }

  async function writable(tx: Tx, access: Access, id: string): Promise<RuleRow> {
    const [r] = await tx.select().from(triggerRules).where(eq(triggerRules.id, id)).for('update');
    if (!r) throw new AppError('NOT_FOUND', `没有这条规则：${id}`);
    await ownerFor(tx, access, r.ownerUnitId);
    return r;
  }

  /** A new version of the definition; open candidates keep the version that raised them. */
  async function update(access: Access, ctx: AuditContext, id: string, input: SaveRule): Promise<TriggerRule> {
    await db.transaction(async (tx) => {
      const before = await writable(tx, access, id);
      const owner = await ownerFor(tx, access, input.ownerUnitId);
      await checkScope(tx, owner, input);
      const now = clock.now();
      const version = before.version + 1;
      await tx
        .update(triggerRules)
        .set({ ownerUnitId: owner.id, name: input.name, kind: input.params.kind, cycleType: 'cycleType' in input.params ? input.params.cycleType : null, params: input.params, scope: input.scope, version, updatedAt: now })
        .where(eq(triggerRules.id, id));
      await tx.insert(triggerRuleVersions).values({ ruleId: id, version, definition: { name: input.name, params: input.params, scope: input.scope }, createdBy: ctx.actorId, createdAt: now });
      await audit.append(tx, ctx, { action: 'rule.update', entityType: 'trigger_rule', entityId: id, before: { name: before.name, params: before.params, scope: before.scope, version: before.version }, after: { ...input, version } });
    });
    return get(access, id);
  }

  async function setEnabled(access: Access, ctx: AuditContext, id: string, enabled: boolean): Promise<void> {
    await db.transaction(async (tx) => {
      const before = await writable(tx, access, id);
      if (before.enabled === enabled) return;
      await tx.update(triggerRules).set({ enabled, updatedAt: clock.now() }).where(eq(triggerRules.id, id));
      await audit.append(tx, ctx, { action: enabled ? 'rule.enable' : 'rule.disable', entityType: 'trigger_rule', entityId: id, before: { enabled: before.enabled }, after: { enabled } });
    });
  }

  /** Who the rule would flag now (within what the caller may see): a count and a sample with evidence. */
  async function preview(access: Access, input: SaveRule) {
    if (!mayRead(access)) throw new AppError('FORBIDDEN', '只有人力资源角色可以预览预警规则');
    const [owner] = await db.select().from(orgUnits).where(eq(orgUnits.id, input.ownerUnitId));
    if (!owner) throw fieldError('body.ownerUnitId', '组织单元不存在');
    await checkScope(db, owner, input);
    const rule = await evaluable(db, { id: '00000000-0000-0000-0000-000000000000', name: input.name, version: 0, ownerUnitId: owner.id, params: input.params, scope: input.scope });
    const today = deps.businessDate(clock.now());
    const rows = await queryRows<{ employee_id: string; employee_no: string; name: string; unit_name: string; position: string; cycles: unknown; feedback: unknown; value: string | null; total: number }>(
      db,
      sql`
        with m as (${matchesSql(rule, today, null)})
        select m.*, e.employee_no, e.name, u.name as unit_name, e.position, count(*) over ()::int as total
        from m join employees e on e.id = m.employee_id join org_units u on u.id = e.unit_id
        where ${pathInScope(sql`e.org_path`, access.records)}
        order by e.employee_no limit 50`,
    );
    const evaluatedAt = clock.now().toISOString();
    return {
      matches: rows[0]?.total ?? 0,
      items: rows.map((r) => ({
        employee: { id: r.employee_id, employeeNo: r.employee_no, name: r.name, unitName: r.unit_name, position: r.position },
        evidence: evidenceOf(rule, r, evaluatedAt),
      })),
    };
  }

  return { list, get, create, update, setEnabled, preview, evaluable };
}

/** The evidence a candidate carries: the rule as it was, and the values it looked at. */
export function evidenceOf(rule: EvaluableRule, m: { cycles: unknown; feedback: unknown; value: string | number | null }, evaluatedAt: string) {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const cycles = ((m.cycles ?? []) as { code: string; name: string; endDate: string; achievement: unknown; score: unknown; grade: string | null }[]).map((c) => ({
    code: c.code,
    name: c.name,
    endDate: c.endDate,
    achievement: num(c.achievement),
    score: num(c.score),
    grade: c.grade,
  }));
  const feedback = (m.feedback ?? []) as { date: string; customer: string; rating: number; text: string }[];
  return {
    rule: { id: rule.id, name: rule.name, version: rule.version, params: rule.params },
    description: describeRule(rule.params),
    cycles,
    feedback,
    value: num(m.value),
    evaluatedAt,
  };
}
