import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { pathInScope } from '../access/access.ts';
import { check, field, type ImportKind, type KindColumn, type KindContext, type RowIssue } from '../import/import.kind.ts';
import { parseChoice, parseCode, parseDate, parseInteger, parseText, type Parsed } from '../import/import.values.ts';

const m = (zh: string, en: string) => ({ zh, en });
const text = (max: number) => (t: string) => parseText(t, max);

/** A decimal, optionally with a % sign (achievement "85%" or "85"). */
function parseDecimal(t: string, min: number, max: number): Parsed<number> {
  const s = t.trim().replace(/,/g, '').replace(/%$/, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return { ok: false, code: 'BAD_NUMBER', message: m(`应为数字：${t}`, `Not a number: ${t}`) };
  const n = Number(s);
  if (n < min || n > max) return { ok: false, code: 'OUT_OF_RANGE', message: m(`数值应在 ${min} 到 ${max} 之间：${t}`, `Must be between ${min} and ${max}: ${t}`) };
  return { ok: true, value: n };
}

const employeeNo: KindColumn = { key: 'employee_no', required: true, aliases: ['工号', 'Employee No.', '员工编号', '员工工号'], label: m('工号', 'Employee No.'), hint: m('系统中已有的员工', 'An employee in the system'), parse: (t) => parseCode(t) };

type Field = { key: string; col: string; cast?: 'numeric' | 'int' | 'date' | 'tags' | 'sentiment'; /** computed even without its column */ always?: boolean };
const val = (f: Field): SQL => {
  switch (f.cast) {
    case 'numeric':
      return sql.raw(`(r.data->>'${f.key}')::numeric`);
    case 'int':
      return sql.raw(`(r.data->>'${f.key}')::int`);
    case 'date':
      return sql.raw(`(r.data->>'${f.key}')::date`);
    case 'tags':
      return sql.raw(`case when jsonb_typeof(r.data->'${f.key}') = 'array' then array(select jsonb_array_elements_text(r.data->'${f.key}')) else '{}'::text[] end`);
    case 'sentiment':
      // a missing sentiment follows the rating: 1–2 negative, 3 neutral, 4–5 positive
      return sql.raw(`coalesce(r.data->>'sentiment', case when (r.data->>'rating')::int <= 2 then 'negative' when (r.data->>'rating')::int = 3 then 'neutral' else 'positive' end)`);
    default:
      return field(f.key);
  }
};

/**
 * An import of per-employee records upserted by a natural key (results by employee and cycle, logs
 * by employee, date and summary…). The kinds differ in columns, key and extra checks only.
 */
type Spec = {
  db: Db;
  type: ImportKind['type'];
  label: { zh: string; en: string };
  columns: KindColumn[];
  table: string;
  /** joins after `import_rows r join employees e` that the key and values need (aliases of the kind's own) */
  joins: SQL;
  /** the existing row t for the staged row: a condition on t, r, e and the joins */
  match: SQL;
  /** the key columns of a new row */
  keyCols: { col: string; value: SQL }[];
  /** the natural key within the file, to find duplicates */
  fileKey: SQL;
  fields: Field[];
  refineRow?(d: Record<string, unknown>, present: ReadonlySet<string>): RowIssue[];
  checks?(k: KindContext): Promise<void>;
  /** results keep a change record for every correction */
  changes?: boolean;
  afterCommit?(employeeIds: string[] | null): Promise<void>;
};

function upsertKind(s: Spec): ImportKind {
  const t = sql.raw(s.table);
  const source = (k: KindContext) => (k.origin === 'api' ? 'api' : 'import');
  const present = (k: KindContext) => s.fields.filter((f) => f.always || k.present.has(f.key));
  const staged = (b: string) => sql`from import_rows r join employees e on e.employee_no = ${field('employee_no')} ${s.joins} where r.batch_id = ${b}`;
  return {
    type: s.type,
    label: s.label,
    columns: s.columns,
    allowed: (access) => access.hr === 'all' || access.hr.length > 0,
    refineRow: (d, p) => s.refineRow?.(d, p) ?? [],
    async validate(k) {
      const b = k.batchId;
      await check(k, null, 'DUPLICATE_KEY', sql`'与第 ' || x.first || ' 行重复'`, sql`'Same as row ' || x.first`, sql`
        select row_number, null::text as value, first from (
          select r.row_number, min(r.row_number) over (partition by ${s.fileKey}) as first from import_rows r where r.batch_id = ${b}) d
        where d.row_number <> d.first`);
      await check(k, 'employee_no', 'UNKNOWN_EMPLOYEE', sql`'系统中没有工号为 ' || x.value || ' 的员工'`, sql`'No employee with employee no. ' || x.value`, sql`
        select r.row_number, ${field('employee_no')} as value from import_rows r left join employees e on e.employee_no = ${field('employee_no')}
        where r.batch_id = ${b} and ${field('employee_no')} is not null and e.id is null`);
      await check(k, 'employee_no', 'OUT_OF_SCOPE', sql`'员工 ' || x.value || ' 不在您的管理范围内'`, sql`'Employee ' || x.value || ' is outside your scope'`, sql`
        select r.row_number, ${field('employee_no')} as value from import_rows r join employees e on e.employee_no = ${field('employee_no')}
        where r.batch_id = ${b} and not ${pathInScope(sql`e.org_path`, k.access.hr)}`);
      await s.checks?.(k);
    },
    async classify(k) {
      const diff = present(k).map((f) => sql`t.${sql.raw(f.col)} is distinct from ${val(f)}`);
      await k.tx.execute(sql`
        update import_rows u set action = x.action, target_id = coalesce(x.id, gen_random_uuid()) from (
          select r.row_number, t.id, case when t.id is null then 'create' when ${diff.length ? sql.join(diff, sql` or `) : sql`false`} then 'update' else 'unchanged' end as action
          from import_rows r join employees e on e.employee_no = ${field('employee_no')} ${s.joins}
          left join ${t} t on ${s.match}
          where r.batch_id = ${k.batchId}) x
        where u.batch_id = ${k.batchId} and u.row_number = x.row_number`);
      await k.step();
    },
    async merge(k) {
      const b = k.batchId;
      const fields = present(k);
      await k.tx.execute(sql`
        insert into import_snapshots (batch_id, entity, entity_id, before)
        select ${b}, ${s.table}, t.id, to_jsonb(t) from import_rows r join ${t} t on t.id = r.target_id where r.batch_id = ${b} and r.action = 'update'`);
      const extraCols = s.table === 'performance_results' ? sql`, unit_id, version, updated_at` : sql``;
      const extraVals = s.table === 'performance_results' ? sql`, e.unit_id, 1, ${k.now}` : sql``;
      await k.tx.execute(sql`
        insert into ${t} (id, ${sql.raw(s.keyCols.map((c) => c.col).join(', '))}${fields.length ? sql.raw(`, ${fields.map((f) => f.col).join(', ')}`) : sql``}, source, created_at${extraCols})
        select r.target_id, ${sql.join(
          s.keyCols.map((c) => c.value),
          sql`, `,
        )}${fields.length ? sql`, ${sql.join(fields.map(val), sql`, `)}` : sql``}, ${source(k)}, ${k.now}${extraVals}
        ${staged(b)} and r.action = 'create'`);
      if (fields.length > 0) {
        const bump = s.table === 'performance_results' ? sql`, version = t.version + 1, unit_id = e.unit_id, updated_at = ${k.now}` : sql``;
        await k.tx.execute(sql`
          update ${t} t set ${sql.join(
            fields.map((f) => sql`${sql.raw(f.col)} = ${val(f)}`),
            sql`, `,
          )}, source = ${source(k)}${bump}
          ${staged(b)} and r.action = 'update' and t.id = r.target_id`);
      }
      if (s.changes) {
        await k.tx.execute(sql`
          insert into performance_result_changes (id, result_id, before, after, reason, actor_id, source, at)
          select gen_random_uuid(), s.entity_id, s.before, to_jsonb(t), ${`${k.origin === 'api' ? '接口更正' : '导入更正'}：${k.fileName}`.slice(0, 500)}, ${k.audit.actorId}, ${source(k)}, ${k.now}
          from import_snapshots s join ${t} t on t.id = s.entity_id where s.batch_id = ${b} and s.entity = ${s.table} and s.before is not null`);
      }
      await k.tx.execute(sql`
        insert into import_snapshots (batch_id, entity, entity_id) select ${b}, ${s.table}, r.target_id from import_rows r where r.batch_id = ${b} and r.action = 'create'`);
    },
    async rollback(k) {
      const b = k.batchId;
      const db = k.tx as Db;
      if (s.table === 'performance_results') {
        const changed = await queryRows<{ id: string }>(db, sql`
          select s.entity_id as id from import_snapshots s join performance_results t on t.id = s.entity_id
          where s.batch_id = ${b} and s.entity = ${s.table} and t.updated_at > ${k.mergedAt} limit 1`);
        if (changed.length > 0) throw new AppError('CONFLICT', '导入之后这些结果又被更正过，不能回滚');
      }
      const later = await queryRows<{ id: string }>(db, sql`
        select s.entity_id as id from import_snapshots s
        join import_snapshots s2 on s2.entity = s.entity and s2.entity_id = s.entity_id and s2.batch_id <> s.batch_id
        join import_batches b2 on b2.id = s2.batch_id and b2.status = 'merged' and b2.merged_at > ${k.mergedAt}
        where s.batch_id = ${b} limit 1`);
      if (later.length > 0) throw new AppError('CONFLICT', '之后的导入又修改了这些记录，请先回滚之后的导入');
      const cols = [...s.keyCols.map((c) => c.col), ...s.fields.map((f) => f.col), 'source'];
      const restored = await queryRows<{ n: number }>(db, sql`
        with done as (
          update ${t} t set ${sql.raw(cols.map((c) => `${c} = p.${c}`).join(', '))}
          from import_snapshots s cross join lateral jsonb_populate_record(null::${t}, s.before) p
          where s.batch_id = ${b} and s.entity = ${s.table} and s.before is not null and t.id = s.entity_id returning 1)
        select count(*)::int as n from done`);
      const removed = await queryRows<{ n: number }>(db, sql`
        with gone as (delete from ${t} t using import_snapshots s where s.batch_id = ${b} and s.entity = ${s.table} and s.before is null and t.id = s.entity_id returning 1)
        select count(*)::int as n from gone`);
      return { restored: restored[0]?.n ?? 0, removed: removed[0]?.n ?? 0 };
    },
    async afterCommit(batchId) {
      if (!s.afterCommit) return;
      // the people the batch touched (staging rows are kept until the nightly clean-up)
      const rows = await queryRows<{ id: string }>(s.db, sql`select distinct e.id from import_rows r join employees e on e.employee_no = ${field('employee_no')} where r.batch_id = ${batchId}`);
      await s.afterCommit(rows.length > 0 ? rows.map((r) => r.id) : null);
    },
  };
}

/** The three performance imports; after each merge the rules are re-evaluated for the people touched. */
export function performanceImports(deps: { db: Db; evaluate(employeeIds: string[] | null): Promise<void> }): ImportKind[] {
  const after = (ids: string[] | null) => deps.evaluate(ids);
  const results = upsertKind({
    db: deps.db,
    type: 'performance_results',
    label: m('绩效结果', 'Performance results'),
    table: 'performance_results',
    columns: [
      employeeNo,
      { key: 'cycle_code', required: true, aliases: ['周期编码', 'Cycle code', '考核周期编码', '周期'], label: m('周期编码', 'Cycle code'), hint: m('如 2026Q1', 'e.g. 2026Q1'), parse: (t) => parseCode(t) },
      { key: 'score', required: false, aliases: ['得分', 'Score', '绩效得分', '分数'], label: m('得分', 'Score'), hint: m('数字', 'A number'), parse: (t) => parseDecimal(t, 0, 100000) },
      { key: 'target', required: false, aliases: ['目标', 'Target', '目标值'], label: m('目标', 'Target'), hint: m('数字', 'A number'), parse: (t) => parseDecimal(t, 0, 1e10) },
      { key: 'achievement', required: false, aliases: ['达成率', 'Achievement', '完成率', '达成率(%)', 'achievement %'], label: m('达成率(%)', 'Achievement %'), hint: m('如 85 或 85%', 'e.g. 85 or 85%'), parse: (t) => parseDecimal(t, 0, 1000) },
      { key: 'grade', required: false, aliases: ['等级', 'Grade', '绩效等级', '考核等级'], label: m('等级', 'Grade'), hint: m('周期的等级，如 S/A/B/C/D', "One of the cycle's grades, e.g. S/A/B/C/D"), parse: text(10) },
      { key: 'evaluator_no', required: false, aliases: ['评价人工号', 'Evaluator No.', '评价人', '考核人工号'], label: m('评价人工号', 'Evaluator No.'), hint: m('', ''), parse: (t) => parseCode(t) },
      { key: 'comment', required: false, aliases: ['评语', 'Comment', '备注', '评价'], label: m('评语', 'Comment'), hint: m('', ''), parse: text(2000) },
    ],
    joins: sql`left join performance_cycles c on c.code = ${field('cycle_code')} left join employees ev on ev.employee_no = ${field('evaluator_no')}`,
    match: sql`t.employee_id = e.id and t.cycle_id = c.id`,
    keyCols: [
      { col: 'employee_id', value: sql`e.id` },
      { col: 'cycle_id', value: sql`c.id` },
    ],
    fileKey: sql`${field('employee_no')}, ${field('cycle_code')}`,
    fields: [
      { key: 'score', col: 'score', cast: 'numeric' },
      { key: 'target', col: 'target', cast: 'numeric' },
      { key: 'achievement', col: 'achievement', cast: 'numeric' },
      { key: 'grade', col: 'grade' },
      { key: 'comment', col: 'comment' },
    ],
    changes: true,
    refineRow(d, p) {
      const anyValue = ['score', 'achievement', 'grade'].some((k) => d[k] !== null && d[k] !== undefined);
      return ['score', 'achievement', 'grade'].some((k) => p.has(k)) && !anyValue ? [{ column: null, code: 'NO_VALUE', message: m('得分、达成率和等级至少填写一项', 'Give a score, an achievement or a grade') }] : [];
    },
    async checks(k) {
      const b = k.batchId;
      await check(k, 'cycle_code', 'UNKNOWN_CYCLE', sql`'没有编码为 ' || x.value || ' 的考核周期'`, sql`'No cycle with code ' || x.value`, sql`
        select r.row_number, ${field('cycle_code')} as value from import_rows r left join performance_cycles c on c.code = ${field('cycle_code')}
        where r.batch_id = ${b} and c.id is null`);
      await check(k, 'cycle_code', 'CYCLE_NOT_APPLICABLE', sql`'员工不属于周期 ' || x.value || ' 所属的单位'`, sql`'The employee is not in the unit of cycle ' || x.value`, sql`
        select r.row_number, ${field('cycle_code')} as value from import_rows r join performance_cycles c on c.code = ${field('cycle_code')}
        join org_units o on o.id = c.owner_unit_id join employees e on e.employee_no = ${field('employee_no')}
        where r.batch_id = ${b} and e.org_path not like o.path || '%'`);
      await check(k, 'grade', 'BAD_GRADE', sql`'等级 ' || x.value || ' 不在周期的等级中（' || x.scale || '）'`, sql`'Grade ' || x.value || ' is not in the cycle scale (' || x.scale || ')'`, sql`
        select r.row_number, ${field('grade')} as value, array_to_string(c.grades, '/') as scale from import_rows r join performance_cycles c on c.code = ${field('cycle_code')}
        where r.batch_id = ${b} and ${field('grade')} is not null and not (${field('grade')} = any(c.grades))`);
      if (k.present.has('evaluator_no')) {
        await check(k, 'evaluator_no', 'UNKNOWN_EMPLOYEE', sql`'系统中没有工号为 ' || x.value || ' 的评价人'`, sql`'No evaluator with employee no. ' || x.value`, sql`
          select r.row_number, ${field('evaluator_no')} as value from import_rows r left join employees e on e.employee_no = ${field('evaluator_no')}
          where r.batch_id = ${b} and ${field('evaluator_no')} is not null and e.id is null`);
      }
    },
    afterCommit: after,
  });
  const logs = upsertKind({
    db: deps.db,
    type: 'work_logs',
    label: m('工作日志', 'Work logs'),
    table: 'work_logs',
    columns: [
      employeeNo,
      { key: 'date', required: true, aliases: ['日期', 'Date', '工作日期'], label: m('日期', 'Date'), hint: m('如 2026-03-02', 'e.g. 2026-03-02'), parse: parseDate },
      { key: 'hours', required: true, aliases: ['工时', 'Hours', '小时数', '工时(小时)'], label: m('工时', 'Hours'), hint: m('0–24', '0–24'), parse: (t) => parseDecimal(t, 0, 24) },
      { key: 'summary', required: true, aliases: ['工作内容', 'Summary', '内容', '摘要'], label: m('工作内容', 'Summary'), hint: m('最多 2000 字', 'Up to 2,000 characters'), parse: text(2000) },
      { key: 'tags', required: false, aliases: ['标签', 'Tags'], label: m('标签', 'Tags'), hint: m('用逗号分隔', 'Separated by commas'), parse: (t) => ({ ok: true, value: t.split(/[,，;；、]/).map((x) => x.trim()).filter(Boolean).slice(0, 20) }) },
    ],
    joins: sql``,
    match: sql`t.employee_id = e.id and t.date = (r.data->>'date')::date and md5(t.summary) = md5(${field('summary')})`,
    keyCols: [
      { col: 'employee_id', value: sql`e.id` },
      { col: 'date', value: sql`(r.data->>'date')::date` },
      { col: 'summary', value: field('summary') },
    ],
    fileKey: sql`${field('employee_no')}, ${field('date')}, ${field('summary')}`,
    fields: [
      { key: 'hours', col: 'hours', cast: 'numeric' },
      { key: 'tags', col: 'tags', cast: 'tags' },
    ],
  });
  const feedback = upsertKind({
    db: deps.db,
    type: 'customer_feedback',
    label: m('客户反馈', 'Customer feedback'),
    table: 'customer_feedback',
    columns: [
      employeeNo,
      { key: 'date', required: true, aliases: ['日期', 'Date', '反馈日期'], label: m('日期', 'Date'), hint: m('如 2026-03-02', 'e.g. 2026-03-02'), parse: parseDate },
      { key: 'customer', required: true, aliases: ['客户', 'Customer', '客户名称'], label: m('客户', 'Customer'), hint: m('', ''), parse: text(200) },
      { key: 'channel', required: true, aliases: ['渠道', 'Channel', '反馈渠道'], label: m('渠道', 'Channel'), hint: m('如 电话、回访、工单', 'e.g. phone, survey, ticket'), parse: text(50) },
      { key: 'rating', required: true, aliases: ['评分', 'Rating', '满意度'], label: m('评分', 'Rating'), hint: m('1–5', '1–5'), parse: (t) => parseInteger(t, 1, 5) },
      { key: 'sentiment', required: false, aliases: ['情感', 'Sentiment', '倾向', '评价倾向'], label: m('倾向', 'Sentiment'), hint: m('正面 / 中性 / 负面，空则按评分', 'positive / neutral / negative; empty: from the rating'), parse: (t) => parseChoice(t, { positive: ['正面', '好评'], neutral: ['中性', '一般'], negative: ['负面', '差评', '投诉'] }) },
      { key: 'text', required: false, aliases: ['内容', 'Text', '反馈内容', '意见'], label: m('反馈内容', 'Text'), hint: m('', ''), parse: text(4000) },
    ],
    joins: sql``,
    match: sql`t.employee_id = e.id and t.date = (r.data->>'date')::date and t.customer = ${field('customer')} and md5(t.text) = md5(coalesce(${field('text')}, ''))`,
    keyCols: [
      { col: 'employee_id', value: sql`e.id` },
      { col: 'date', value: sql`(r.data->>'date')::date` },
      { col: 'customer', value: field('customer') },
      { col: 'text', value: sql`coalesce(${field('text')}, '')` },
    ],
    fileKey: sql`${field('employee_no')}, ${field('date')}, ${field('customer')}, coalesce(${field('text')}, '')`,
    fields: [
      { key: 'channel', col: 'channel' },
      { key: 'rating', col: 'rating', cast: 'int' },
      { key: 'sentiment', col: 'sentiment', cast: 'sentiment', always: true },
    ],
    afterCommit: after,
  });
  return [results, logs, feedback];
}
