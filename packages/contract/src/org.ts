import { z } from 'zod';

export const orgUnitTypes = ['group', 'subsidiary', 'business_unit', 'department', 'team'] as const;
export const orgUnitTypeSchema = z.enum(orgUnitTypes);
export type OrgUnitType = z.infer<typeof orgUnitTypeSchema>;

/** A unit in the tree listing, with head counts (the unit alone and its whole subtree). */
export const orgTreeNodeSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  type: orgUnitTypeSchema,
  parentId: z.uuid().nullable(),
  depth: z.number().int(),
  city: z.string().nullable(),
  active: z.boolean(),
  /** null where the caller may not see aggregates for this unit. */
  headcount: z.number().int().nullable(),
  subtreeHeadcount: z.number().int().nullable(),
});
export type OrgTreeNode = z.infer<typeof orgTreeNodeSchema>;
export const orgTreeSchema = z.object({ items: z.array(orgTreeNodeSchema) });

const personRef = z.object({ id: z.uuid(), name: z.string(), employeeNo: z.string() }).nullable();

export const orgUnitSchema = orgTreeNodeSchema.extend({
  region: z.string().nullable(),
  leader: personRef,
  hrHead: personRef,
  hrbps: z.array(z.object({ id: z.uuid(), name: z.string(), employeeNo: z.string() })),
  wecomDeptId: z.number().int().nullable(),
  legalName: z.string().nullable(),
  creditCode: z.string().nullable(),
  unionContact: z.string().nullable(),
  path: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** The caller may change this unit (group HR, or the HR head of its subsidiary). */
  canWrite: z.boolean(),
});
export type OrgUnit = z.infer<typeof orgUnitSchema>;

const code = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/, '只能包含字母、数字、_ 和 -');

export const createOrgUnitSchema = z.object({
  code,
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(200).nullable().optional(),
  type: orgUnitTypeSchema.exclude(['group']),
  parentId: z.uuid(),
  region: z.string().trim().max(50).nullable().optional(),
  city: z.string().trim().max(50).nullable().optional(),
  legalName: z.string().trim().max(200).nullable().optional(),
  creditCode: z.string().trim().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, '统一社会信用代码应为 18 位').nullable().optional(),
  unionContact: z.string().trim().max(200).nullable().optional(),
});
export type CreateOrgUnit = z.infer<typeof createOrgUnitSchema>;

export const updateOrgUnitSchema = createOrgUnitSchema.omit({ code: true, type: true, parentId: true }).partial().extend({
  leaderId: z.uuid().nullable().optional(),
  hrHeadId: z.uuid().nullable().optional(),
  wecomDeptId: z.number().int().positive().nullable().optional(),
  /** Replaces the unit's HRBP assignment (people, not accounts; access comes from role grants). */
  hrbpIds: z.array(z.uuid()).max(20).optional(),
});
export const moveOrgUnitSchema = z.object({ parentId: z.uuid() });
