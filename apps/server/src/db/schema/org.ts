import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';

/**
 * The organisation tree. "Everything under X" uses a materialised path ("/<id>/<id>/…/"):
 * one btree prefix scan (text_pattern_ops) at any depth, and the same path is copied onto
 * employees so a scoped list is one index range. Moves are rare and rewrite the subtree's
 * paths set-based; a closure table would cost rows per ancestor for the same queries.
 */
export const orgUnits = pgTable(
  'org_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    type: text('type').notNull(), // group | subsidiary | business_unit | department | team
    parentId: uuid('parent_id'),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    region: text('region'),
    city: text('city'),
    leaderId: uuid('leader_id'),
    hrHeadId: uuid('hr_head_id'),
    wecomDeptId: integer('wecom_dept_id'),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    // a subsidiary is also a legal employer (用人单位)
    legalName: text('legal_name'),
    creditCode: text('credit_code'),
    unionContact: text('union_contact'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('org_units_code_uq').on(t.code),
    index('org_units_path_idx').on(sql`${t.path} text_pattern_ops`),
    index('org_units_parent_idx').on(t.parentId, t.sortOrder),
    uniqueIndex('org_units_wecom_uq').on(t.wecomDeptId).where(sql`${t.wecomDeptId} is not null`),
  ],
);

/** HRBPs assigned to a unit (the business assignment; access comes from role grants). */
export const orgUnitHrbps = pgTable(
  'org_unit_hrbps',
  {
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id, { onDelete: 'cascade' }),
    employeeId: uuid('employee_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.employeeId] }), index('org_unit_hrbps_employee_idx').on(t.employeeId)],
);

export const employees = pgTable(
  'employees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeNo: text('employee_no').notNull(),
    name: text('name').notNull(),
    gender: text('gender').notNull(), // male | female
    birthDate: date('birth_date', { mode: 'string' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    // copy of the unit's path: the scope filter and the subtree list are one index range
    orgPath: text('org_path').notNull(),
    position: text('position').notNull(),
    grade: text('grade').notNull(),
    managerId: uuid('manager_id'),
    // the reporting line from the top ("/<ceo>/…/<manager>/<self>/"): "all reports of X, at any
    // depth" is one index range, like the org subtree, instead of a recursive walk per query
    reportPath: text('report_path').notNull().default(''),
    hireDate: date('hire_date', { mode: 'string' }).notNull(),
    serviceStartDate: date('service_start_date', { mode: 'string' }).notNull(),
    status: text('status').notNull(), // probation | active | on_leave | left
    leaveDate: date('leave_date', { mode: 'string' }),
    leaveReason: text('leave_reason'),
    // sensitive fields: "k1:base64(iv|ciphertext|tag)" (AES-256-GCM, key id for rotation) + HMAC blind index
    emailEnc: text('email_enc'),
    emailBidx: text('email_bidx'),
    mobileEnc: text('mobile_enc'),
    mobileBidx: text('mobile_bidx'),
    nationalIdEnc: text('national_id_enc'),
    nationalIdBidx: text('national_id_bidx'),
    wecomUserId: text('wecom_userid'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('employees_no_uq').on(t.employeeNo),
    index('employees_path_idx').on(sql`${t.orgPath} text_pattern_ops`, t.employeeNo),
    index('employees_manager_idx').on(t.managerId),
    index('employees_report_path_idx').on(sql`${t.reportPath} text_pattern_ops`),
    index('employees_unit_idx').on(t.unitId),
    index('employees_status_idx').on(t.status, t.employeeNo),
    index('employees_name_idx').on(t.name),
    index('employees_mobile_bidx').on(t.mobileBidx),
    index('employees_national_id_bidx').on(t.nationalIdBidx),
    index('employees_email_bidx').on(t.emailBidx),
    uniqueIndex('employees_user_uq').on(t.userId).where(sql`${t.userId} is not null`),
    uniqueIndex('employees_wecom_uq').on(t.wecomUserId).where(sql`${t.wecomUserId} is not null`),
  ],
);

/** 劳动合同: the employer is a subsidiary (用人单位). */
export const laborContracts = pgTable(
  'labor_contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => orgUnits.id),
    type: text('type').notNull(), // fixed_term | open_ended | project
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    // contracts created by an import: a rollback of that import removes them
    importBatchId: uuid('import_batch_id'),
  },
  (t) => [index('labor_contracts_employee_idx').on(t.employeeId, t.startDate), index('labor_contracts_import_idx').on(t.importBatchId).where(sql`${t.importBatchId} is not null`)],
);

/** Every change of unit, manager, position, grade or status, with its effective date. */
export const jobHistory = pgTable(
  'job_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id, { onDelete: 'cascade' }),
    effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
    // { unitId: {from, to}, managerId: {from, to}, position, grade, status }
    changes: jsonb('changes').notNull(),
    reason: text('reason'),
    actorId: uuid('actor_id'),
    // entries written by an import: a rollback of that import removes them
    importBatchId: uuid('import_batch_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('job_history_employee_idx').on(t.employeeId, t.effectiveDate), index('job_history_import_idx').on(t.importBatchId).where(sql`${t.importBatchId} is not null`)],
);

/** A role held by an account, with its scope: a unit subtree, or the whole group (null). */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    unitId: uuid('unit_id').references(() => orgUnits.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('role_grants_user_idx').on(t.userId), uniqueIndex('role_grants_uq').on(t.userId, t.role, sql`coalesce(${t.unitId}, '00000000-0000-0000-0000-000000000000'::uuid)`)],
);
