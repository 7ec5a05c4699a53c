import { z } from 'zod';
import { pageOf } from './common.ts';
import { newPasswordSchema, roleSchema, usernameSchema } from './auth.ts';

export const userAccountSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type UserAccount = z.infer<typeof userAccountSchema>;
export const userAccountPageSchema = pageOf(userAccountSchema);

export const createUserRequestSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(100),
  roles: z.array(roleSchema).max(10).default([]),
  /** Omit to generate a one-time password that is shown once and must be changed at first sign-in. */
  password: newPasswordSchema.optional(),
});
export const createUserResponseSchema = z.object({ user: userAccountSchema, initialPassword: z.string().nullable() });

export const updateUserRequestSchema = z.object({
  displayName: z.string().trim().min(1).max(100).optional(),
  roles: z.array(roleSchema).max(10).optional(),
  disabled: z.boolean().optional(),
});
