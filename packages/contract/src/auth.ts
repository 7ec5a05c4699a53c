import { z } from 'zod';

/** Granted roles. `manager` and `employee` are not granted: they follow from the reporting line and the caller's own record. */
export const roles = ['sys_admin', 'group_hr', 'hr_head', 'hrbp', 'executive', 'auditor'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-zA-Z0-9._@-]+$/, '只能包含字母、数字和 . _ @ -');

/** Password rules shared by the form and the endpoint. */
export const passwordPolicy = { minLength: 10, maxLength: 128 } as const;
export const newPasswordSchema = z
  .string()
  .min(passwordPolicy.minLength, `至少 ${passwordPolicy.minLength} 个字符`)
  .max(passwordPolicy.maxLength)
  .refine((p) => /[a-zA-Z]/.test(p) && /[0-9]/.test(p), '需同时包含字母和数字');

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(passwordPolicy.maxLength),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const meSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  locale: z.enum(['zh-CN', 'en-US']),
  mustChangePassword: z.boolean(),
  /** The caller's employee record, if the account belongs to one. */
  employeeId: z.uuid().nullable().optional(),
  /** Has direct reports (the derived manager role). */
  isManager: z.boolean().optional(),
});
export type Me = z.infer<typeof meSchema>;

export const sessionResponseSchema = z.object({ user: meSchema, csrfToken: z.string() });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(passwordPolicy.maxLength),
  newPassword: newPasswordSchema,
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;
