import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { check, field, type ImportKind, type KindColumn, type RowIssue } from '../import/import.kind.ts';
import { parseChoice, parseDate, parseText } from '../import/import.values.ts';
import { weekday } from './working-days.ts';

const m = (zh: string, en: string) => ({ zh, en });

const columns: KindColumn[] = [
  { key: 'date', required: true, aliases: ['日期', 'Date', '放假日期', '调休日期'], label: m('日期', 'Date'), hint: m('如 2027-02-06', 'e.g. 2027-02-06'), parse: parseDate },
  {
    key: 'kind',
    required: true,
    aliases: ['类型', 'Type', '休/班', '放假/上班'],
    label: m('类型', 'Type'),
    hint: m('休（法定节假日）或 班（调休上班）', 'holiday, or workday (a make-up working day)'),
    parse: (t) => parseChoice(t, { holiday: ['休', '放假', '节假日', '假'], workday: ['班', '上班', '调休上班', '补班'] }),
  },
  { key: 'name', required: true, aliases: ['名称', 'Name', '节日', '假日名称'], label: m('名称', 'Name'), hint: m('如 春节', 'e.g. Spring Festival'), parse: (t) => parseText(t, 50) },
  { key: 'city', required: false, aliases: ['城市', 'City', '适用城市'], label: m('城市', 'City'), hint: m('留空为全国', 'Blank: national'), parse: (t) => parseText(t, 50) },
];

const cityOf = sql`coalesce(r.data->>'city', '')`;

function refineRow(d: Record<string, unknown>): RowIssue[] {
  // a make-up working day only means something on a weekend; on a weekday it is a typo
  if (d.kind === 'workday' && typeof d.date === 'string' && ![0, 6].includes(weekday(d.date))) {
    return [{ column: 'kind', code: 'WORKDAY_ON_WEEKDAY', value: d.date, message: m(`${d.date} 本来就是工作日，调休上班日应在周末`, `${d.date} is a weekday already; a make-up working day falls on a weekend`) }];
  }
  return [];
}

/** The holiday calendar through the import path: one row per date (and city), upserted by (city, date). */
export const calendarImport: ImportKind = {
  type: 'holidays',
  label: m('节假日日历', 'Holiday calendar'),
  columns,
  allowed: (access) => access.roles.has('sys_admin') || access.roles.has('group_hr'),
  refineRow,
  async validate(k) {
    await check(k, 'date', 'DUPLICATE_KEY', sql`'与第 ' || x.first || ' 行是同一城市的同一天'`, sql`'Same city and date as row ' || x.first`, sql`
      select row_number, value, first from (
        select r.row_number, ${field('date')} as value, min(r.row_number) over (partition by ${cityOf}, ${field('date')}) as first
        from import_rows r where r.batch_id = ${k.batchId}) d
      where d.row_number <> d.first`);
  },
  async classify(k) {
    await k.tx.execute(sql`
      update import_rows u set action = x.action, target_id = coalesce(x.id, gen_random_uuid()) from (
        select r.row_number, c.id,
          case when c.id is null then 'create' when c.kind is distinct from ${field('kind')} or c.name is distinct from ${field('name')} then 'update' else 'unchanged' end as action
        from import_rows r left join calendar_days c on c.city = ${cityOf} and c.day = (${field('date')})::date
        where r.batch_id = ${k.batchId}) x
      where u.batch_id = ${k.batchId} and u.row_number = x.row_number`);
    await k.step();
  },
  async merge(k) {
    const b = k.batchId;
    await k.tx.execute(sql`
      insert into import_snapshots (batch_id, entity, entity_id, before)
      select ${b}, 'calendar_day', c.id, to_jsonb(c) from import_rows r join calendar_days c on c.id = r.target_id where r.batch_id = ${b} and r.action = 'update'`);
    await k.tx.execute(sql`
      update calendar_days c set kind = ${field('kind')}, name = ${field('name')}, updated_by = ${k.access.userId}, updated_at = ${k.now}
      from import_rows r where r.batch_id = ${b} and r.action = 'update' and c.id = r.target_id`);
    await k.tx.execute(sql`
      insert into calendar_days (id, city, day, kind, name, updated_by, updated_at)
      select r.target_id, ${cityOf}, (${field('date')})::date, ${field('kind')}, ${field('name')}, ${k.access.userId}, ${k.now}
      from import_rows r where r.batch_id = ${b} and r.action = 'create'`);
    await k.tx.execute(sql`
      insert into import_snapshots (batch_id, entity, entity_id) select ${b}, 'calendar_day', r.target_id from import_rows r where r.batch_id = ${b} and r.action = 'create'`);
    await k.step();
  },
  async rollback(k) {
    const b = k.batchId;
    const db = k.tx as Db;
    const changed = await queryRows<{ day: string }>(db, sql`
      select c.day::text as day from import_snapshots s join calendar_days c on c.id = s.entity_id
      where s.batch_id = ${b} and s.entity = 'calendar_day' and c.updated_at > ${k.mergedAt} limit 1`);
    if (changed.length > 0) throw new AppError('CONFLICT', `导入之后 ${changed[0]!.day} 又被修改过，不能回滚`);
    const restored = await queryRows<{ n: number }>(db, sql`
      with done as (
        update calendar_days c set kind = p.kind, name = p.name, updated_by = p.updated_by, updated_at = p.updated_at
        from import_snapshots s cross join lateral jsonb_populate_record(null::calendar_days, s.before) p
        where s.batch_id = ${b} and s.entity = 'calendar_day' and s.before is not null and c.id = s.entity_id returning 1)
      select count(*)::int as n from done`);
    const removed = await queryRows<{ n: number }>(db, sql`
      with gone as (delete from calendar_days c using import_snapshots s where s.batch_id = ${b} and s.entity = 'calendar_day' and s.before is null and c.id = s.entity_id returning 1)
      select count(*)::int as n from gone`);
    return { restored: restored[0]?.n ?? 0, removed: removed[0]?.n ?? 0 };
  },
};
