import { z } from 'zod';

/** Text in the languages the UI speaks; zh-CN is required, en-US optional. */
export const localizedSchema = z.object({
  'zh-CN': z.string().min(1),
  'en-US': z.string().min(1).optional(),
});
export type Localized = z.infer<typeof localizedSchema>;

/** Keyset pagination: an opaque cursor and a bounded page size. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  cursor: z.string().max(200).optional(),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** A page of items and the cursor of the next one (null on the last page). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const okSchema = z.object({ ok: z.literal(true) });
export const idParamSchema = z.object({ id: z.uuid() });
