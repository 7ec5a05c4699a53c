import { z } from 'zod';
import { storedFileSchema } from './policies.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式为 HH:MM');

export const checkinKinds = ['one_on_one', 'three_party'] as const;
export type CheckinKind = (typeof checkinKinds)[number];
export const checkinStatuses = ['scheduled', 'held', 'cancelled'] as const;
export const checkinRsvpStatuses = ['pending', 'tentative', 'accepted', 'declined'] as const;

const ref = z.object({ id: z.uuid(), name: z.string() });

/** One check-in of a plan as the API shows it. */
export const checkinSchema = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  kind: z.enum(checkinKinds),
  origin: z.enum(['cadence', 'ad_hoc']),
  status: z.enum(checkinStatuses),
  scheduledAt: z.string(),
  scheduledOn: z.string(),
  rescheduledFrom: z.string().nullable(),
  rescheduleReason: z.string().nullable(),
  cancelReason: z.string().nullable(),
  minutes: z.string().nullable(),
  minutesRecordedAt: z.string().nullable(),
  minutesDueOn: z.string(),
  /** the minutes are not recorded and their due date has passed */
  overdue: z.boolean(),
  employeeConfirmedAt: z.string().nullable(),
  progress: z.array(z.object({ goalId: z.uuid(), percent: z.number().int(), comment: z.string() })),
  comments: z.array(z.object({ id: z.uuid(), author: z.string(), body: z.string(), at: z.string() })),
  /** files attached to the minutes (SHA-256 recorded at upload) */
  attachments: z.array(storedFileSchema),
  /**
   * Answers to the meeting's WeCom schedule, where WeCom reported any. Informative: attendance
   * is the employee's confirmation of the minutes, not an accepted invitation.
   */
  rsvp: z.array(z.object({ name: z.string(), status: z.enum(checkinRsvpStatuses) })).optional(),
});
export type Checkin = z.infer<typeof checkinSchema>;
export const checkinListSchema = z.object({ items: z.array(checkinSchema) });

/** A new time: a business date and a wall time (business time zone). */
export const rescheduleCheckinSchema = z.object({ date: z.iso.date(), time: hhmm, reason: text(1000) });
/** An ad hoc check-in; without a date and time it starts now (a manager's 1:1 at any time). */
export const createCheckinSchema = z.object({ kind: z.enum(checkinKinds).default('one_on_one'), date: z.iso.date().optional(), time: hhmm.optional() });
export const cancelCheckinSchema = z.object({ reason: text(1000) });
export const recordMinutesSchema = z.object({
  minutes: text(20000),
  progress: z.array(z.object({ goalId: z.uuid(), percent: z.number().int().min(0).max(100), comment: z.string().trim().max(2000).default('') })).max(50),
});
export const checkinCommentSchema = z.object({ body: text(4000) });
export const checkinParamSchema = z.object({ id: z.uuid() });

/** Check-ins whose minutes are overdue, for an HRBP across their units (HR: in scope). */
export const overdueCheckinsSchema = z.object({
  items: z.array(z.object({ id: z.uuid(), planId: z.uuid(), kind: z.enum(checkinKinds), scheduledOn: z.string(), minutesDueOn: z.string(), employee: ref, manager: ref.nullable() })),
});
