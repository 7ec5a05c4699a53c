import type { Role } from '@uplift/contract';

/** Who opens 流程模板: the HR roles and auditors (managers see a report's preview through the API only). */
export const templateReaderRoles = ['group_hr', 'hr_head', 'hrbp', 'auditor'] as const satisfies readonly Role[];
