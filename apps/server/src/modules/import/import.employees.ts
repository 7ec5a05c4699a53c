import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { pathInScope } from '../access/access.ts';
import { rebuildReportPaths } from '../people/reporting-line.ts';
import { field, check, type ImportKind, type KindColumn, type KindContext, type RowIssue } from './import.kind.ts';
import { parseChoice, parseCode, parseDate, parseEmail, parseMobile, parseNationalId, parseText } from './import.values.ts';

const text = (max: number) => (t: string) => parseText(t, max);
const m = (zh: string, en: string) => ({ zh, en });

const columns: KindColumn[] = [
  { key: 'employee_no', required: true, aliases: ['工号', 'Employee No.', '员工编号', '员工工号', 'employee number', 'emp no'], label: m('工号', 'Employee No.'), hint: m('唯一，字母数字', 'Unique; letters and digits'), parse: (t) => parseCode(t) },
  { key: 'name', required: true, aliases: ['姓名', 'Name', '员工姓名', 'full name'], label: m('姓名', 'Name'), hint: m('最多 50 字', 'Up to 50 characters'), parse: text(50) },
  { key: 'gender', required: true, aliases: ['性别', 'Gender', 'sex'], label: m('性别', 'Gender'), hint: m('男 / 女', 'male / female'), parse: (t) => parseChoice(t, { male: ['男', 'M'], female: ['女', 'F'] }) },
  { key: 'birth_date', required: false, aliases: ['出生日期', 'Birth date', '生日', 'date of birth', 'birthday'], label: m('出生日期', 'Birth date'), hint: m('如 1990-05-01', 'e.g. 1990-05-01'), parse: parseDate },
  { key: 'unit_code', required: true, aliases: ['部门编码', 'Unit code', '组织编码', '所属部门编码', '部门代码', 'department code', 'org code'], label: m('部门编码', 'Unit code'), hint: m('组织架构中的编码', 'The code of a unit in the org tree'), parse: (t) => parseCode(t) },
  { key: 'position', required: true, aliases: ['岗位', 'Position', '职位', 'job title', 'title'], label: m('岗位', 'Position'), hint: m('如 销售代表', 'e.g. Sales representative'), parse: text(100) },
  { key: 'grade', required: true, aliases: ['职级', 'Grade', '级别', 'level', 'job grade'], label: m('职级', 'Grade'), hint: m('如 P5、M2', 'e.g. P5, M2'), parse: text(20) },
  { key: 'manager_no', required: false, aliases: ['直属上级工号', 'Manager No.', '上级工号', '汇报对象工号', 'manager employee no.', 'manager number'], label: m('直属上级工号', 'Manager No.'), hint: m('上级的工号，可在同一文件中', "The manager's employee no.; may be in the same file"), parse: (t) => parseCode(t) },
  { key: 'hire_date', required: true, aliases: ['入职日期', 'Hire date', '入职时间', 'start date', 'date of hire'], label: m('入职日期', 'Hire date'), hint: m('如 2021-03-01', 'e.g. 2021-03-01'), parse: parseDate },
  { key: 'service_start_date', required: false, aliases: ['连续工龄起算日', 'Service start date', '工龄起算日期', '司龄起算日'], label: m('连续工龄起算日', 'Service start date'), hint: m('空则取入职日期', 'Empty: the hire date'), parse: parseDate },
  { key: 'status', required: false, aliases: ['员工状态', 'Status', '状态', '在职状态', 'employment status'], label: m('员工状态', 'Status'), hint: m('试用 / 在职 / 休假 / 离职，空为在职', 'probation / active / on_leave / left; empty: active'), parse: (t) => parseChoice(t, { probation: ['试用', '试用期'], active: ['在职', '正式'], on_leave: ['休假', '长期休假', '停薪留职'], left: ['离职', '已离职'] }) },
  { key: 'leave_date', required: false, aliases: ['离职日期', 'Leave date', '离职时间'], label: m('离职日期', 'Leave date'), hint: m('状态为离职时必填', 'Required when the status is left'), parse: parseDate },
  { key: 'leave_reason', required: false, aliases: ['离职原因', 'Leave reason'], label: m('离职原因', 'Leave reason'), hint: m('', ''), parse: text(200) },
  { key: 'email', required: false, sensitive: true, aliases: ['邮箱', 'Email', '电子邮箱', '工作邮箱', 'e-mail'], label: m('邮箱', 'Email'), hint: m('加密存储', 'Stored encrypted'), parse: parseEmail },
  { key: 'mobile', required: false, sensitive: true, aliases: ['手机号', 'Mobile', '手机', '手机号码', '联系电话', 'phone'], label: m('手机号', 'Mobile'), hint: m('11 位，加密存储', '11 digits; stored encrypted'), parse: parseMobile },
  { key: 'national_id', required: false, sensitive: true, aliases: ['身份证号', 'National ID', '身份证号码', '证件号码', 'id number'], label: m('身份证号', 'National ID'), hint: m('18 位，加密存储', '18 characters; stored encrypted'), parse: parseNationalId },
  { key: 'wecom_userid', required: false, aliases: ['企业微信账号', 'WeCom user ID', '企业微信ID', '企微账号', 'wecom id'], label: m('企业微信账号', 'WeCom user ID'), hint: m('企业微信通讯录的账号', 'The account in the WeCom directory'), parse: text(64) },
  { key: 'contract_type', required: false, aliases: ['合同类型', 'Contract type', '劳动合同类型'], label: m('合同类型', 'Contract type'), hint: m('固定期限 / 无固定期限 / 以完成一定工作任务为期限', 'fixed_term / open_ended / project'), parse: (t) => parseChoice(t, { fixed_term: ['固定期限', '固定期限劳动合同'], open_ended: ['无固定期限', '无固定期限劳动合同'], project: ['以完成一定工作任务为期限', '项目'] }) },
  { key: 'contract_start', required: false, aliases: ['合同开始日期', 'Contract start', '合同起始日', '合同开始'], label: m('合同开始日期', 'Contract start'), hint: m('填写合同类型时必填', 'Required with a contract type'), parse: parseDate },
  { key: 'contract_end', required: false, aliases: ['合同结束日期', 'Contract end', '合同终止日', '合同到期日', '合同结束'], label: m('合同结束日期', 'Contract end'), hint: m('固定期限合同必填', 'Required for a fixed-term contract'), parse: parseDate },
  { key: 'employer_code', required: false, aliases: ['用人单位编码', 'Employer code', '合同主体编码', '签约主体编码'], label: m('用人单位编码', 'Employer code'), hint: m('空则取部门所属子公司', 'Empty: the subsidiary above the unit'), parse: (t) => parseCode(t) },
];

/** Plain columns copied as they are; keep: an empty cell keeps the current value (NOT NULL columns). */
const plain: { key: string; col: string; date?: boolean; keep?: boolean }[] = [
  { key: 'name', col: 'name' },
  { key: 'gender', col: 'gender' },
  { key: 'birth_date', col: 'birth_date', date: true },
  { key: 'position', col: 'position' },
  { key: 'grade', col: 'grade' },
  { key: 'hire_date', col: 'hire_date', date: true },
  { key: 'service_start_date', col: 'service_start_date', date: true, keep: true },
  { key: 'status', col: 'status', keep: true },
  { key: 'leave_date', col: 'leave_date', date: true },
  { key: 'leave_reason', col: 'leave_reason' },
  { key: 'wecom_userid', col: 'wecom_userid' },
];
const sensitive = ['email', 'mobile', 'national_id'];

const value = (p: { key: string; date?: boolean }) => (p.date ? sql.raw(`(r.data->>'${p.key}')::date`) : field(p.key));
/** The employee's comparable state (what an import sets; derived paths and bookkeeping left out). */
const state = (alias: string) => sql.raw(`(to_jsonb(${alias}) - 'report_path' - 'org_path' - 'updated_at' - 'created_at' - 'user_id')`);
/** Each unit's employer: the nearest subsidiary (or the group) at or above it. */
const unitEmployer = sql`
  select distinct on (u.id) u.id as unit_id, a.id as employer_id
  from org_units u join org_units a on u.path like a.path || '%' and a.type in ('subsidiary', 'group')
  order by u.id, a.depth desc`;

function refineRow(d: Record<string, unknown>, present: ReadonlySet<string>): RowIssue[] {
  const issues: RowIssue[] = [];
  const s = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : null);
  if (s('status') === 'left' && !s('leave_date')) issues.push({ column: present.has('leave_date') ? 'leave_date' : 'status', code: 'LEAVE_DATE_REQUIRED', message: m('状态为离职时需要填写离职日期', 'A leaver needs a leave date') });
  if (s('leave_date') && s('hire_date') && s('leave_date')! < s('hire_date')!) issues.push({ column: 'leave_date', code: 'DATE_ORDER', value: s('leave_date'), message: m('离职日期早于入职日期', 'The leave date is before the hire date') });
  if (s('birth_date') && s('hire_date') && s('birth_date')! >= s('hire_date')!) issues.push({ column: 'birth_date', code: 'DATE_ORDER', value: s('birth_date'), message: m('出生日期不能晚于入职日期', 'The birth date must be before the hire date') });
  if (s('service_start_date') && s('hire_date') && s('service_start_date')! > s('hire_date')!) issues.push({ column: 'service_start_date', code: 'DATE_ORDER', value: s('service_start_date'), message: m('连续工龄起算日不能晚于入职日期', 'The service start date cannot be after the hire date') });
  if (s('manager_no') && s('manager_no') === s('employee_no')) issues.push({ column: 'manager_no', code: 'SELF_MANAGER', value: s('manager_no'), message: m('不能把自己设为直属上级', 'An employee cannot be their own manager') });
  const anyContract = s('contract_type') || s('contract_start') || s('contract_end') || s('employer_code');
  if (anyContract) {
    if (!s('contract_type')) issues.push({ column: 'contract_type', code: 'REQUIRED', message: m('填写合同信息时需要合同类型', 'A contract needs its type') });
    if (!s('contract_start')) issues.push({ column: 'contract_start', code: 'REQUIRED', message: m('填写合同信息时需要合同开始日期', 'A contract needs its start date') });
    if (s('contract_type') === 'fixed_term' && !s('contract_end')) issues.push({ column: 'contract_end', code: 'REQUIRED', message: m('固定期限合同需要结束日期', 'A fixed-term contract needs an end date') });
    if (s('contract_start') && s('contract_end') && s('contract_end')! < s('contract_start')!) issues.push({ column: 'contract_end', code: 'DATE_ORDER', value: s('contract_end'), message: m('合同结束日期早于开始日期', 'The contract ends before it starts') });
  }
  return issues;
}

async function validate(k: KindContext): Promise<void> {
  const { batchId: b, access, present } = k;
  const rows = sql`import_rows r`;
  const mine = sql`r.batch_id = ${b}`;
  // the same employee number twice in the file
  await check(k, 'employee_no', 'DUPLICATE_KEY', sql`'工号在文件中重复（与第 ' || x.first || ' 行相同）'`, sql`'Employee no. repeated in the file (same as row ' || x.first || ')'`, sql`
    select row_number, value, first from (
      select r.row_number, ${field('employee_no')} as value, min(r.row_number) over (partition by ${field('employee_no')}) as first
      from ${rows} where ${mine} and ${field('employee_no')} is not null) d
    where d.row_number <> d.first`);
  // units: known, active, and inside the importer's HR scope
  await check(k, 'unit_code', 'UNKNOWN_UNIT', sql`'组织架构中没有编码为 ' || x.value || ' 的部门'`, sql`'No unit with code ' || x.value || ' in the org tree'`, sql`
    select r.row_number, ${field('unit_code')} as value from ${rows} left join org_units u on u.code = ${field('unit_code')}
    where ${mine} and ${field('unit_code')} is not null and u.id is null`);
  await check(k, 'unit_code', 'INACTIVE_UNIT', sql`'部门 ' || x.value || ' 已停用'`, sql`'Unit ' || x.value || ' is deactivated'`, sql`
    select r.row_number, ${field('unit_code')} as value from ${rows} join org_units u on u.code = ${field('unit_code')}
    where ${mine} and not u.active`);
  await check(k, 'unit_code', 'OUT_OF_SCOPE', sql`'部门 ' || x.value || ' 不在您的管理范围内'`, sql`'Unit ' || x.value || ' is outside your scope'`, sql`
    select r.row_number, ${field('unit_code')} as value from ${rows} join org_units u on u.code = ${field('unit_code')}
    where ${mine} and not ${pathInScope(sql`u.path`, access.hr)}`);
  await check(k, 'employee_no', 'OUT_OF_SCOPE', sql`'工号 ' || x.value || ' 是您管理范围以外的员工，不能修改'`, sql`'Employee ' || x.value || ' is outside your scope and cannot be changed'`, sql`
    select r.row_number, ${field('employee_no')} as value from ${rows} join employees e on e.employee_no = ${field('employee_no')}
    where ${mine} and not ${pathInScope(sql`e.org_path`, access.hr)}`);

  if (present.has('manager_no')) {
    const inFile = sql`select ${field('employee_no', 'f')} as no, coalesce(${field('status', 'f')}, fe.status, 'active') as st from import_rows f left join employees fe on fe.employee_no = ${field('employee_no', 'f')} where f.batch_id = ${b}`;
    await check(k, 'manager_no', 'UNKNOWN_MANAGER', sql`'找不到工号为 ' || x.value || ' 的上级（系统和文件中都没有）'`, sql`'No manager with employee no. ' || x.value || ' (neither in the system nor in the file)'`, sql`
      select r.row_number, ${field('manager_no')} as value from ${rows}
      where ${mine} and ${field('manager_no')} is not null
        and not exists (select 1 from import_rows f where f.batch_id = ${b} and ${field('employee_no', 'f')} = ${field('manager_no')})
        and not exists (select 1 from employees e where e.employee_no = ${field('manager_no')})`);
    await check(k, 'manager_no', 'MANAGER_LEFT', sql`'上级 ' || x.value || ' 已离职'`, sql`'Manager ' || x.value || ' has left'`, sql`
      select r.row_number, ${field('manager_no')} as value
      from ${rows} left join employees e on e.employee_no = ${field('employee_no')}
      left join (${inFile}) fm on fm.no = ${field('manager_no')}
      left join employees me on me.employee_no = ${field('manager_no')} and fm.no is null
      where ${mine} and ${field('manager_no')} is not null and coalesce(${field('status')}, e.status, 'active') <> 'left' and coalesce(fm.st, me.status) = 'left'`);
    // the reporting line after the merge (file rows override the database) must not loop
    await check(k, 'manager_no', 'MANAGER_CYCLE', sql`'汇报关系形成环路（经过上级 ' || x.value || '）'`, sql`'The reporting line loops (through manager ' || x.value || ')'`, sql`
      with recursive edges as (
        select ${field('employee_no', 'f')} as no, ${field('manager_no', 'f')} as mno from import_rows f where f.batch_id = ${b}
        union all
        select e.employee_no, m.employee_no from employees e join employees m on m.id = e.manager_id
        where not exists (select 1 from import_rows f where f.batch_id = ${b} and ${field('employee_no', 'f')} = e.employee_no)
      ), walk(start, cur, depth) as (
        select ${field('employee_no')}, ${field('manager_no')}, 1 from ${rows} where ${mine} and ${field('manager_no')} is not null
        union all
        select w.start, ed.mno, w.depth + 1 from walk w join edges ed on ed.no = w.cur
        where w.cur <> w.start and ed.mno is not null and w.depth < 64
      )
      select r.row_number, ${field('manager_no')} as value from ${rows}
      where ${mine} and ${field('employee_no')} in (select start from walk where cur = start or depth >= 64)`);
  }
  if (present.has('employer_code')) {
    await check(k, 'employer_code', 'BAD_EMPLOYER', sql`'用人单位 ' || x.value || ' 不存在或不是子公司/集团'`, sql`'Employer ' || x.value || ' does not exist or is not a subsidiary or the group'`, sql`
      select r.row_number, ${field('employer_code')} as value from ${rows} left join org_units u on u.code = ${field('employer_code')}
      where ${mine} and ${field('employer_code')} is not null and (u.id is null or u.type not in ('subsidiary', 'group'))`);
  }
  // values that identify one person: unique within the file and against other employees
  for (const [key, col, zh, en] of [
    ['wecom_userid', 'wecom_userid', '企业微信账号', 'WeCom user ID'],
    ['national_id', 'national_id_bidx', '身份证号', 'National ID'],
  ] as const) {
    if (!present.has(key)) continue;
    const v = field(key === 'national_id' ? 'national_id_bidx' : key);
    const shown = key === 'national_id' ? sql`null::text` : v;
    await check(k, key, 'DUPLICATE_VALUE', sql`${zh}::text || '在文件中重复（与第 ' || x.first || ' 行相同）'`, sql`${en}::text || ' repeated in the file (same as row ' || x.first || ')'`, sql`
      select row_number, value, first from (
        select r.row_number, ${shown} as value, min(r.row_number) over (partition by ${v}) as first from ${rows} where ${mine} and ${v} is not null) d
      where d.row_number <> d.first`);
    await check(k, key, 'TAKEN', sql`${zh}::text || '已属于员工 ' || x.other`, sql`${en}::text || ' already belongs to employee ' || x.other`, sql`
      select r.row_number, ${shown} as value, e.employee_no as other from ${rows} join employees e on e.${sql.raw(col)} = ${v}
      where ${mine} and e.employee_no <> ${field('employee_no')}`);
  }
}

/** True when the staged row would change the employee (only the columns the file has). */
function diff(present: ReadonlySet<string>): SQL {
  const parts: SQL[] = [];
  for (const p of plain) if (present.has(p.key)) parts.push(p.keep ? sql`e.${sql.raw(p.col)} is distinct from coalesce(${value(p)}, e.${sql.raw(p.col)})` : sql`e.${sql.raw(p.col)} is distinct from ${value(p)}`);
  for (const s of sensitive) if (present.has(s)) parts.push(sql`e.${sql.raw(`${s}_bidx`)} is distinct from ${field(`${s}_bidx`)}`);
  if (present.has('unit_code')) parts.push(sql`e.unit_id is distinct from u.id`);
  if (present.has('manager_no')) parts.push(sql`cm.employee_no is distinct from ${field('manager_no')}`);
  if (present.has('contract_type')) {
    parts.push(sql`(${field('contract_type')} is not null and not exists (
      select 1 from labor_contracts c where c.employee_id = e.id and c.employer_id = coalesce(eu.id, ue.employer_id)
        and c.start_date = (r.data->>'contract_start')::date and c.type = ${field('contract_type')}
        and c.end_date is not distinct from (r.data->>'contract_end')::date))`);
  }
  return parts.length ? sql.join(parts, sql` or `) : sql`false`;
}

async function classify(k: KindContext): Promise<void> {
  await k.tx.execute(sql`
    with ue as (${unitEmployer})
    update import_rows t set action = x.action, target_id = coalesce(x.id, gen_random_uuid()) from (
      select r.row_number, e.id, case when e.id is null then 'create' when ${diff(k.present)} then 'update' else 'unchanged' end as action
      from import_rows r
      left join employees e on e.employee_no = ${field('employee_no')}
      left join org_units u on u.code = ${field('unit_code')}
      left join employees cm on cm.id = e.manager_id
      left join ue on ue.unit_id = u.id
      left join org_units eu on eu.code = ${field('employer_code')}
      where r.batch_id = ${k.batchId}
    ) x
    where t.batch_id = ${k.batchId} and t.row_number = x.row_number`);
  await k.step();
}

const tracked = ['unit_id:unitId', 'manager_id:managerId', 'position:position', 'grade:grade', 'status:status'].map((s) => s.split(':') as [string, string]);
const sensitiveCols = sensitive.flatMap((s) => [`${s}_enc`, `${s}_bidx`]);

/**
 * Every changed row's place on the reporting line, from the file's managers (or, without a
 * manager column, the current ones): rows under a manager outside the file hang from that
 * manager's path, the rest follow down the file. Computed once, used by the insert and the update.
 */
function reportingLine(b: string, present: ReadonlySet<string>): SQL {
  const mno = present.has('manager_no') ? field('manager_no') : sql`cm.employee_no`;
  return sql`
    fr as (
      select r.target_id as id, ${field('employee_no')} as no, ${mno} as mno
      from import_rows r left join employees e on e.id = r.target_id left join employees cm on cm.id = e.manager_id
      where r.batch_id = ${b} and r.action in ('create', 'update')
    ), line(id, no, mgr, p) as (
      select fr.id, fr.no, me.id, coalesce(me.report_path, '/') || fr.id::text || '/'
      from fr left join employees me on me.employee_no = fr.mno
      where fr.mno is null or not exists (select 1 from fr f2 where f2.no = fr.mno)
      union all
      select fr.id, fr.no, line.id, line.p || fr.id::text || '/' from fr join line on fr.mno = line.no
    )`;
}

async function merge(k: KindContext): Promise<void> {
  const { tx, batchId: b, present, now } = k;
  const reason = `批量导入：${k.fileName}`.slice(0, 200);
  // before-state of every employee this file updates
  await tx.execute(sql`
    insert into import_snapshots (batch_id, entity, entity_id, before)
    select ${b}, 'employee', e.id, ${state('e')} from import_rows r join employees e on e.id = r.target_id
    where r.batch_id = ${b} and r.action = 'update'`);
  const sets: SQL[] = [];
  for (const p of plain) if (present.has(p.key)) sets.push(p.keep ? sql`${sql.raw(p.col)} = coalesce(${value(p)}, e.${sql.raw(p.col)})` : sql`${sql.raw(p.col)} = ${value(p)}`);
  for (const s of sensitive) if (present.has(s)) sets.push(sql`${sql.raw(`${s}_enc`)} = ${field(`${s}_enc`)}, ${sql.raw(`${s}_bidx`)} = ${field(`${s}_bidx`)}`);
  // one statement: new people with their manager, line and joining history; changed people in place
  await tx.execute(sql`
    with recursive ${reportingLine(b, present)},
    ins as (
      insert into employees (id, employee_no, name, gender, birth_date, unit_id, org_path, position, grade, manager_id, report_path, hire_date, service_start_date, status,
        leave_date, leave_reason, ${sql.raw(sensitiveCols.join(', '))}, wecom_userid, created_at, updated_at)
      select r.target_id, ${field('employee_no')}, ${field('name')}, ${field('gender')}, (r.data->>'birth_date')::date, u.id, u.path, ${field('position')}, ${field('grade')}, l.mgr, l.p,
        (r.data->>'hire_date')::date, coalesce((r.data->>'service_start_date')::date, (r.data->>'hire_date')::date), coalesce(${field('status')}, 'active'),
        (r.data->>'leave_date')::date, ${field('leave_reason')}, ${sql.join(
          sensitiveCols.map((c) => field(c)),
          sql`, `,
        )}, ${field('wecom_userid')}, ${now}, ${now}
      from import_rows r join org_units u on u.code = ${field('unit_code')} join line l on l.id = r.target_id
      where r.batch_id = ${b} and r.action = 'create'
      returning id, hire_date, unit_id, manager_id, position, grade, status
    ),
    upd as (
      update employees e set ${sql.join([...sets, sql`unit_id = u.id, org_path = u.path, manager_id = l.mgr, report_path = l.p, updated_at = ${now}`], sql`, `)}
      from import_rows r join org_units u on u.code = ${field('unit_code')} join line l on l.id = r.target_id
      where r.batch_id = ${b} and r.action = 'update' and e.id = r.target_id
      returning e.id
    ),
    hist as (
      insert into job_history (id, employee_id, effective_date, changes, reason, actor_id, created_at, import_batch_id)
      select gen_random_uuid(), ins.id, ins.hire_date, jsonb_build_object(${sql.join(
        tracked.map(([col, name]) => sql`${name}::text, jsonb_build_object('from', null, 'to', to_jsonb(ins.${sql.raw(col)}))`),
        sql`, `,
      )}), ${`入职（${reason}）`.slice(0, 200)}, ${k.audit.actorId}, ${now}, ${b}
      from ins
    ),
    snap as (insert into import_snapshots (batch_id, entity, entity_id) select ${b}, 'employee', id from ins)
    select (select count(*) from ins) as created, (select count(*) from upd) as updated`);
  // someone moved under a new manager takes the people below them (not in the file) along
  const [moved] = await queryRows<{ any: boolean }>(tx as Db, sql`
    select exists (select 1 from import_snapshots s join employees e on e.id = s.entity_id
      where s.batch_id = ${b} and s.entity = 'employee' and s.before is not null and s.before->>'manager_id' is distinct from e.manager_id::text) as any`);
  if (moved?.any) await rebuildReportPaths(tx);

  // job history of changes: what differs between the snapshot and now
  await tx.execute(sql`
    insert into job_history (id, employee_id, effective_date, changes, reason, actor_id, created_at, import_batch_id)
    select gen_random_uuid(), c.employee_id, ${k.today}::date, c.changes, ${reason}, ${k.audit.actorId}, ${now}, ${b}
    from (
      select e.id as employee_id, (select coalesce(jsonb_object_agg(key, value), '{}'::jsonb) from jsonb_each(jsonb_build_object(${sql.join(
        tracked.map(
          ([col, name]) =>
            sql`${name}::text, case when s.before->${sql.raw(`'${col}'`)} is distinct from to_jsonb(e.${sql.raw(col)}) then jsonb_build_object('from', s.before->${sql.raw(`'${col}'`)}, 'to', to_jsonb(e.${sql.raw(col)})) end`,
        ),
        sql`, `,
      )})) where value <> 'null'::jsonb) as changes
      from import_snapshots s join employees e on e.id = s.entity_id
      where s.batch_id = ${b} and s.entity = 'employee' and s.before is not null
    ) c where c.changes <> '{}'::jsonb`);
  // leaving ends sessions and disables the account, as a single leaver change does
  await tx.execute(sql`
    with leavers as (
      select e.user_id from import_snapshots s join employees e on e.id = s.entity_id
      where s.batch_id = ${b} and s.entity = 'employee' and s.before->>'status' <> 'left' and e.status = 'left' and e.user_id is not null
    ), ended as (delete from sessions where user_id in (select user_id from leavers))
    update users set disabled = true, updated_at = ${now} where id in (select user_id from leavers)`);

  if (present.has('contract_type')) {
    const want = sql`
      ue as (${unitEmployer}),
      want as (
        select r.target_id as employee_id, coalesce(eu.id, ue.employer_id) as employer_id, ${field('contract_type')} as type,
          (r.data->>'contract_start')::date as start_date, (r.data->>'contract_end')::date as end_date
        from import_rows r join org_units u on u.code = ${field('unit_code')} join ue on ue.unit_id = u.id left join org_units eu on eu.code = ${field('employer_code')}
        where r.batch_id = ${b} and r.action in ('create', 'update') and ${field('contract_type')} is not null
      )`;
    await tx.execute(sql`
      with ${want},
      changed as (
        select c.id, to_jsonb(c) as before, w.type, w.end_date from labor_contracts c
        join want w on w.employee_id = c.employee_id and w.employer_id = c.employer_id and w.start_date = c.start_date
        where c.type <> w.type or c.end_date is distinct from w.end_date
      ), snap as (
        insert into import_snapshots (batch_id, entity, entity_id, before) select ${b}, 'contract', id, before from changed
      )
      update labor_contracts c set type = ch.type, end_date = ch.end_date from changed ch where c.id = ch.id`);
    await tx.execute(sql`
      with ${want}
      insert into labor_contracts (id, employee_id, employer_id, type, start_date, end_date, created_at, import_batch_id)
      select gen_random_uuid(), w.employee_id, w.employer_id, w.type, w.start_date, w.end_date, ${now}, ${b} from want w
      where not exists (select 1 from labor_contracts c where c.employee_id = w.employee_id and c.employer_id = w.employer_id and c.start_date = w.start_date)`);
  }
}

async function rollback(k: KindContext): Promise<{ restored: number; removed: number }> {
  const { tx, batchId: b, now } = k;
  const db = tx as Db;
  // changed since: by hand (updated later) or by a later import of the same records
  const changed = await queryRows<{ employee_no: string | null }>(db, sql`
    select coalesce(e.employee_no, '(已删除)') as employee_no from import_snapshots s left join employees e on e.id = s.entity_id
    where s.batch_id = ${b} and s.entity = 'employee' and (e.id is null or e.updated_at > ${k.mergedAt})
    union all
    select coalesce(e.employee_no, '(合同)') from import_snapshots s
    join import_snapshots s2 on s2.entity = s.entity and s2.entity_id = s.entity_id and s2.batch_id <> s.batch_id
    join import_batches b2 on b2.id = s2.batch_id and b2.status = 'merged' and b2.merged_at > ${k.mergedAt}
    left join labor_contracts c on c.id = s.entity_id left join employees e on e.id = c.employee_id
    where s.batch_id = ${b} and s.entity = 'contract'
    limit 6`);
  if (changed.length > 0) {
    throw new AppError('CONFLICT', `导入之后这些记录又被修改过，不能回滚：${changed.slice(0, 5).map((c) => c.employee_no).join('、')}${changed.length > 5 ? ' 等' : ''}`);
  }
  const created = sql`select s.entity_id from import_snapshots s where s.batch_id = ${b} and s.entity = 'employee' and s.before is null`;
  const used = await queryRows<{ employee_no: string; why: string }>(db, sql`
    select e.employee_no, '已开通账号' as why from employees e where e.id in (${created}) and e.user_id is not null
    union all
    select m.employee_no, '是其他员工的上级' from employees x join employees m on m.id = x.manager_id
    where x.manager_id in (${created}) and x.id not in (select entity_id from import_snapshots where batch_id = ${b} and entity = 'employee')
    union all
    select e.employee_no, '是组织负责人或HR负责人' from org_units u join employees e on e.id in (u.leader_id, u.hr_head_id) where e.id in (${created})
    union all
    select e.employee_no, '是HRBP' from org_unit_hrbps h join employees e on e.id = h.employee_id where e.id in (${created})
    limit 6`);
  if (used.length > 0) {
    throw new AppError('CONFLICT', `导入新建的员工已被使用，不能回滚：${used.slice(0, 5).map((u) => `${u.employee_no}（${u.why}）`).join('、')}`);
  }
  await tx.execute(sql`delete from job_history where import_batch_id = ${b}`);
  await tx.execute(sql`delete from labor_contracts where import_batch_id = ${b}`);
  await tx.execute(sql`
    update labor_contracts c set type = p.type, end_date = p.end_date
    from import_snapshots s cross join lateral jsonb_populate_record(null::labor_contracts, s.before) p
    where s.batch_id = ${b} and s.entity = 'contract' and c.id = s.entity_id`);
  const cols = ['name', 'gender', 'birth_date', 'unit_id', 'position', 'grade', 'manager_id', 'hire_date', 'service_start_date', 'status', 'leave_date', 'leave_reason', 'wecom_userid', ...sensitiveCols];
  const restored = await queryRows<{ n: number }>(db, sql`
    with done as (
      update employees e set ${sql.raw(cols.map((c) => `${c} = p.${c}`).join(', '))}, org_path = u.path, updated_at = ${now}
      from import_snapshots s cross join lateral jsonb_populate_record(null::employees, s.before) p join org_units u on u.id = p.unit_id
      where s.batch_id = ${b} and s.entity = 'employee' and s.before is not null and e.id = s.entity_id
      returning 1)
    select count(*)::int as n from done`);
  const removed = await queryRows<{ n: number }>(db, sql`with gone as (delete from employees where id in (${created}) returning 1) select count(*)::int as n from gone`);
  await rebuildReportPaths(tx);
  return { restored: restored[0]?.n ?? 0, removed: removed[0]?.n ?? 0 };
}

/** 员工导入: upsert by employee number, with the current labour contract. */
export const employeesImport: ImportKind = {
  type: 'employees',
  label: m('员工', 'Employees'),
  columns,
  allowed: (access) => access.hr === 'all' || access.hr.length > 0,
  refineRow,
  validate,
  classify,
  merge,
  rollback,
};
