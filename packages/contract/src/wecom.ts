import { z } from 'zod';

// WeCom contacts: the reconciliation report (对账), the per-field master settings and the
// contact sync's preview → apply. Shared by the API (responses, OpenAPI) and the web page.

export const wecomUseridSchema = z.string().regex(/^[0-9a-zA-Z_\-@.]{1,64}$/);

/** GET /api/wecom/contacts/reconcile. */
export const contactsReportSchema = z.object({
  departments: z.object({ wecom: z.number().int(), linked: z.number().int(), unlinked: z.array(z.object({ id: z.number().int(), name: z.string(), parentid: z.number().int() })), unlinkedTotal: z.number().int() }),
  members: z.object({
    wecom: z.number().int(),
    linked: z.number().int(),
    unmatched: z.array(z.object({ userid: z.string(), name: z.string(), department: z.number().int().nullable() })),
    unmatchedTotal: z.number().int(),
    employeesWithoutWecom: z.number().int(),
  }),
  proposals: z.array(z.object({ employeeId: z.uuid(), employeeNo: z.string(), name: z.string(), userid: z.string() })),
  differences: z.array(z.object({ employeeId: z.uuid(), employeeNo: z.string(), userid: z.string(), field: z.enum(['account', 'department', 'manager', 'status']), uplift: z.string().nullable(), wecom: z.string().nullable() })),
  differencesTotal: z.number().int(),
});
export type ContactsReport = z.infer<typeof contactsReportSchema>;

/** POST /api/wecom/contacts/links. */
export const contactLinksRequestSchema = z.object({ links: z.array(z.object({ employeeId: z.uuid(), userid: wecomUseridSchema })).min(1).max(1000) });
export const contactLinksResponseSchema = z.object({ linked: z.number().int() });

/** The employee fields contact sync compares; each has a master side. */
export const syncFieldSchema = z.enum(['name', 'unit', 'manager', 'position', 'status']);
export type SyncField = z.infer<typeof syncFieldSchema>;
export const syncMasterSchema = z.enum(['uplift', 'wecom']);
export type SyncMaster = z.infer<typeof syncMasterSchema>;
export const syncSettingsSchema = z.object({ fields: z.record(syncFieldSchema, syncMasterSchema) });
export type SyncSettings = z.infer<typeof syncSettingsSchema>;
/** PUT /api/wecom/sync/settings: only the fields to change. */
export const syncSettingsRequestSchema = z.object({ fields: z.partialRecord(syncFieldSchema, syncMasterSchema) }).refine((v) => Object.keys(v.fields).length > 0, { message: '至少指定一个字段', path: ['fields'] });

const person = { employeeId: z.uuid(), employeeNo: z.string(), name: z.string(), userid: z.string() };
export const syncDiffSchema = z.object({
  /** Unlinked employees matched to a member by employee number (= userid) or by mobile. */
  links: z.array(z.object({ ...person, by: z.enum(['employee_no', 'mobile']) })),
  /** WeCom-master fields to write into Uplift; `to`/`toLabel` is the new value (an id for unit and manager). */
  updates: z.array(z.object({ ...person, field: syncFieldSchema, from: z.string().nullable(), to: z.string().nullable(), toLabel: z.string().nullable() })),
  /** Uplift-master fields that differ: reported, never written to WeCom. */
  differences: z.array(z.object({ ...person, field: syncFieldSchema, uplift: z.string().nullable(), wecom: z.string().nullable() })),
  /** Linked employees whose member was deleted from WeCom (or left, when WeCom is master of status): processed as leavers. */
  leavers: z.array(z.object({ ...person, reason: z.enum(['deleted', 'left']) })),
  /** WeCom departments no org unit is mapped to. */
  unmappedDepartments: z.array(z.object({ id: z.number().int(), name: z.string(), parentid: z.number().int() })),
  /** Last, manual tier: same name in the same department, never applied automatically. */
  proposals: z.array(z.object(person)),
});
export type SyncDiff = z.infer<typeof syncDiffSchema>;
export const syncModeSchema = z.enum(['full', 'daily']);
export const syncRunStatusSchema = z.enum(['preview', 'applied', 'stale', 'failed']);
export const syncCountsSchema = z.object({ links: z.number().int(), updates: z.number().int(), differences: z.number().int(), leavers: z.number().int(), unmappedDepartments: z.number().int(), proposals: z.number().int() });
export const syncRunSchema = z.object({
  id: z.uuid(),
  mode: syncModeSchema,
  status: syncRunStatusSchema,
  hash: z.string(),
  counts: syncCountsSchema,
  diff: syncDiffSchema,
  result: z
    .object({
      linked: z.number().int(),
      updated: z.number().int(),
      leavers: z.number().int(),
      /** Leavers who leave open work behind (reports, units led, HRBP duties): hand it over on their page. */
      handover: z.array(z.object({ employeeId: z.uuid(), employeeNo: z.string(), name: z.string(), reports: z.number().int(), leads: z.number().int(), hrbpOf: z.number().int() })).default([]),
    })
    .nullable(),
  createdAt: z.iso.datetime(),
  appliedAt: z.iso.datetime().nullable(),
});
export type SyncRun = z.infer<typeof syncRunSchema>;
/** POST /api/wecom/sync/preview. */
export const syncPreviewRequestSchema = z.object({ mode: syncModeSchema.default('full') });
/** POST /api/wecom/sync/apply. */
export const syncApplyRequestSchema = z.object({ previewId: z.uuid() });
/** GET /api/wecom/sync/status: the settings and the latest runs (the daily job's included). */
export const syncStatusSchema = z.object({ settings: syncSettingsSchema, lastApplied: syncRunSchema.omit({ diff: true }).nullable(), lastDaily: syncRunSchema.omit({ diff: true }).nullable() });
export type SyncStatus = z.infer<typeof syncStatusSchema>;

/** The simulator's admin knobs the 模拟企业微信 page offers (simulator mode only). */
export const simKnobSchemas = {
  'expire-tokens': z.object({ how: z.enum(['expired', 'invalid']).default('expired') }),
  fault: z.object({ errcode: z.union([z.literal(-1), z.literal(45009)]), times: z.number().int().min(1).max(100).default(1) }),
  visibility: z.object({ parties: z.array(z.number().int().positive()).max(1000), users: z.array(wecomUseridSchema).max(1000).default([]) }),
  sensitive: z.object({ strip: z.boolean() }),
} as const;
export const simKnobSchema = z.enum(['expire-tokens', 'fault', 'visibility', 'sensitive']);
export type SimKnob = z.infer<typeof simKnobSchema>;
/** GET /api/wecom/sim/status. */
export const simStatusSchema = z.object({
  demo: z.boolean(),
  departments: z.array(z.object({ id: z.number().int(), name: z.string(), parentid: z.number().int() })),
  users: z.number().int(),
  gettokenCalls: z.number().int(),
  faults: z.array(z.object({ errcode: z.number().int(), path: z.string().nullable(), remaining: z.number().int() })),
  visibility: z.object({ parties: z.array(z.number().int()), users: z.array(z.string()) }),
  stripSensitive: z.boolean(),
});
export type SimStatus = z.infer<typeof simStatusSchema>;
export const simKnobResultSchema = z.object({ action: simKnobSchema, result: z.record(z.string(), z.unknown()) });

/**
 * Why a sign-in inside WeCom did not finish. The OAuth callback is a browser navigation, so it
 * answers with a redirect to `/login?wecom=<reason>`, and the sign-in page explains the reason.
 */
export const wecomSignInFailureSchema = z.enum(['cancelled', 'state', 'invalid_code', 'not_member', 'no_account', 'unavailable']);
export type WecomSignInFailure = z.infer<typeof wecomSignInFailureSchema>;
