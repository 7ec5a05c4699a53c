import { SimError } from './sim.errors.ts';
import { int } from './sim.params.ts';
import { departmentVisible, subtree, userVisible, type SimState, type SimUser, type TokenScope } from './sim.state.ts';
import type { SimRequest, SimRoute } from './sim.types.ts';

// Contact reads (SPEC §4). The app's token sees its visibility range only (60011 outside);
// the contact-sync token sees the whole corp.

const canSeeDept = (s: SimState, scope: TokenScope, id: number) => scope === 'contact' || departmentVisible(s, id);
const canSeeUser = (s: SimState, scope: TokenScope, u: SimUser) => scope === 'contact' || userVisible(s, u);

function deptId(req: SimRequest, required: boolean): number | null {
  const raw = req.query.id ?? req.query.department_id;
  if (raw === undefined || raw === '') {
    if (required) throw new SimError(40058, 'id missing');
    return null;
  }
  if (!/^\d+$/.test(raw)) throw new SimError(60123);
  return Number(raw);
}

function visibleDepartments(s: SimState, scope: TokenScope, root: number | null) {
  if (root !== null) {
    if (!s.departments.has(root)) throw new SimError(60003);
    if (!canSeeDept(s, scope, root)) throw new SimError(60011);
  }
  const ids = root === null ? [...s.departments.keys()] : subtree(s, root);
  return ids.map((id) => s.departments.get(id)!).filter((d) => canSeeDept(s, scope, d.id));
}

/** The user object as an app sees it: leaders filtered to the range, sensitive fields per mode. */
function present(s: SimState, scope: TokenScope, u: SimUser, full: boolean) {
  const visibleLeaders = u.direct_leader.filter((l) => {
    const leader = s.users.get(l);
    return leader !== undefined && canSeeUser(s, scope, leader);
  });
  const sensitive = s.stripSensitive && scope === 'app' ? {} : { mobile: u.mobile, email: u.email, gender: u.gender };
  const base = { userid: u.userid, name: u.name, department: u.department, order: u.department.map(() => 0), main_department: u.main_department, position: u.position, is_leader_in_dept: u.is_leader_in_dept, direct_leader: visibleLeaders, status: u.status, ...sensitive };
  return full ? base : { userid: u.userid, name: u.name, department: u.department };
}

function usersOf(s: SimState, req: SimRequest, full: boolean) {
  const id = deptId(req, true)!;
  if (!s.departments.has(id)) throw new SimError(60003);
  if (!canSeeDept(s, req.scope, id)) throw new SimError(60011);
  const ids = new Set(req.query.fetch_child === '1' ? subtree(s, id) : [id]);
  const userlist = [...s.users.values()].filter((u) => u.department.some((d) => ids.has(d)) && canSeeUser(s, req.scope, u)).map((u) => present(s, req.scope, u, full));
  return { userlist };
}

/** user/list_id: one row per (user, department), a stable order, an opaque offset cursor. */
function listIds(s: SimState, req: SimRequest) {
  const limit = int(req.body, 'limit', { min: 1, max: 10_000 }) ?? 10_000;
  const cursor = typeof req.body.cursor === 'string' && req.body.cursor !== '' ? req.body.cursor : null;
  let offset = 0;
  if (cursor !== null) {
    const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
    if (!/^o:\d+$/.test(decoded)) throw new SimError(40058, 'invalid cursor');
    offset = Number(decoded.slice(2));
  }
  const rows = [...s.users.values()]
    .filter((u) => canSeeUser(s, req.scope, u))
    .sort((a, b) => (a.userid < b.userid ? -1 : a.userid > b.userid ? 1 : 0))
    .flatMap((u) => u.department.map((department) => ({ userid: u.userid, department })));
  const page = rows.slice(offset, offset + limit);
  const next = offset + limit < rows.length ? Buffer.from(`o:${offset + limit}`).toString('base64url') : '';
  return { next_cursor: next, dept_user: page };
}

export const contactRoutes: Record<string, SimRoute> = {
  '/cgi-bin/department/list': {
    method: 'GET',
    handler: (req, { state }) => ({ department: visibleDepartments(state, req.scope, deptId(req, false)).map((d) => ({ ...d })) }),
  },
  '/cgi-bin/department/simplelist': {
    method: 'GET',
    handler: (req, { state }) => ({ department_id: visibleDepartments(state, req.scope, deptId(req, false)).map((d) => ({ id: d.id, parentid: d.parentid, order: d.order })) }),
  },
  '/cgi-bin/department/get': {
    method: 'GET',
    handler: (req, { state }) => {
      const id = deptId(req, true)!;
      const d = state.departments.get(id);
      if (!d) throw new SimError(60003);
      if (!canSeeDept(state, req.scope, id)) throw new SimError(60011);
      return { department: { ...d } };
    },
  },
  '/cgi-bin/user/get': {
    method: 'GET',
    handler: (req, { state }) => {
      const empty = { department: [], order: [], is_leader_in_dept: [], direct_leader: [] };
      const id = req.query.userid?.toLowerCase();
      if (!id) throw new SimError(41009, null, empty);
      const u = state.users.get(id);
      if (!u) throw new SimError(60111, null, empty);
      if (!canSeeUser(state, req.scope, u)) throw new SimError(60011, null, empty);
      return present(state, req.scope, u, true);
    },
  },
  '/cgi-bin/user/list': { method: 'GET', handler: (req, { state }) => usersOf(state, req, true) },
  '/cgi-bin/user/simplelist': { method: 'GET', handler: (req, { state }) => usersOf(state, req, false) },
  '/cgi-bin/user/list_id': { method: 'POST', handler: (req, { state }) => listIds(state, req) },
};
