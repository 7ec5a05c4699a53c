import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { CreateOrgUnit, OrgTreeNode, OrgUnit, OrgUnitType } from '@uplift/contract';
import type { Db, Tx } from '../../db/client.ts';
import { employees, orgUnitHrbps, orgUnits } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { type Access, inScope } from '../access/access.ts';
import type { Audit, AuditContext } from '../audit/audit.service.ts';

// which child types each type may hold: the tree keeps its shape
const allowedChildren: Record<OrgUnitType, OrgUnitType[]> = {
  group: ['subsidiary', 'business_unit', 'department'],
  subsidiary: ['business_unit', 'department'],
  business_unit: ['department', 'team'],
  department: ['department', 'team'],
  team: ['team'],
};

type UnitRow = typeof orgUnits.$inferSelect;
/** A unit as the tree lists it; counts null where the caller may not see aggregates. */
function toNode(u: UnitRow, counts: { own: number; subtree: number } | null): OrgTreeNode {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    nameEn: u.nameEn,
    type: u.type as OrgUnitType,
    parentId: u.parentId,
    depth: u.depth,
    city: u.city,
    active: u.active,
    headcount: counts?.own ?? null,
    subtreeHeadcount: counts?.subtree ?? null,
  };
}

const notFound = (id: string) => new AppError('NOT_FOUND', `没有这个组织单元：${id}`);

export type OrgService = ReturnType<typeof createOrg>;

/** The organisation tree: listing with head counts, details, and audited changes. */
export function createOrg(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  /** other modules' part of an HRBP change (open PIPs pass to the unit's new HRBP), in the same transaction */
  onHrbpsChanged?: (tx: Tx, ctx: AuditContext, unitPath: string, removed: readonly string[]) => Promise<unknown>;
}) {
  const { db, clock, audit } = deps;

  /** Every unit with head counts (people not yet left), counts only where the caller may see aggregates. */
  async function tree(access: Access): Promise<OrgTreeNode[]> {
    const units = await db.select().from(orgUnits).orderBy(asc(orgUnits.depth), asc(orgUnits.sortOrder), asc(orgUnits.code));
    const counts = await db
      .select({ unitId: employees.unitId, n: sql<number>`count(*)::int` })
      .from(employees)
      .where(ne(employees.status, 'left'))
      .groupBy(employees.unitId);
    const own = new Map(counts.map((c) => [c.unitId, c.n]));
    const subtree = new Map<string, number>();
    // deepest first: each unit adds its subtree total to its parent
    for (const u of [...units].sort((a, b) => b.depth - a.depth)) {
      const total = (subtree.get(u.id) ?? 0) + (own.get(u.id) ?? 0);
      subtree.set(u.id, total);
      if (u.parentId) subtree.set(u.parentId, (subtree.get(u.parentId) ?? 0) + total);
    }
    return units.map((u) => toNode(u, inScope(access.aggregates, u.path) ? { own: own.get(u.id) ?? 0, subtree: subtree.get(u.id) ?? 0 } : null));
  }

  async function unitOr404(exec: Db | Tx, id: string): Promise<UnitRow> {
    const [u] = await exec.select().from(orgUnits).where(eq(orgUnits.id, id));
    if (!u) throw notFound(id);
    return u;
  }

  async function detail(access: Access, id: string): Promise<OrgUnit> {
    const u = await unitOr404(db, id);
    const ancestorIds = u.path.split('/').filter(Boolean);
    const ancestors = await db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(inArray(orgUnits.id, ancestorIds));
    const byId = new Map(ancestors.map((a) => [a.id, a]));
    const personIds = [u.leaderId, u.hrHeadId].filter((x): x is string => x !== null);
    const people = personIds.length
      ? await db.select({ id: employees.id, name: employees.name, employeeNo: employees.employeeNo }).from(employees).where(inArray(employees.id, personIds))
      : [];
    const person = (pid: string | null) => people.find((p) => p.id === pid) ?? null;
    const hrbps = await db
      .select({ id: employees.id, name: employees.name, employeeNo: employees.employeeNo })
      .from(orgUnitHrbps)
      .innerJoin(employees, eq(employees.id, orgUnitHrbps.employeeId))
      .where(eq(orgUnitHrbps.unitId, id));
    // this unit's own counts only: building the whole tree for one node was a scan of every unit
    const visible = inScope(access.aggregates, u.path);
    const [counts] = visible
      ? await db
          .select({ own: sql<number>`count(*) filter (where ${employees.unitId} = ${id})::int`, subtree: sql<number>`count(*)::int` })
          .from(employees)
          .where(and(sql`${employees.orgPath} like ${`${u.path}%`}`, ne(employees.status, 'left')))
      : [];
    return {
      ...toNode(u, counts ?? null),
      region: u.region,
      leader: person(u.leaderId),
      hrHead: person(u.hrHeadId),
      hrbps,
      wecomDeptId: u.wecomDeptId,
      legalName: u.legalName,
      creditCode: u.creditCode,
      unionContact: u.unionContact,
      path: ancestorIds.map((aid) => byId.get(aid)).filter((a): a is { id: string; name: string } => a !== undefined),
      canWrite: inScope(access.orgWrite, u.path),
    };
  }

  function requireWrite(access: Access, path: string) {
    if (!inScope(access.orgWrite, path)) throw new AppError('FORBIDDEN', '没有权限修改这个组织单元');
  }

  async function create(access: Access, ctx: AuditContext, input: CreateOrgUnit): Promise<string> {
    return db.transaction(async (tx) => {
      const parent = await unitOr404(tx, input.parentId).catch(() => {
        throw fieldError('body.parentId', '上级单元不存在');
      });
      requireWrite(access, parent.path);
      if (!allowedChildren[parent.type as OrgUnitType].includes(input.type)) {
        throw fieldError('body.type', `「${parent.name}」下不能创建这种类型的单元`);
      }
      const [dup] = await tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, input.code));
      if (dup) throw new AppError('CONFLICT', `编码 ${input.code} 已被使用`, { issues: [{ path: 'body.code', message: '已被使用' }] });
      const now = clock.now();
      const id = crypto.randomUUID();
      const row = {
        id,
        code: input.code,
        name: input.name,
        nameEn: input.nameEn ?? null,
        type: input.type,
        parentId: parent.id,
        path: `${parent.path}${id}/`,
        depth: parent.depth + 1,
        region: input.region ?? parent.region,
        city: input.city ?? parent.city,
        legalName: input.legalName ?? null,
        creditCode: input.creditCode ?? null,
        unionContact: input.unionContact ?? null,
        createdAt: now,
        updatedAt: now,
      };
      await tx.insert(orgUnits).values(row);
      await audit.append(tx, ctx, { action: 'org.create', entityType: 'org_unit', entityId: id, after: row });
      return id;
    });
  }

  async function update(access: Access, ctx: AuditContext, id: string, input: Partial<Omit<UnitRow, 'id' | 'path' | 'depth' | 'parentId' | 'code' | 'type'>> & { hrbpIds?: string[] | undefined }) {
    const { hrbpIds, ...patch } = input;
    return db.transaction(async (tx) => {
      const before = await unitOr404(tx, id);
      requireWrite(access, before.path);
      let hrbps: { before: string[]; after: string[] } | null = null;
      if (hrbpIds) {
        const found = hrbpIds.length ? await tx.select({ id: employees.id }).from(employees).where(and(inArray(employees.id, hrbpIds), ne(employees.status, 'left'))) : [];
        const missing = hrbpIds.filter((h) => !found.some((f) => f.id === h));
        if (missing.length) throw fieldError('body.hrbpIds', `员工不存在或已离职：${missing.join(', ')}`);
        const old = await tx.select({ id: orgUnitHrbps.employeeId }).from(orgUnitHrbps).where(eq(orgUnitHrbps.unitId, id));
        await tx.delete(orgUnitHrbps).where(eq(orgUnitHrbps.unitId, id));
        if (hrbpIds.length) await tx.insert(orgUnitHrbps).values([...new Set(hrbpIds)].map((employeeId) => ({ unitId: id, employeeId })));
        hrbps = { before: old.map((o) => o.id), after: [...new Set(hrbpIds)] };
        const removed = hrbps.before.filter((h) => !hrbps!.after.includes(h));
        if (removed.length > 0) await deps.onHrbpsChanged?.(tx, ctx, before.path, removed);
      }
      for (const [field, pid] of [['leaderId', patch.leaderId], ['hrHeadId', patch.hrHeadId]] as const) {
        if (!pid) continue;
        const [p] = await tx.select({ id: employees.id }).from(employees).where(and(eq(employees.id, pid), ne(employees.status, 'left')));
        if (!p) throw fieldError(`body.${field}`, '员工不存在或已离职');
      }
      const [after] = await tx.update(orgUnits).set({ ...patch, updatedAt: clock.now() }).where(eq(orgUnits.id, id)).returning();
      await audit.append(tx, ctx, { action: 'org.update', entityType: 'org_unit', entityId: id, before: { ...before, hrbpIds: hrbps?.before }, after: { ...after, hrbpIds: hrbps?.after } });
    });
  }

  /** Moves a unit under a new parent; refuses a move into its own subtree. Paths of the subtree and its people follow, set-based. */
  async function move(access: Access, ctx: AuditContext, id: string, parentId: string) {
    return db.transaction(async (tx) => {
      const unit = await unitOr404(tx, id);
      const parent = await unitOr404(tx, parentId).catch(() => {
        throw fieldError('body.parentId', '目标上级单元不存在');
      });
      requireWrite(access, unit.path);
      requireWrite(access, parent.path);
      if (unit.type === 'group') throw new AppError('CONFLICT', '集团根节点不能移动');
      if (parent.path.startsWith(unit.path)) throw fieldError('body.parentId', '不能移动到自己或自己的下级单元之下');
      if (!allowedChildren[parent.type as OrgUnitType].includes(unit.type as OrgUnitType)) {
        throw fieldError('body.parentId', `「${parent.name}」下不能放这种类型的单元`);
      }
      const newPath = `${parent.path}${id}/`;
      const depthDelta = parent.depth + 1 - unit.depth;
      await tx.execute(sql`update org_units set path = ${newPath} || substr(path, ${unit.path.length + 1}), depth = depth + ${depthDelta}, updated_at = ${clock.now()} where path like ${`${unit.path}%`}`);
      await tx.execute(sql`update org_units set parent_id = ${parentId} where id = ${id}`);
      await tx.execute(sql`update employees set org_path = ${newPath} || substr(org_path, ${unit.path.length + 1}) where org_path like ${`${unit.path}%`}`);
      await audit.append(tx, ctx, { action: 'org.move', entityType: 'org_unit', entityId: id, before: { parentId: unit.parentId, path: unit.path }, after: { parentId, path: newPath } });
    });
  }

  /** Deactivates a unit; only an empty one (no active sub-units, nobody who has not left). */
  async function deactivate(access: Access, ctx: AuditContext, id: string) {
    return db.transaction(async (tx) => {
      const unit = await unitOr404(tx, id);
      requireWrite(access, unit.path);
      if (unit.type === 'group') throw new AppError('CONFLICT', '集团根节点不能停用');
      const [children] = await tx.select({ n: sql<number>`count(*)::int` }).from(orgUnits).where(and(sql`${orgUnits.path} like ${`${unit.path}%`}`, ne(orgUnits.id, id), eq(orgUnits.active, true)));
      const [people] = await tx.select({ n: sql<number>`count(*)::int` }).from(employees).where(and(sql`${employees.orgPath} like ${`${unit.path}%`}`, ne(employees.status, 'left')));
      if ((children?.n ?? 0) > 0 || (people?.n ?? 0) > 0) {
        throw new AppError('CONFLICT', `「${unit.name}」不是空的：还有 ${children?.n ?? 0} 个启用的下级单元、${people?.n ?? 0} 名在职员工`, { activeChildren: children?.n ?? 0, people: people?.n ?? 0 });
      }
      await tx.update(orgUnits).set({ active: false, updatedAt: clock.now() }).where(eq(orgUnits.id, id));
      await audit.append(tx, ctx, { action: 'org.deactivate', entityType: 'org_unit', entityId: id, before: { active: true }, after: { active: false } });
    });
  }

  return { tree, detail, create, update, move, deactivate };
}
