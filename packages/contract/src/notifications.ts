import { z } from 'zod';
import { localizedSchema, pageOf } from './common.ts';

export const notificationActionSchema = z.object({
  key: z.string(),
  label: localizedSchema,
  link: z.string().nullable(),
  /** In WeCom the button acts from the card itself (a callback) instead of opening the link. */
  callback: z.boolean().optional(),
});

export const inboxItemSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: localizedSchema,
  body: localizedSchema.nullable(),
  link: z.string().nullable(),
  actions: z.array(notificationActionSchema),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const inboxQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
  unread: z.enum(['true', 'false']).optional(),
});
export const inboxPageSchema = pageOf(inboxItemSchema);
export type InboxPage = z.infer<typeof inboxPageSchema>;

export const unreadCountSchema = z.object({ unread: z.number().int() });

export const markReadRequestSchema = z.object({
  ids: z.array(z.uuid()).min(1).max(500).optional(),
  all: z.literal(true).optional(),
}).refine((b) => (b.ids ? !b.all : b.all === true), { message: '需提供 ids 或 all=true 之一' });

export const deadLetterSchema = z.object({
  id: z.string(),
  channel: z.string(),
  recipientId: z.uuid(),
  notificationId: z.uuid(),
  kind: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  updatedAt: z.iso.datetime(),
});
export type DeadLetter = z.infer<typeof deadLetterSchema>;
export const deadLetterPageSchema = pageOf(deadLetterSchema);
export const markReadResponseSchema = z.object({ updated: z.number().int() });
