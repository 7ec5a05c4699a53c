import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { pathInScope } from '../access/access.ts';
import { field, check, type ImportKind, type KindColumn, type KindContext, type RowIssue } from './import.kind.ts';
import { parseChoice, parseCode, parseCreditCode, parseInteger, parseText } from './import.values.ts';

const m = (zh: string, en: string) => ({ zh, en });
const text = (max: number) => (t: string) => parseText(t, max);

const columns: KindColumn[] = [
  { key: 'code', required: true, aliases: ['组织编码', 'Code', '部门编码', '单位编码', 'unit code', 'org code'], label: m('组织编码', 'Code'), hint: m('唯一，字母数字', 'Unique; letters and digits'), parse: (t) => parseCode(t) },
  { key: 'name', required: true, aliases: ['组织名称', 'Name', '部门名称', '单位名称', 'unit name'], label: m('组织名称', 'Name'), hint: m('最多 100 字', 'Up to 100 characters'), parse: text(100) },
  { key: 'name_en', required: false, aliases: ['英文名称', 'English name', '英文名'], label: m('英文名称', 'English name'), hint: m('', ''), parse: text(200) },
  { key: 'type', required: true, aliases: ['组织类型', 'Type', '类型', 'unit type'], label: m('组织类型', 'Type'), hint: m('子公司 / 事业部 / 部门 / 团队', 'subsidiary / business_unit / department / team'), parse: (t) => parseChoice(t, { subsidiary: ['子公司', '分公司'], business_unit: ['事业部', '业务单元'], department: ['部门', '中心'], team: ['团队', '小组', '组'] }) },
  { key: 'parent_code', required: true, aliases: ['上级组织编码', 'Parent code', '上级编码', '上级部门编码', 'parent unit code'], label: m('上级组织编码', 'Parent code'), hint: m('可以是同一文件中的组织', 'May be a unit in the same file'), parse: (t) => parseCode(t) },
  { key: 'region', required: false, aliases: ['区域', 'Region', '大区'], label: m('区域', 'Region'), hint: m('如 华东', 'e.g. East China'), parse: text(50) },
  { key: 'city', required: false, aliases: ['城市', 'City', '所在城市'], label: m('城市', 'City'), hint: m('如 上海', 'e.g. Shanghai'), parse: text(50) },
  { key: 'leader_no', required: false, aliases: ['负责人工号', 'Leader No.', '负责人', '部门负责人工号'], label: m('负责人工号', 'Leader No.'), hint: m('已在系统中的员工', 'An employee already in the system'), parse: (t) => parseCode(t) },
  { key: 'hr_head_no', required: false, aliases: ['HR负责人工号', 'HR head No.', '人事负责人工号'], label: m('HR负责人工号', 'HR head No.'), hint: m('已在系统中的员工', 'An employee already in the system'), parse: (t) => parseCode(t) },
  { key: 'legal_name', required: false, aliases: ['法人名称', 'Legal name', '公司全称', '用人单位名称'], label: m('法人名称', 'Legal name'), hint: m('子公司的法定名称', "The subsidiary's registered name"), parse: text(200) },
  { key: 'credit_code', required: false, aliases: ['统一社会信用代码', 'Credit code', '信用代码', 'unified social credit code'], label: m('统一社会信用代码', 'Credit code'), hint: m('18 位', '18 characters'), parse: parseCreditCode },
  { key: 'union_contact', required: false, aliases: ['工会联系人', 'Union contact', '工会'], label: m('工会联系人', 'Union contact'), hint: m('', ''), parse: text(200) },
  { key: 'wecom_dept_id', required: false, aliases: ['企业微信部门ID', 'WeCom dept ID', '企微部门ID'], label: m('企业微信部门ID', 'WeCom dept ID'), hint: m('正整数', 'A positive whole number'), parse: (t) => parseInteger(t, 1, 2_147_483_647) },
  { key: 'sort_order', required: false, aliases: ['排序', 'Sort order', '顺序'], label: m('排序', 'Sort order'), hint: m('同级中的顺序', 'Order among siblings'), parse: (t) => parseInteger(t, 0, 1_000_000) },
];

const plain: { key: string; col: string; int?: boolean }[] = [
  { key: 'name', col: 'name' },
  { key: 'name_en', col: 'name_en' },
  { key: 'type', col: 'type' },
  { key: 'region', col: 'region' },
  { key: 'city', col: 'city' },
  { key: 'legal_name', col: 'legal_name' },
  { key: 'credit_code', col: 'credit_code' },
  { key: 'union_contact', col: 'union_contact' },
  { key: 'wecom_dept_id', col: 'wecom_dept_id', int: true },
  { key: 'sort_order', col: 'sort_order', int: true },
];
const value = (p: { key: string; int?: boolean }) => (p.int ? sql.raw(`(r.data->>'${p.key}')::int`) : field(p.key));
const state = (alias: string) => sql.raw(`(to_jsonb(${alias}) - 'path' - 'depth' - 'updated_at' - 'created_at')`);
// which child types each type may hold (as in the org service)
const allowedPairs = sql`(values ('group','subsidiary'),('group','business_unit'),('group','department'),('subsidiary','business_unit'),('subsidiary','department'),
  ('business_unit','department'),('business_unit','team'),('department','department'),('department','team'),('team','team')) as ok(parent, child)`;

function refineRow(d: Record<string, unknown>): RowIssue[] {
  if (d.code && d.code === d.parent_code) return [{ column: 'parent_code', code: 'SELF_PARENT', value: String(d.parent_code), message: m('上级组织不能是自己', 'A unit cannot be its own parent') }];
  return [];
}

/**
 * For each file row: the nearest ancestor outside the file (its position is settled), walking up
 * through parents that are themselves in the file; a walk that comes back to its start is a cycle.
 */
function anchors(b: string): SQL {
  return sql`
    with recursive f as (select ${field('code', 'f')} as code, ${field('parent_code', 'f')} as parent from import_rows f where f.batch_id = ${b}),
    walk(start, cur, depth) as (
      select code, parent, 1 from f
      union all
      select w.start, f.parent, w.depth + 1 from walk w join f on f.code = w.cur where w.cur <> w.start and w.depth < 64
    )
    select start, cur, depth from walk w where not exists (select 1 from f where f.code = w.cur) or w.cur = w.start or w.depth >= 64`;
}

async function validate(k: KindContext): Promise<void> {
  const { batchId: b, access } = k;
  const rows = sql`import_rows r`;
  const mine = sql`r.batch_id = ${b}`;
  await check(k, 'code', 'DUPLICATE_KEY', sql`'组织编码在文件中重复（与第 ' || x.first || ' 行相同）'`, sql`'Code repeated in the file (same as row ' || x.first || ')'`, sql`
    select row_number, value, first from (
      select r.row_number, ${field('code')} as value, min(r.row_number) over (partition by ${field('code')}) as first from ${rows} where ${mine}) d
    where d.row_number <> d.first`);
  await check(k, 'code', 'GROUP_ROOT', sql`'集团根节点 ' || x.value || ' 不能通过导入修改'`, sql`'The group root ' || x.value || ' cannot be changed by an import'`, sql`
    select r.row_number, ${field('code')} as value from ${rows} join org_units u on u.code = ${field('code')} where ${mine} and u.parent_id is null`);
  await check(k, 'parent_code', 'UNKNOWN_PARENT', sql`'找不到上级组织 ' || x.value || '（系统和文件中都没有）'`, sql`'No parent unit ' || x.value || ' (neither in the system nor in the file)'`, sql`
    select r.row_number, ${field('parent_code')} as value from ${rows}
    where ${mine} and ${field('parent_code')} is not null
      and not exists (select 1 from import_rows f where f.batch_id = ${b} and ${field('code', 'f')} = ${field('parent_code')})
      and not exists (select 1 from org_units u where u.code = ${field('parent_code')})`);
  await check(k, 'type', 'BAD_PARENT_TYPE', sql`'上级组织 ' || x.parent || '（' || x.ptype || '）下不能建立这种类型的组织'`, sql`'A ' || x.value || ' cannot sit under ' || x.parent || ' (' || x.ptype || ')'`, sql`
    select r.row_number, ${field('type')} as value, ${field('parent_code')} as parent, coalesce(${field('type', 'f')}, pu.type) as ptype
    from ${rows}
    left join import_rows f on f.batch_id = ${b} and ${field('code', 'f')} = ${field('parent_code')}
    left join org_units pu on pu.code = ${field('parent_code')}
    where ${mine} and ${field('type')} is not null and coalesce(${field('type', 'f')}, pu.type) is not null
      and not exists (select 1 from ${allowedPairs} where ok.parent = coalesce(${field('type', 'f')}, pu.type) and ok.child = ${field('type')})`);
  await check(k, 'parent_code', 'PARENT_CYCLE', sql`'上级关系形成环路（经过 ' || x.value || '）'`, sql`'The parent chain loops (through ' || x.value || ')'`, sql`
    select r.row_number, ${field('parent_code')} as value from ${rows} join (${anchors(b)}) a on a.start = ${field('code')}
    where ${mine} and (a.cur = a.start or a.depth >= 64)`);
  // scope: an existing unit must already be the importer's; a new or moved one must land under one of theirs
  await check(k, 'code', 'OUT_OF_SCOPE', sql`'组织 ' || x.value || ' 不在您的管理范围内'`, sql`'Unit ' || x.value || ' is outside your scope'`, sql`
    select r.row_number, ${field('code')} as value from ${rows} join org_units u on u.code = ${field('code')}
    where ${mine} and not ${pathInScope(sql`u.path`, access.orgWrite)}`);
  await check(k, 'parent_code', 'OUT_OF_SCOPE', sql`'上级组织 ' || x.value || ' 不在您的管理范围内'`, sql`'Parent unit ' || x.value || ' is outside your scope'`, sql`
    select r.row_number, ${field('parent_code')} as value from ${rows} join (${anchors(b)}) a on a.start = ${field('code')} join org_units au on au.code = a.cur
    where ${mine} and a.cur <> a.start and not ${pathInScope(sql`au.path`, access.orgWrite)}`);
  for (const key of ['leader_no', 'hr_head_no']) {
    await check(k, key, 'UNKNOWN_EMPLOYEE', sql`'找不到工号为 ' || x.value || ' 的在职员工'`, sql`'No current employee with employee no. ' || x.value`, sql`
      select r.row_number, ${field(key)} as value from ${rows} left join employees e on e.employee_no = ${field(key)}
      where ${mine} and ${field(key)} is not null and (e.id is null or e.status = 'left')`);
  }
  await check(k, 'wecom_dept_id', 'DUPLICATE_VALUE', sql`'企业微信部门ID在文件中重复（与第 ' || x.first || ' 行相同）'`, sql`'WeCom dept ID repeated in the file (same as row ' || x.first || ')'`, sql`
    select row_number, value, first from (
      select r.row_number, ${field('wecom_dept_id')} as value, min(r.row_number) over (partition by ${field('wecom_dept_id')}) as first
      from ${rows} where ${mine} and ${field('wecom_dept_id')} is not null) d
    where d.row_number <> d.first`);
  await check(k, 'wecom_dept_id', 'TAKEN', sql`'企业微信部门ID已属于组织 ' || x.other`, sql`'WeCom dept ID already belongs to unit ' || x.other`, sql`
    select r.row_number, ${field('wecom_dept_id')} as value, u.code as other from ${rows} join org_units u on u.wecom_dept_id = (r.data->>'wecom_dept_id')::int
    where ${mine} and u.code <> ${field('code')}`);
}

function diff(present: ReadonlySet<string>): SQL {
  const parts: SQL[] = [sql`pu.code is distinct from ${field('parent_code')}`];
  for (const p of plain) if (present.has(p.key)) parts.push(sql`u.${sql.raw(p.col)} is distinct from ${p.key === 'sort_order' ? sql`coalesce(${value(p)}, u.sort_order)` : value(p)}`);
  if (present.has('leader_no')) parts.push(sql`le.employee_no is distinct from ${field('leader_no')}`);
  if (present.has('hr_head_no')) parts.push(sql`he.employee_no is distinct from ${field('hr_head_no')}`);
  return sql.join(parts, sql` or `);
}

async function classify(k: KindContext): Promise<void> {
  await k.tx.execute(sql`
    update import_rows t set action = x.action from (
      select r.row_number, case when u.id is null then 'create' when ${diff(k.present)} then 'update' else 'unchanged' end as action
      from import_rows r left join org_units u on u.code = ${field('code')} left join org_units pu on pu.id = u.parent_id
      left join employees le on le.id = u.leader_id left join employees he on he.id = u.hr_head_id
      where r.batch_id = ${k.batchId}) x
    where t.batch_id = ${k.batchId} and t.row_number = x.row_number`);
}

/** Recomputes every unit's path and depth from the parents, then the people's copies of it. */
async function rebuildPaths(tx: Db | Tx, now: Date): Promise<void> {
  await tx.execute(sql`
    with recursive tree(id, p, d) as (
      select id, '/' || id::text || '/', 0 from org_units where parent_id is null
      union all
      select u.id, tree.p || u.id::text || '/', tree.d + 1 from org_units u join tree on u.parent_id = tree.id
    )
    update org_units u set path = tree.p, depth = tree.d, updated_at = ${now} from tree where u.id = tree.id and (u.path <> tree.p or u.depth <> tree.d)`);
  await tx.execute(sql`update employees e set org_path = u.path from org_units u where u.id = e.unit_id and e.org_path <> u.path`);
}

async function merge(k: KindContext): Promise<void> {
  const { tx, batchId: b, present, now } = k;
  await tx.execute(sql`
    insert into import_snapshots (batch_id, entity, entity_id, before)
    select ${b}, 'org_unit', u.id, ${state('u')} from import_rows r join org_units u on u.code = ${field('code')} where r.batch_id = ${b} and r.action = 'update'`);
  await tx.execute(sql`
    insert into org_units (id, code, name, name_en, type, parent_id, path, depth, region, city, legal_name, credit_code, union_contact, wecom_dept_id, sort_order, active, created_at, updated_at)
    select gen_random_uuid(), ${field('code')}, ${field('name')}, ${field('name_en')}, ${field('type')}, null, '', 0, ${field('region')}, ${field('city')},
      ${field('legal_name')}, ${field('credit_code')}, ${field('union_contact')}, (r.data->>'wecom_dept_id')::int, coalesce((r.data->>'sort_order')::int, r.row_number), true, ${now}, ${now}
    from import_rows r where r.batch_id = ${b} and r.action = 'create'`);
  const sets = plain.filter((p) => present.has(p.key)).map((p) => (p.key === 'sort_order' ? sql`sort_order = coalesce(${value(p)}, u.sort_order)` : sql`${sql.raw(p.col)} = ${value(p)}`));
  await tx.execute(sql`
    update org_units u set ${sql.join([...sets, sql`updated_at = ${now}`], sql`, `)}
    from import_rows r where r.batch_id = ${b} and r.action = 'update' and u.code = ${field('code')}`);
  await tx.execute(sql`
    update org_units u set parent_id = p.id from import_rows r join org_units p on p.code = ${field('parent_code')}
    where r.batch_id = ${b} and r.action in ('create', 'update') and u.code = ${field('code')} and u.parent_id is distinct from p.id`);
  for (const [key, col] of [
    ['leader_no', 'leader_id'],
    ['hr_head_no', 'hr_head_id'],
  ] as const) {
    if (!present.has(key)) continue;
    await tx.execute(sql`
      update org_units u set ${sql.raw(col)} = e.id from import_rows r left join employees e on e.employee_no = ${field(key)}
      where r.batch_id = ${b} and r.action in ('create', 'update') and u.code = ${field('code')} and u.${sql.raw(col)} is distinct from e.id`);
  }
  await rebuildPaths(tx, now);
  await tx.execute(sql`
    insert into import_snapshots (batch_id, entity, entity_id, before, after)
    select ${b}, 'org_unit', u.id, null, ${state('u')} from import_rows r join org_units u on u.code = ${field('code')} where r.batch_id = ${b} and r.action = 'create'`);
  await tx.execute(sql`update import_snapshots s set after = ${state('u')} from org_units u where s.batch_id = ${b} and s.entity = 'org_unit' and s.before is not null and u.id = s.entity_id`);
}

async function rollback(k: KindContext): Promise<{ restored: number; removed: number }> {
  const { tx, batchId: b, now } = k;
  const db = tx as unknown as Db;
  const changed = await queryRows<{ code: string }>(db, sql`
    select coalesce(u.code, '(已删除)') as code from import_snapshots s left join org_units u on u.id = s.entity_id
    where s.batch_id = ${b} and s.entity = 'org_unit' and (u.id is null or ${state('u')} <> s.after) limit 6`);
  if (changed.length > 0) throw new AppError('CONFLICT', `导入之后这些组织又被修改过，不能回滚：${changed.slice(0, 5).map((c) => c.code).join('、')}`);
  const created = sql`select entity_id from import_snapshots where batch_id = ${b} and entity = 'org_unit' and before is null`;
  const used = await queryRows<{ code: string; why: string }>(db, sql`
    select u.code, '已有员工' as why from org_units u where u.id in (${created}) and exists (select 1 from employees e where e.unit_id = u.id)
    union all
    select u.code, '是劳动合同的用人单位' from org_units u where u.id in (${created}) and exists (select 1 from labor_contracts c where c.employer_id = u.id)
    union all
    select u.code, '有角色授权' from org_units u where u.id in (${created}) and exists (select 1 from role_grants g where g.unit_id = u.id)
    union all
    select u.code, '有 HRBP' from org_units u where u.id in (${created}) and exists (select 1 from org_unit_hrbps h where h.unit_id = u.id)
    union all
    select p.code, '下面有其他组织' from org_units c join org_units p on p.id = c.parent_id
    where p.id in (${created}) and c.id not in (select entity_id from import_snapshots where batch_id = ${b} and entity = 'org_unit')
    limit 6`);
  if (used.length > 0) throw new AppError('CONFLICT', `导入新建的组织已被使用，不能回滚：${used.slice(0, 5).map((u) => `${u.code}（${u.why}）`).join('、')}`);
  const cols = ['name', 'name_en', 'type', 'parent_id', 'region', 'city', 'leader_id', 'hr_head_id', 'legal_name', 'credit_code', 'union_contact', 'wecom_dept_id', 'sort_order'];
  const restored = await queryRows<{ n: number }>(db, sql`
    with done as (
      update org_units u set ${sql.raw(cols.map((c) => `${c} = p.${c}`).join(', '))}, updated_at = ${now}
      from import_snapshots s cross join lateral jsonb_populate_record(null::org_units, s.before) p
      where s.batch_id = ${b} and s.entity = 'org_unit' and s.before is not null and u.id = s.entity_id returning 1)
    select count(*)::int as n from done`);
  const removed = await queryRows<{ n: number }>(db, sql`with gone as (delete from org_units where id in (${created}) returning 1) select count(*)::int as n from gone`);
  await rebuildPaths(tx, now);
  return { restored: restored[0]?.n ?? 0, removed: removed[0]?.n ?? 0 };
}

/** 组织架构导入: upsert by unit code; parents may come from the same file, moves rewrite paths. */
export const orgUnitsImport: ImportKind = {
  type: 'org_units',
  label: m('组织架构', 'Org units'),
  columns,
  allowed: (access) => access.orgWrite === 'all' || access.orgWrite.length > 0,
  refineRow,
  validate,
  classify,
  merge,
  rollback,
};
