import { z } from 'zod';
import { pageOf, pageQuerySchema } from './common.ts';
import { policySectionKeys, policySectionsSchema, policySettingsSchema, policyStateSchema, type PolicySectionKey, type PolicySections } from './policy-settings.ts';

/** Section titles, in the order a policy shows them. */
export const policySectionTitles: Record<PolicySectionKey, { 'zh-CN': string; 'en-US': string }> = {
  scope: { 'zh-CN': '适用范围', 'en-US': 'Scope' },
  start: { 'zh-CN': '启动条件', 'en-US': 'Start conditions' },
  goals: { 'zh-CN': '目标与衡量', 'en-US': 'Goals and measures' },
  communication: { 'zh-CN': '沟通与反馈', 'en-US': 'Communication and feedback' },
  evaluation: { 'zh-CN': '跟踪与评估', 'en-US': 'Tracking and evaluation' },
  outcomes: { 'zh-CN': '成果处理', 'en-US': 'Outcome handling' },
};

/**
 * The exact document an employee reads and confirms: the title and the six sections in order,
 * as markdown. Server and web build it the same way, so both can hash what was shown.
 */
export function policyDocument(title: string, sections: PolicySections): string {
  const parts = [`# ${title}`];
  for (const key of policySectionKeys) parts.push(`## ${policySectionTitles[key]['zh-CN']}\n\n${sections[key].trim()}`);
  return `${parts.join('\n\n')}\n`;
}

/** The democratic procedure a policy went through before publication (劳动合同法 第四条). */
export const adoptionProcedures = ['workers_congress', 'all_staff_discussion', 'union_consultation', 'employee_representatives'] as const;
export const adoptionProcedureSchema = z.enum(adoptionProcedures);
export type AdoptionProcedure = z.infer<typeof adoptionProcedureSchema>;

const isoDate = z.iso.date();
const reminderDaysSchema = z.array(z.number().int().min(1).max(90)).max(5);

export const savePolicyVersionSchema = z.object({
  title: z.string().trim().min(1).max(200),
  sections: policySectionsSchema,
  settings: policySettingsSchema,
  /** days after publication when those who have not confirmed are reminded */
  reminderDays: reminderDaysSchema.default([3, 7]),
});
export type SavePolicyVersion = z.infer<typeof savePolicyVersionSchema>;

export const saveAdoptionSchema = z.object({
  procedure: adoptionProcedureSchema,
  date: isoDate,
  notes: z.string().trim().max(5000).default(''),
});
export type SaveAdoption = z.infer<typeof saveAdoptionSchema>;

export const publishPolicySchema = z.object({ effectiveFrom: isoDate });
export const returnPolicySchema = z.object({ note: z.string().trim().min(1).max(2000) });

export const storedFileSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type StoredFile = z.infer<typeof storedFileSchema>;

export const adoptionSchema = saveAdoptionSchema.extend({ attachments: z.array(storedFileSchema) });

export const policyVersionSchema = z.object({
  id: z.uuid(),
  ownerUnitId: z.uuid(),
  ownerUnitName: z.string(),
  version: z.number().int(),
  title: z.string(),
  state: policyStateSchema,
  sections: policySectionsSchema,
  settings: policySettingsSchema,
  reminderDays: z.array(z.number().int()),
  effectiveFrom: z.string().nullable(),
  contentSha256: z.string().nullable(),
  adoption: adoptionSchema.nullable(),
  attachments: z.array(storedFileSchema),
  reviewNote: z.string().nullable(),
  publishedAt: z.string().nullable(),
  inForceAt: z.string().nullable(),
  supersededAt: z.string().nullable(),
  updatedAt: z.string(),
  canWrite: z.boolean(),
});
export type PolicyVersion = z.infer<typeof policyVersionSchema>;

export const policyVersionSummarySchema = policyVersionSchema.pick({ id: true, version: true, title: true, state: true, effectiveFrom: true, publishedAt: true, updatedAt: true });
export type PolicyVersionSummary = z.infer<typeof policyVersionSummarySchema>;

export const policyOwnerSchema = z.object({
  unitId: z.uuid(),
  unitName: z.string(),
  unitType: z.string(),
  inForce: policyVersionSummarySchema.nullable(),
  versions: z.array(policyVersionSummarySchema),
  canWrite: z.boolean(),
  /** fields where a subsidiary's version in force goes beyond the group's current one (the group tightened since) */
  boundsIssues: z.array(z.object({ path: z.string(), message: z.string(), messages: z.object({ 'zh-CN': z.string(), 'en-US': z.string() }) })),
});
export type PolicyOwner = z.infer<typeof policyOwnerSchema>;
export const policyOwnersSchema = z.object({ items: z.array(policyOwnerSchema) });

export const lineChangeSchema = z.object({ kind: z.enum(['added', 'removed', 'same']), text: z.string() });
export const settingChangeSchema = z.object({ path: z.string(), before: z.unknown(), after: z.unknown() });
export type SettingChange = z.infer<typeof settingChangeSchema>;
export const policyDiffSchema = z.object({
  previous: policyVersionSummarySchema.nullable(),
  titleChanged: z.boolean(),
  sections: z.array(z.object({ key: z.enum(policySectionKeys), changed: z.boolean(), lines: z.array(lineChangeSchema) })),
  settings: z.array(settingChangeSchema),
});
export type PolicyDiff = z.infer<typeof policyDiffSchema>;

export const ackChannelSchema = z.enum(['web', 'wecom']);
export const ackStatusSchema = z.enum(['confirmed', 'refused', 'pending']);
export type AckStatus = z.infer<typeof ackStatusSchema>;

export const confirmPolicySchema = z.object({
  /** SHA-256 (hex) of the document the client displayed */
  contentSha256: z.string().regex(/^[0-9a-f]{64}$/),
  channel: ackChannelSchema.default('web'),
});
export const recordRefusalSchema = z.object({
  employeeId: z.uuid(),
  witnessEmployeeId: z.uuid(),
  note: z.string().trim().min(1).max(2000),
});

export const acknowledgmentSchema = z.object({
  status: z.enum(['confirmed', 'refused']),
  contentSha256: z.string(),
  channel: z.string(),
  at: z.string(),
  witnessName: z.string().nullable(),
  witnessNote: z.string().nullable(),
});

export const myPolicySchema = z.object({
  id: z.uuid(),
  ownerUnitId: z.uuid(),
  ownerUnitName: z.string(),
  version: z.number().int(),
  title: z.string(),
  effectiveFrom: z.string().nullable(),
  document: z.string(),
  contentSha256: z.string(),
  settings: policySettingsSchema,
  acknowledgment: acknowledgmentSchema.nullable(),
});
export type MyPolicy = z.infer<typeof myPolicySchema>;
export const myPoliciesSchema = z.object({ items: z.array(myPolicySchema) });

export const ackUnitRowSchema = z.object({ unitId: z.uuid(), unitName: z.string(), confirmed: z.number().int(), refused: z.number().int(), pending: z.number().int() });
export const ackSummarySchema = z.object({
  totals: z.object({ confirmed: z.number().int(), refused: z.number().int(), pending: z.number().int() }),
  units: z.array(ackUnitRowSchema),
});
export type AckSummary = z.infer<typeof ackSummarySchema>;

export const ackPeopleQuerySchema = pageQuerySchema.extend({ unitId: z.uuid().optional(), status: ackStatusSchema.optional() });
export const ackPersonSchema = z.object({
  employeeId: z.uuid(),
  employeeNo: z.string(),
  name: z.string(),
  unitName: z.string(),
  status: ackStatusSchema,
  at: z.string().nullable(),
  channel: z.string().nullable(),
});
export type AckPerson = z.infer<typeof ackPersonSchema>;
export const ackPeoplePageSchema = pageOf(ackPersonSchema);

export const askQuestionSchema = z.object({ question: z.string().trim().min(2).max(2000) });
export const answerQuestionSchema = z.object({ answer: z.string().trim().min(1).max(5000), publish: z.boolean().default(false) });
export const publishQuestionSchema = z.object({ published: z.boolean() });
export const policyQuestionSchema = z.object({
  id: z.uuid(),
  question: z.string(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  published: z.boolean(),
  createdAt: z.string(),
  mine: z.boolean(),
  /** only for HR */
  asker: z.object({ employeeId: z.uuid(), name: z.string(), unitName: z.string() }).nullable(),
});
export type PolicyQuestion = z.infer<typeof policyQuestionSchema>;
export const policyQuestionsSchema = z.object({ items: z.array(policyQuestionSchema) });
export const ownerParamSchema = z.object({ ownerId: z.uuid() });
