import { SimError } from './sim.errors.ts';
import { int, obj, str, strList, userRefs } from './sim.params.ts';
import { eventXml } from './sim.pusher.ts';
import { randomId, type Calendar, type Schedule } from './sim.state.ts';
import type { SimContext, SimRoute } from './sim.types.ts';

// Calendars and schedules (SPEC §5): overwrite semantics on update, cancelled schedules stay
// readable with status 1, add/modify/delete_schedule callbacks pushed to the app.

const DEFAULT_CAL = 'default';

function scheduleFields(s: Record<string, unknown>, prev: Schedule | null): Omit<Schedule, 'schedule_id' | 'status' | 'sequence'> {
  const start = int(s, 'start_time', { required: true, min: 0 })!;
  const end = int(s, 'end_time', { required: true, min: 0 })!;
  if (end < start) throw new SimError(40058, 'end_time before start_time');
  // the legacy form names an organizer instead of admins: accept both (SPEC §5.2)
  const organizer = str(s, 'organizer');
  const admins = strList(s, 'admins', 3).map((a) => a.toLowerCase());
  return {
    cal_id: prev?.cal_id ?? str(s, 'cal_id') ?? DEFAULT_CAL,
    admins: admins.length > 0 ? admins : organizer ? [organizer.toLowerCase()] : [],
    attendees: userRefs(s, 'attendees', 1000).map((userid) => ({ userid, response_status: prev?.attendees.find((a) => a.userid === userid)?.response_status ?? 0 })),
    summary: str(s, 'summary', { max: 128 }) ?? '新建事件',
    description: str(s, 'description', { max: 1000 }) ?? '',
    location: str(s, 'location', { max: 128 }) ?? '',
    start_time: start,
    end_time: end,
    is_whole_day: int(s, 'is_whole_day', { min: 0, max: 1 }) ?? 0,
    reminders: obj(s, 'reminders') ?? {},
  };
}

function notify(ctx: SimContext, event: 'add_schedule' | 'modify_schedule' | 'delete_schedule', sch: Schedule) {
  void ctx.pusher.push(eventXml(ctx.state, event, 'sys', { CalId: sch.cal_id, ScheduleId: sch.schedule_id }), event);
}

function found(ctx: SimContext, id: string | null): Schedule {
  const sch = id ? ctx.state.schedules.get(id) : undefined;
  if (!sch) throw new SimError(40058, 'schedule_id not found');
  return sch;
}

export const oaRoutes: Record<string, SimRoute> = {
  '/cgi-bin/oa/calendar/add': {
    method: 'POST',
    handler: (req, { state }) => {
      const c = obj(req.body, 'calendar', true)!;
      const cal: Calendar = {
        cal_id: randomId(32),
        admins: strList(c, 'admins', 3).map((a) => a.toLowerCase()),
        summary: str(c, 'summary', { required: true, max: 128 })!,
        color: str(c, 'color', { required: true })!,
        description: str(c, 'description', { max: 512 }) ?? '',
        shares: userRefs(c, 'shares', 2000).map((userid) => ({ userid, permission: 1 })),
        is_public: int(c, 'is_public') ?? 0,
        is_corp_calendar: int(c, 'is_corp_calendar') ?? 0,
      };
      if (!/^#[0-9A-Fa-f]{6}$/.test(cal.color)) throw new SimError(40058, 'color must be #RRGGBB');
      state.calendars.set(cal.cal_id, cal);
      return { cal_id: cal.cal_id, fail_result: { shares: [] } };
    },
  },
  '/cgi-bin/oa/calendar/get': {
    method: 'POST',
    handler: (req, { state }) => ({ calendar_list: strList(req.body, 'cal_id_list', 1000).flatMap((id) => state.calendars.get(id) ?? []) }),
  },
  '/cgi-bin/oa/calendar/del': {
    method: 'POST',
    handler: (req, { state }) => {
      if (!state.calendars.delete(str(req.body, 'cal_id', { required: true })!)) throw new SimError(40058, 'cal_id not found');
      return {};
    },
  },
  '/cgi-bin/oa/schedule/add': {
    method: 'POST',
    handler: (req, ctx) => {
      const fields = scheduleFields(obj(req.body, 'schedule', true)!, null);
      if (fields.cal_id !== DEFAULT_CAL && !ctx.state.calendars.has(fields.cal_id)) throw new SimError(40058, 'cal_id not created by this app');
      const sch: Schedule = { schedule_id: randomId(32), status: 0, sequence: 1, ...fields };
      ctx.state.schedules.set(sch.schedule_id, sch);
      notify(ctx, 'add_schedule', sch);
      return { schedule_id: sch.schedule_id };
    },
  },
  '/cgi-bin/oa/schedule/update': {
    method: 'POST',
    handler: (req, ctx) => {
      const body = obj(req.body, 'schedule', true)!;
      const prev = found(ctx, str(body, 'schedule_id', { required: true }));
      if (prev.status === 1) throw new SimError(40058, 'schedule cancelled');
      const fields = scheduleFields(body, prev);
      // overwrite, not incremental; skip_attendees keeps the current attendees
      if (int(req.body, 'skip_attendees') === 1) fields.attendees = prev.attendees;
      Object.assign(prev, fields, { sequence: prev.sequence + 1 });
      notify(ctx, 'modify_schedule', prev);
      return { schedule_id: prev.schedule_id };
    },
  },
  '/cgi-bin/oa/schedule/get': {
    method: 'POST',
    handler: (req, { state }) => ({ schedule_list: strList(req.body, 'schedule_id_list', 1000).flatMap((id) => state.schedules.get(id) ?? []) }),
  },
  '/cgi-bin/oa/schedule/get_by_calendar': {
    method: 'POST',
    handler: (req, { state }) => {
      const cal = str(req.body, 'cal_id', { required: true })!;
      if (!state.calendars.has(cal)) throw new SimError(40058, 'cal_id not created by this app');
      const offset = int(req.body, 'offset', { min: 0 }) ?? 0;
      const limit = int(req.body, 'limit', { min: 1, max: 1000 }) ?? 500;
      return { schedule_list: [...state.schedules.values()].filter((x) => x.cal_id === cal).slice(offset, offset + limit) };
    },
  },
  '/cgi-bin/oa/schedule/del': {
    method: 'POST',
    handler: (req, ctx) => {
      const sch = found(ctx, str(req.body, 'schedule_id', { required: true }));
      if (sch.status === 0) {
        sch.status = 1;
        notify(ctx, 'delete_schedule', sch);
      }
      return {};
    },
  },
  '/cgi-bin/oa/schedule/add_attendees': {
    method: 'POST',
    handler: (req, ctx) => {
      const sch = found(ctx, str(req.body, 'schedule_id', { required: true }));
      for (const userid of userRefs(req.body, 'attendees', 1000)) if (!sch.attendees.some((a) => a.userid === userid)) sch.attendees.push({ userid, response_status: 0 });
      if (sch.attendees.length > 1000) throw new SimError(40058, 'attendees: at most 1000');
      notify(ctx, 'modify_schedule', sch);
      return {};
    },
  },
  '/cgi-bin/oa/schedule/del_attendees': {
    method: 'POST',
    handler: (req, ctx) => {
      const sch = found(ctx, str(req.body, 'schedule_id', { required: true }));
      const gone = new Set(userRefs(req.body, 'attendees', 1000));
      sch.attendees = sch.attendees.filter((a) => !gone.has(a.userid));
      notify(ctx, 'modify_schedule', sch);
      return {};
    },
  },
};
