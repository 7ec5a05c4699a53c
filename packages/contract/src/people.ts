import { z } from 'zod';

export const employeeStatuses = ['probation', 'active', 'on_leave', 'left'] as const;
export const employeeStatusSchema = z.enum(employeeStatuses);
export const genderSchema = z.enum(['male', 'female']);
const day = z.iso.date();

/** A row of the people list. Sensitive fields never appear in lists. */
export const employeeRowSchema = z.object({
  id: z.uuid(),
  employeeNo: z.string(),
  name: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
  position: z.string(),
  grade: z.string(),
  status: employeeStatusSchema,
  managerName: z.string().nullable(),
  hireDate: day,
});
export type EmployeeRow = z.infer<typeof employeeRowSchema>;

export const peopleQuerySchema = z.object({
  unitId: z.uuid().optional(),
  status: employeeStatusSchema.optional(),
  grade: z.string().max(20).optional(),
  position: z.string().max(100).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['employeeNo', 'name', 'hireDate']).default('employeeNo'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});
export type PeopleQuery = z.infer<typeof peopleQuerySchema>;
/** `total` is counted on the first page (no cursor) only; later pages answer null. */
export const peoplePageSchema = z.object({ items: z.array(employeeRowSchema), nextCursor: z.string().nullable(), total: z.number().int().nullable() });

export const contractTypeSchema = z.enum(['fixed_term', 'open_ended', 'project']);
export const laborContractSchema = z.object({
  id: z.uuid(),
  employerId: z.uuid(),
  employerName: z.string(),
  type: contractTypeSchema,
  startDate: day,
  endDate: day.nullable(),
});
export const jobHistoryEntrySchema = z.object({
  id: z.uuid(),
  effectiveDate: day,
  changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  reason: z.string().nullable(),
});

export const employeeDetailSchema = employeeRowSchema.extend({
  gender: genderSchema,
  birthDate: day.nullable(),
  orgPath: z.array(z.object({ id: z.uuid(), name: z.string() })),
  managerId: z.uuid().nullable(),
  serviceStartDate: day,
  leaveDate: day.nullable(),
  leaveReason: z.string().nullable(),
  /** Masked (138****1234) unless the caller has HR rights over this person; unmasking is audited. */
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  nationalId: z.string().nullable(),
  masked: z.boolean(),
  /** The caller has HR rights over this person (job changes, accounts). */
  canManage: z.boolean(),
  /** The person has a sign-in account (username shown to HR only). */
  account: z.object({ username: z.string().nullable(), disabled: z.boolean() }).nullable(),
  wecomUserId: z.string().nullable(),
  contracts: z.array(laborContractSchema),
  history: z.array(jobHistoryEntrySchema),
});
export type EmployeeDetail = z.infer<typeof employeeDetailSchema>;

const mobile = z.string().trim().regex(/^1\d{10}$/, '手机号应为 11 位数字');
const nationalId = z.string().trim().regex(/^\d{17}[\dXx]$/, '身份证号应为 18 位');

export const createEmployeeSchema = z.object({
  employeeNo: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(50),
  gender: genderSchema,
  birthDate: day.nullable().optional(),
  unitId: z.uuid(),
  position: z.string().trim().min(1).max(100),
  grade: z.string().trim().min(1).max(20),
  managerId: z.uuid().nullable().optional(),
  hireDate: day,
  serviceStartDate: day.optional(),
  status: z.enum(['probation', 'active']).default('probation'),
  email: z.email().nullable().optional(),
  mobile: mobile.nullable().optional(),
  nationalId: nationalId.nullable().optional(),
  contract: z.object({ employerId: z.uuid(), type: contractTypeSchema, startDate: day, endDate: day.nullable().optional() }).optional(),
});
export type CreateEmployee = z.infer<typeof createEmployeeSchema>;

/** A job change: any of unit, manager, position, grade, status, effective on a date, with a reason. */
export const changeEmployeeSchema = z.object({
  effectiveDate: day,
  reason: z.string().trim().min(1).max(200),
  unitId: z.uuid().optional(),
  managerId: z.uuid().nullable().optional(),
  position: z.string().trim().min(1).max(100).optional(),
  grade: z.string().trim().min(1).max(20).optional(),
  status: employeeStatusSchema.optional(),
  leaveReason: z.string().trim().max(200).optional(),
});
export type ChangeEmployee = z.infer<typeof changeEmployeeSchema>;

export const grantSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  username: z.string(),
  role: z.string(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export const createGrantSchema = z.object({ userId: z.uuid(), role: z.enum(['group_hr', 'hr_head', 'hrbp', 'executive', 'auditor', 'sys_admin']), unitId: z.uuid().nullable() });

/** `201 { id }` of the create endpoints. */
export const createdSchema = z.object({ id: z.uuid() });

const ref = z.object({ id: z.uuid(), name: z.string() });
/** What a leaver leaves behind: direct reports, units led (as leader or HR head), HRBP duties. */
export const openWorkSchema = z.object({ reports: z.array(ref.extend({ employeeNo: z.string() })), leads: z.array(ref), hrbpOf: z.array(ref) });
export type OpenWork = z.infer<typeof openWorkSchema>;
/** POST /api/people/:id/changes: open work when the change made the person leave. */
export const changeEmployeeResponseSchema = z.object({ openWork: openWorkSchema.nullable() });
/** POST /api/people/:id/handover/reports. */
export const reassignReportsRequestSchema = z.object({ newManagerId: z.uuid(), effectiveDate: day, reason: z.string().trim().min(1).max(200) });
export const reassignReportsResponseSchema = z.object({ moved: z.number().int() });
/** GET /api/access/grants. */
export const grantListSchema = z.object({ items: z.array(grantSchema) });
export type Grant = z.infer<typeof grantSchema>;
/** Accounts issued to people: the one-time password is in this answer only. */
export const issuedAccountSchema = z.object({ employeeId: z.uuid(), employeeNo: z.string(), name: z.string(), username: z.string(), initialPassword: z.string() });
export const provisionRequestSchema = z.object({ employeeIds: z.array(z.uuid()).min(1).max(500) });
export const provisionResponseSchema = z.object({ issued: z.array(issuedAccountSchema), skipped: z.array(z.object({ employeeId: z.uuid(), reason: z.string() })) });

/** GET /api/access/accounts?q= — accounts to grant roles to (sys_admin, group_hr). */
export const accountLookupQuerySchema = z.object({ q: z.string().trim().max(64).optional(), limit: z.coerce.number().int().min(1).max(50).default(20) });
export const accountLookupSchema = z.object({ items: z.array(z.object({ id: z.uuid(), username: z.string(), displayName: z.string() })) });
