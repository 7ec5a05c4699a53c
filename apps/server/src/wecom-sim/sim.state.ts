import { randomBytes } from 'node:crypto';
import type { Clock } from '../lib/clock.ts';
import type { MenuButton } from '../integrations/wecom/wecom.menu.ts';

// The simulator keeps its state in memory, per process: it stands in for WeCom's own
// database, which Uplift must never share tables with (no migrations for a test double, no
// risk of a query joining "WeCom's" rows by accident). A restart is a fresh sandbox corp,
// re-seeded from the org on first use; credentials are derived from UPLIFT_SECRET so they
// stay the same across restarts.

export type SimDepartment = { id: number; name: string; name_en: string; parentid: number; order: number; department_leader: string[] };
export type SimUser = {
  userid: string;
  name: string;
  department: number[];
  main_department: number;
  is_leader_in_dept: number[];
  direct_leader: string[];
  position: string;
  /** 1 activated, 2 disabled, 4 not activated, 5 left. */
  status: 1 | 2 | 4 | 5;
  mobile: string;
  email: string;
  gender: '0' | '1' | '2';
};
export type SimCredentials = { corpId: string; agentId: number; secret: string; contactSecret: string; token: string; aesKey: string };
export type TokenScope = 'app' | 'contact';
export type Fault = { errcode: -1 | 45009 | 45033 | 40014 | 42001; path: string | null; remaining: number };

/** One delivered (or dropped) copy of a message to one member: what their phone would show. */
export type Delivery = { msgid: string; userid: string; at: number; body: Record<string, unknown>; dropped: 'rate_limit' | null; recalled: boolean; card: { replaceName: string | null; card: Record<string, unknown> | null } };
export type SentMessage = { msgid: string; at: number; body: Record<string, unknown>; recipients: string[]; taskId: string | null; responseCode: string | null; recalled: boolean };
export type Schedule = {
  schedule_id: string;
  cal_id: string;
  admins: string[];
  attendees: { userid: string; response_status: number }[];
  summary: string;
  description: string;
  location: string;
  start_time: number;
  end_time: number;
  is_whole_day: number;
  reminders: Record<string, unknown>;
  status: 0 | 1;
  sequence: number;
};
export type Calendar = { cal_id: string; admins: string[]; summary: string; color: string; description: string; shares: { userid: string; permission: number }[]; is_public: number; is_corp_calendar: number };
export type AppChat = { chatid: string; name: string; owner: string; userlist: string[]; messages: { at: number; body: Record<string, unknown> }[] };
export type CallbackPush = { at: number; event: string; xml: string; attempts: number; status: number | null; ok: boolean; /** The app's passive reply (encrypted XML), if any. */ reply: string };

/** Everything the simulated corp knows. */
export type SimState = ReturnType<typeof createSimState>;

/** A fresh simulated corp with the given credentials; contacts come from `seed` (see sim.seed.ts). */
export function createSimState(creds: SimCredentials, clock: Clock) {
  return {
    creds,
    clock,
    nowS: () => Math.floor(clock.now().getTime() / 1000),
    departments: new Map<number, SimDepartment>([[1, { id: 1, name: '企业', name_en: 'Corp', parentid: 0, order: 0, department_leader: [] }]]),
    users: new Map<string, SimUser>(),
    seeded: false,
    /** The app's visibility range (可见范围): members of these departments (and below) and these users. */
    visibility: { parties: new Set<number>([1]), users: new Set<string>() },
    /** "New app" mode (created after 2022-06-20): user/get omits mobile, email, gender, … */
    stripSensitive: true,
    tokens: new Map<string, { scope: TokenScope; expiresAt: number; revoked: 'expired' | 'invalid' | null }>(),
    tokenBySecret: new Map<TokenScope, string>(),
    gettokenCalls: 0,
    faults: [] as Fault[],
    messages: new Map<string, SentMessage>(),
    deliveries: [] as Delivery[],
    duplicates: new Map<string, { msgid: string; until: number }>(),
    responseCodes: new Map<string, { msgid: string; expiresAt: number; used: boolean }>(),
    taskIds: new Set<string>(),
    calendars: new Map<string, Calendar>(),
    schedules: new Map<string, Schedule>(),
    chats: new Map<string, AppChat>(),
    /** The app's custom menu (menu/create), shown at the foot of the app in the phone view. */
    menu: [] as MenuButton[],
    oauthCodes: new Map<string, { userid: string; scope: string; expiresAt: number }>(),
    userTickets: new Map<string, { userid: string; expiresAt: number }>(),
    jsapiTickets: new Map<string, { kind: 'corp' | 'agent'; expiresAt: number }>(),
    pushes: [] as CallbackPush[],
  };
}

/** A random id of `n` characters from [0-9a-zA-Z] (tokens, msgids, codes). */
export function randomId(n: number): string {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const bytes = randomBytes(n);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/** Whether the app can see this member: listed, or in a visible department's subtree. */
export function userVisible(s: SimState, u: SimUser): boolean {
  if (s.visibility.users.has(u.userid)) return true;
  return u.department.some((d) => departmentVisible(s, d));
}

/** Whether a department is inside the visibility range (itself or an ancestor is listed). */
export function departmentVisible(s: SimState, id: number): boolean {
  let cur: number | undefined = id;
  for (let hops = 0; cur !== undefined && cur !== 0 && hops < 64; hops++) {
    if (s.visibility.parties.has(cur)) return true;
    cur = s.departments.get(cur)?.parentid;
  }
  return false;
}

/** The department and everything below it. */
export function subtree(s: SimState, id: number): number[] {
  const out = [id];
  for (let i = 0; i < out.length; i++) for (const d of s.departments.values()) if (d.parentid === out[i] && d.id !== 0) out.push(d.id);
  return out;
}
