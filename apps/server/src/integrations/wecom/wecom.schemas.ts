import { z } from 'zod';

// Response shapes of the endpoints Uplift calls (SPEC §2–8). Unknown fields are dropped;
// fields WeCom may omit are optional with a default so callers see one shape.

const ok = z.object({ errcode: z.literal(0), errmsg: z.string() });
/** A `|`-joined id list ("a|b"), as message/send answers; empty or absent → []. */
const pipeList = z
  .string()
  .optional()
  .transform((s) => (s ? s.split('|').filter(Boolean) : []));

export const okSchema = ok;

export const sendResultSchema = ok.extend({
  invaliduser: pipeList,
  invalidparty: pipeList,
  invalidtag: pipeList,
  unlicenseduser: pipeList,
  msgid: z.string().default(''),
  response_code: z.string().optional(),
});
export type SendResult = z.infer<typeof sendResultSchema>;

export const updateCardResultSchema = ok.extend({ invaliduser: z.array(z.string()).default([]) });

export const departmentSchema = z.object({
  id: z.number().int(),
  name: z.string().default(''),
  name_en: z.string().optional(),
  department_leader: z.array(z.string()).default([]),
  parentid: z.number().int(),
  order: z.number().int().default(0),
});
export type WecomDepartment = z.infer<typeof departmentSchema>;
export const departmentListSchema = ok.extend({ department: z.array(departmentSchema).default([]) });
export const departmentGetSchema = ok.extend({ department: departmentSchema });
export const departmentSimpleListSchema = ok.extend({ department_id: z.array(z.object({ id: z.number().int(), parentid: z.number().int(), order: z.number().int().default(0) })).default([]) });

export const userSchema = z.object({
  userid: z.string(),
  name: z.string().default(''),
  department: z.array(z.number().int()).default([]),
  order: z.array(z.number().int()).default([]),
  main_department: z.number().int().optional(),
  position: z.string().default(''),
  is_leader_in_dept: z.array(z.number().int()).default([]),
  direct_leader: z.array(z.string()).default([]),
  status: z.number().int(),
  mobile: z.string().optional(),
  email: z.string().optional(),
  biz_mail: z.string().optional(),
  gender: z.string().optional(),
  telephone: z.string().optional(),
  alias: z.string().optional(),
  english_name: z.string().optional(),
  avatar: z.string().optional(),
  open_userid: z.string().optional(),
});
export type WecomUser = z.infer<typeof userSchema>;
export const userGetSchema = ok.extend(userSchema.shape);
export const userListSchema = ok.extend({ userlist: z.array(userSchema).default([]) });
export const userSimpleListSchema = ok.extend({ userlist: z.array(z.object({ userid: z.string(), name: z.string().default(''), department: z.array(z.number().int()).default([]) })).default([]) });
export const userListIdSchema = ok.extend({
  next_cursor: z.string().default(''),
  dept_user: z.array(z.object({ userid: z.string(), department: z.number().int() })).default([]),
});

const shareSchema = z.object({ userid: z.string(), permission: z.number().int().optional() });
export const calendarSchema = z.object({
  cal_id: z.string(),
  admins: z.array(z.string()).default([]),
  summary: z.string(),
  color: z.string().default(''),
  description: z.string().default(''),
  shares: z.array(shareSchema).default([]),
  is_public: z.number().int().optional(),
  is_corp_calendar: z.number().int().optional(),
});
export const calendarAddSchema = ok.extend({ cal_id: z.string() });
// the doc's sample spells `adminis`: accept it as admins
export const calendarGetSchema = ok.extend({
  calendar_list: z
    .array(z.preprocess((c) => (c !== null && typeof c === 'object' && !('admins' in c) && 'adminis' in c ? { ...c, admins: (c as { adminis: unknown }).adminis } : c), calendarSchema))
    .default([]),
});

export const remindersSchema = z.object({
  is_remind: z.number().int().optional(),
  remind_before_event_secs: z.number().int().optional(),
  remind_time_diffs: z.array(z.number().int()).optional(),
  is_repeat: z.number().int().optional(),
  repeat_type: z.number().int().optional(),
  repeat_until: z.number().int().optional(),
  timezone: z.number().int().optional(),
});
export const scheduleSchema = z.object({
  schedule_id: z.string(),
  admins: z.array(z.string()).default([]),
  attendees: z.array(z.object({ userid: z.string(), response_status: z.number().int().default(0) })).default([]),
  summary: z.string().default(''),
  description: z.string().default(''),
  reminders: remindersSchema.optional(),
  location: z.string().default(''),
  cal_id: z.string().default(''),
  start_time: z.number().int(),
  end_time: z.number().int(),
  /** 0 normal, 1 cancelled: cancelled schedules are still returned. */
  status: z.number().int().default(0),
  is_whole_day: z.number().int().default(0),
  sequence: z.number().int().optional(),
});
export type WecomSchedule = z.infer<typeof scheduleSchema>;
export const scheduleAddSchema = ok.extend({ schedule_id: z.string() });
export const scheduleUpdateSchema = ok.extend({ schedule_id: z.string().optional() });
export const scheduleListSchema = ok.extend({ schedule_list: z.array(scheduleSchema).default([]) });

export const appchatCreateSchema = ok.extend({ chatid: z.string() });
export const appchatGetSchema = ok.extend({
  chat_info: z.object({ chatid: z.string(), name: z.string().default(''), owner: z.string().default(''), userlist: z.array(z.string()).default([]), chat_type: z.number().int().optional() }),
});

export const userInfoSchema = ok.extend({
  userid: z.string().optional(),
  user_ticket: z.string().optional(),
  openid: z.string().optional(),
  external_userid: z.string().optional(),
});
export const userDetailSchema = ok.extend({
  userid: z.string(),
  gender: z.string().optional(),
  avatar: z.string().optional(),
  qr_code: z.string().optional(),
  mobile: z.string().optional(),
  email: z.string().optional(),
  biz_mail: z.string().optional(),
  address: z.string().optional(),
});
export const ticketSchema = ok.extend({ ticket: z.string().min(1), expires_in: z.number().int().positive() });
