import type { Clock } from '../../lib/clock.ts';
import type { MessageBody } from './wecom.messages.ts';
import type { AppMenu } from './wecom.menu.ts';
import { createWecomHttp, type WecomHttpDeps } from './wecom.http.ts';
import * as s from './wecom.schemas.ts';

/** Recipients of an app message; userids joined with `|` on the wire (≤1000). */
export type Recipients = { touser?: string[] | '@all'; toparty?: number[]; totag?: number[] };
export type SendOptions = { safe?: boolean; duplicateCheckSeconds?: number | null };

export type ScheduleInput = {
  admins?: string[];
  start_time: number;
  end_time: number;
  is_whole_day?: 0 | 1;
  attendees?: { userid: string }[];
  summary?: string;
  description?: string;
  location?: string;
  cal_id?: string;
  reminders?: Record<string, unknown>;
};
export type CalendarInput = { summary: string; color: string; description?: string; admins?: string[]; shares?: { userid: string; permission?: number }[]; set_as_default?: 0 | 1 };
export type AppChatMessage = { msgtype: 'text'; text: { content: string } } | { msgtype: 'markdown'; markdown: { content: string } } | { msgtype: 'textcard'; textcard: Record<string, string> };

export type WecomClientDeps = WecomHttpDeps & { agentId: number };

/** The typed WeCom client: one method per endpoint Uplift uses (SPEC §2–8), responses validated. */
export function createWecomClient(deps: WecomClientDeps) {
  const http = createWecomHttp(deps);
  const { call } = http;
  const agentid = deps.agentId;
  const tickets = ticketCache(deps.clock);

  return {
    http,
    agentId: agentid,
    corpId: deps.corpId,

    /** message/send; partial failures come back in invaliduser (lower-cased), all invalid → 81013. */
    sendMessage: (to: Recipients, message: MessageBody, opt: SendOptions = {}) =>
      call('POST', '/cgi-bin/message/send', s.sendResultSchema, {
        body: {
          ...(to.touser !== undefined && { touser: to.touser === '@all' ? '@all' : to.touser.join('|') }),
          ...(to.toparty && { toparty: to.toparty.join('|') }),
          ...(to.totag && { totag: to.totag.join('|') }),
          agentid,
          ...message,
          ...(opt.safe && { safe: 1 }),
          ...(opt.duplicateCheckSeconds != null && { enable_duplicate_check: 1, duplicate_check_interval: opt.duplicateCheckSeconds }),
        },
      }),
    /** Greys out the buttons of a sent card (response_code is single use, 72 h). */
    updateTemplateCardButton: (responseCode: string, replaceName: string, to: { userids?: string[]; atall?: boolean } = {}) =>
      call('POST', '/cgi-bin/message/update_template_card', s.updateCardResultSchema, {
        body: { ...(to.userids && { userids: to.userids }), ...(to.atall && { atall: 1 }), agentid, response_code: responseCode, button: { replace_name: replaceName } },
      }),
    updateTemplateCard: (responseCode: string, card: Record<string, unknown>, to: { userids?: string[]; atall?: boolean } = {}) =>
      call('POST', '/cgi-bin/message/update_template_card', s.updateCardResultSchema, {
        body: { ...(to.userids && { userids: to.userids }), ...(to.atall && { atall: 1 }), agentid, response_code: responseCode, template_card: card },
      }),
    /** The app's custom menu (replaces the previous one). */
    createMenu: (menu: AppMenu) => call('POST', '/cgi-bin/menu/create', s.okSchema, { query: { agentid }, body: menu }),
    recallMessage: (msgid: string) => call('POST', '/cgi-bin/message/recall', s.okSchema, { body: { msgid } }),

    listDepartments: (id?: number) => call('GET', '/cgi-bin/department/list', s.departmentListSchema, { scope: 'contact', query: { id } }),
    listDepartmentIds: (id?: number) => call('GET', '/cgi-bin/department/simplelist', s.departmentSimpleListSchema, { scope: 'contact', query: { id } }),
    getDepartment: (id: number) => call('GET', '/cgi-bin/department/get', s.departmentGetSchema, { scope: 'contact', query: { id } }),
    getUser: (userid: string) => call('GET', '/cgi-bin/user/get', s.userGetSchema, { scope: 'contact', query: { userid } }),
    listUsers: (departmentId: number) => call('GET', '/cgi-bin/user/list', s.userListSchema, { scope: 'contact', query: { department_id: departmentId } }),
    listUsersSimple: (departmentId: number) => call('GET', '/cgi-bin/user/simplelist', s.userSimpleListSchema, { scope: 'contact', query: { department_id: departmentId } }),
    /** One page of (userid, department) pairs; an empty next_cursor means done. */
    listUserIds: (page: { cursor?: string; limit?: number } = {}) => call('POST', '/cgi-bin/user/list_id', s.userListIdSchema, { scope: 'contact', body: page }),
    /** Every (userid, department) pair, following the cursor to the end. */
    async allUserIds(limit = 10_000) {
      const rows: { userid: string; department: number }[] = [];
      let cursor: string | undefined;
      do {
        const page = await call('POST', '/cgi-bin/user/list_id', s.userListIdSchema, { scope: 'contact', body: { ...(cursor && { cursor }), limit } });
        rows.push(...page.dept_user);
        cursor = page.next_cursor || undefined;
      } while (cursor);
      return rows;
    },

    addCalendar: (calendar: CalendarInput) => call('POST', '/cgi-bin/oa/calendar/add', s.calendarAddSchema, { body: { calendar, agentid } }),
    getCalendars: (calIds: string[]) => call('POST', '/cgi-bin/oa/calendar/get', s.calendarGetSchema, { body: { cal_id_list: calIds } }),
    deleteCalendar: (calId: string) => call('POST', '/cgi-bin/oa/calendar/del', s.okSchema, { body: { cal_id: calId } }),
    addSchedule: (schedule: ScheduleInput) => call('POST', '/cgi-bin/oa/schedule/add', s.scheduleAddSchema, { body: { schedule, agentid } }),
    /** Overwrites the schedule (not incremental). */
    updateSchedule: (schedule: ScheduleInput & { schedule_id: string }, opts: { skipAttendees?: boolean } = {}) =>
      call('POST', '/cgi-bin/oa/schedule/update', s.scheduleUpdateSchema, { body: { ...(opts.skipAttendees && { skip_attendees: 1 }), schedule } }),
    getSchedules: (ids: string[]) => call('POST', '/cgi-bin/oa/schedule/get', s.scheduleListSchema, { body: { schedule_id_list: ids } }),
    getSchedulesByCalendar: (calId: string, page: { offset?: number; limit?: number } = {}) => call('POST', '/cgi-bin/oa/schedule/get_by_calendar', s.scheduleListSchema, { body: { cal_id: calId, ...page } }),
    /** Cancels the schedule; get still returns it, with status 1. */
    cancelSchedule: (scheduleId: string) => call('POST', '/cgi-bin/oa/schedule/del', s.okSchema, { body: { schedule_id: scheduleId } }),
    addScheduleAttendees: (scheduleId: string, userids: string[]) => call('POST', '/cgi-bin/oa/schedule/add_attendees', s.okSchema, { body: { schedule_id: scheduleId, attendees: userids.map((userid) => ({ userid })) } }),
    removeScheduleAttendees: (scheduleId: string, userids: string[]) => call('POST', '/cgi-bin/oa/schedule/del_attendees', s.okSchema, { body: { schedule_id: scheduleId, attendees: userids.map((userid) => ({ userid })) } }),

    createAppChat: (chat: { name: string; owner?: string; userlist: string[]; chatid?: string }) => call('POST', '/cgi-bin/appchat/create', s.appchatCreateSchema, { body: chat }),
    updateAppChat: (chat: { chatid: string; name?: string; owner?: string; add_user_list?: string[]; del_user_list?: string[] }) => call('POST', '/cgi-bin/appchat/update', s.okSchema, { body: chat }),
    getAppChat: (chatid: string) => call('GET', '/cgi-bin/appchat/get', s.appchatGetSchema, { query: { chatid } }),
    sendAppChat: (chatid: string, message: AppChatMessage, opt: { safe?: boolean } = {}) => call('POST', '/cgi-bin/appchat/send', s.okSchema, { body: { chatid, ...message, ...(opt.safe && { safe: 1 }) } }),

    /** OAuth code → userid (members) or openid (non-members); 40029 when used or expired. */
    getUserInfo: (code: string) => call('GET', '/cgi-bin/auth/getuserinfo', s.userInfoSchema, { query: { code } }),
    getUserDetail: (userTicket: string) => call('POST', '/cgi-bin/auth/getuserdetail', s.userDetailSchema, { body: { user_ticket: userTicket } }),

    /** The corp jsapi_ticket (wx.config), cached until 5 min before expiry. */
    corpJsapiTicket: () => tickets.get('corp', () => call('GET', '/cgi-bin/get_jsapi_ticket', s.ticketSchema)),
    /** The agent ticket (wx.agentConfig) of this app. */
    agentJsapiTicket: () => tickets.get('agent', () => call('GET', '/cgi-bin/ticket/get', s.ticketSchema, { query: { type: 'agent_config' } })),
  };
}

export type WecomClient = ReturnType<typeof createWecomClient>;

/** Tickets are rate limited (≤100/hour per app): cache them, one fetch in flight per kind. */
function ticketCache(clock: Clock) {
  const cached = new Map<string, { ticket: string; expiresAt: number }>();
  const inflight = new Map<string, Promise<string>>();
  return {
    async get(kind: string, load: () => Promise<{ ticket: string; expires_in: number }>): Promise<string> {
      const hit = cached.get(kind);
      if (hit && clock.now().getTime() < hit.expiresAt - 300_000) return hit.ticket;
      let p = inflight.get(kind);
      if (!p) {
        p = load()
          .then((r) => {
            cached.set(kind, { ticket: r.ticket, expiresAt: clock.now().getTime() + r.expires_in * 1000 });
            return r.ticket;
          })
          .finally(() => inflight.delete(kind));
        inflight.set(kind, p);
      }
      return p;
    },
  };
}

/** The in-client OAuth link (SPEC §8.1); `#wechat_redirect` is mandatory. */
export function oauthAuthorizeUrl(o: { authorizeBase: string; corpId: string; agentId: number; redirectUri: string; state: string; scope?: 'snsapi_base' | 'snsapi_privateinfo' }): string {
  const q = new URLSearchParams({ appid: o.corpId, redirect_uri: o.redirectUri, response_type: 'code', scope: o.scope ?? 'snsapi_base', state: o.state, agentid: String(o.agentId) });
  return `${o.authorizeBase}/connect/oauth2/authorize?${q.toString()}#wechat_redirect`;
}

/** The browser QR sign-in (企业微信Web登录, SPEC §8.2): the member scans with the WeCom app. */
export function qrLoginUrl(o: { loginBase: string; corpId: string; agentId: number; redirectUri: string; state: string }): string {
  const q = new URLSearchParams({ login_type: 'CorpApp', appid: o.corpId, agentid: String(o.agentId), redirect_uri: o.redirectUri, state: o.state });
  return `${o.loginBase}/wwlogin/sso/login?${q.toString()}`;
}
