import { sql } from 'drizzle-orm';
import type { ApprovalNode, ApproverKind, ResolvedNode } from '@uplift/contract';
import { queryRows, type Db, type Tx } from '../../db/client.ts';
import { gradeAtLeast } from './template-bounds.ts';

export type Approver = { id: string; name: string; employeeNo: string };
export type Approvers = Record<ApproverKind, Approver | null>;

/**
 * The chain for one employee, pure: nodes below their grade do not apply; a node with nobody
 * escalates to the next applicable node that has somebody; when none follows it is unresolved.
 */
export function resolveChain(nodes: readonly ApprovalNode[], grade: string, approvers: Approvers): { nodes: ResolvedNode[]; complete: boolean } {
  const out: ResolvedNode[] = nodes.map((n) => {
    const applies = n.minGrade === null || gradeAtLeast(grade, n.minGrade);
    const person = applies ? approvers[n.kind] : null;
    return { key: n.key, kind: n.kind, minGrade: n.minGrade, status: !applies ? 'not_applicable' : person ? 'resolved' : 'unresolved', person, escalatedTo: null };
  });
  for (let i = 0; i < out.length; i++) {
    const node = out[i]!;
    if (node.status !== 'unresolved') continue;
    const next = out.slice(i + 1).find((n) => n.status === 'resolved');
    if (next) {
      node.status = 'escalated';
      node.escalatedTo = next.key;
    }
  }
  return { nodes: out, complete: !out.some((n) => n.status === 'unresolved') };
}

type Row = { kind: ApproverKind; id: string; name: string; employee_no: string };

/**
 * Who fills each kind of node for the employee, in one round trip: the direct manager, the
 * manager's manager, the HRBP of the nearest unit on their path that has one, the HR head of
 * their subsidiary (vacant = nobody; the group's HR head for people of the group itself), and
 * a group HR. People who have left, and the employee themselves, never approve.
 */
export async function loadApprovers(exec: Db | Tx, employee: { id: string; orgPath: string; managerId: string | null }): Promise<Approvers> {
  const rows = await queryRows<Row>(
    exec as Db,
    sql`
      with me as (select ${employee.id}::uuid as id, ${employee.orgPath}::text as path, ${employee.managerId}::uuid as manager_id),
      candidates as (
        select 'direct_manager' as kind, m.id, m.name, m.employee_no, 0 as rank from me join employees m on m.id = me.manager_id
        union all
        select 'skip_manager', s.id, s.name, s.employee_no, 0 from me join employees m on m.id = me.manager_id join employees s on s.id = m.manager_id
        union all
        (select 'unit_hrbp', e.id, e.name, e.employee_no, u.depth from me join org_units u on me.path like u.path || '%'
           join org_unit_hrbps h on h.unit_id = u.id join employees e on e.id = h.employee_id
           where e.status <> 'left' and e.id <> me.id order by u.depth desc, e.employee_no limit 1)
        union all
        (select 'hr_head', e.id, e.name, e.employee_no, 0 from me join org_units u on me.path like u.path || '%' and u.type in ('subsidiary', 'group')
           left join employees e on e.id = u.hr_head_id order by u.depth desc limit 1)
        union all
        (select 'group_hr', e.id, e.name, e.employee_no, 0 from role_grants g join employees e on e.user_id = g.user_id
           left join org_units gu on gu.id = g.unit_id
           where g.role = 'group_hr' and (g.unit_id is null or gu.parent_id is null) and e.status <> 'left' and e.id <> ${employee.id}
           order by e.employee_no limit 1)
      )
      select c.kind, c.id, c.name, c.employee_no from candidates c
      where c.id is not null and c.id <> ${employee.id}
        and exists (select 1 from employees x where x.id = c.id and x.status <> 'left')`,
  );
  const pick = (kind: ApproverKind): Approver | null => {
    const r = rows.find((x) => x.kind === kind);
    return r ? { id: r.id, name: r.name, employeeNo: r.employee_no } : null;
  };
  return { direct_manager: pick('direct_manager'), skip_manager: pick('skip_manager'), unit_hrbp: pick('unit_hrbp'), hr_head: pick('hr_head'), group_hr: pick('group_hr') };
}
