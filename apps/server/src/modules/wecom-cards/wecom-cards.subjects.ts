import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import type { Access } from '../access/access.ts';
import type { AuditContext } from '../audit/audit.service.ts';
import type { CardRow, WecomCards } from './wecom-cards.module.ts';

// The cards of a plan's life in WeCom, by subject: an approval step (同意 from the card, 驳回 on
// the page with the comment it needs), an acknowledgment (opened on the page, where exactly what
// is shown is signed), minutes to confirm (确认 from the card), an evaluation part (on the page).

/** Card subject types, as notifications name them in `payload.subject.type`. */
export const CARD = {
  approval: 'pip_step',
  acknowledgment: 'ack',
  minutes: 'checkin_minutes',
  evaluation: 'evaluation_part',
} as const;

/** The subject id of an acknowledgment card: what is signed, and which version. */
export const ackCardId = (ackSubjectType: string, id: string, version: number) => `${ackSubjectType}:${id}:${version}`;

const ENDED = new Set(['closed', 'cancelled', 'archived']);

export type PipCardServices = {
  approve(access: Access, ctx: AuditContext, planId: string): Promise<unknown>;
  confirmMinutes(access: Access, ctx: AuditContext, checkinId: string): Promise<void>;
};

export function registerPipCards(cards: WecomCards, db: Db, s: PipCardServices): void {
  const one = async <T>(q: ReturnType<typeof sql>) => (await queryRows<T>(db, q))[0] ?? null;

  cards.register(CARD.approval, {
    async settled(_db, card) {
      const step = await one<{ status: string; approver_user: string | null; delegate_user: string | null; delegate_id: string | null }>(sql`
        select s.status, a.user_id as approver_user, d.user_id as delegate_user, s.delegate_id
        from pip_approval_steps s join employees a on a.id = s.approver_id left join employees d on d.id = s.delegate_id
        where s.id = ${card.subjectId}`);
      if (!step) return '已失效';
      if (step.status === 'approved') return '已同意';
      if (step.status === 'rejected') return '已驳回';
      if (step.status === 'superseded') return '已撤回';
      // delegated while away: the approver's card is done, the delegate's is the one that asks
      if (step.delegate_id && step.delegate_user !== card.recipientId) return '已转交他人';
      if (!step.delegate_id && step.approver_user !== card.recipientId) return '已转交他人';
      return null;
    },
    act: {
      'pip.approve': async (access, ctx, card) => {
        const step = await one<{ status: string }>(sql`select status from pip_approval_steps where id = ${card.subjectId}`);
        if (step?.status !== 'pending') throw new AppError('CONFLICT', '该审批步骤已处理');
        await s.approve(access, ctx, card.planId!);
      },
    },
  });

  cards.register(CARD.acknowledgment, {
    async settled(_db, card) {
      const [type, id, version] = card.subjectId.split(':');
      const ack = await one<{ status: string }>(sql`
        select a.status from acknowledgments a join employees e on e.id = a.employee_id
        where a.subject_type = ${type} and a.subject_id = ${id}::uuid and a.subject_version = ${Number(version)} and e.user_id = ${card.recipientId}`);
      if (ack) return ack.status === 'refused' ? '已记录拒签' : '已签收';
      if (card.planId) {
        const plan = await one<{ state: string; goals_version: number }>(sql`select state, goals_version from pip_plans where id = ${card.planId}`);
        if (!plan || ENDED.has(plan.state)) return '已失效';
        // a plan's goals changed again: a newer card asks for the new version
        if (type === 'pip_plan' && plan.goals_version > Number(version)) return '已更新';
      }
      return null;
    },
  });

  cards.register(CARD.minutes, {
    async settled(_db, card) {
      const c = await one<{ status: string; minutes_recorded_at: Date | null; employee_confirmed_at: Date | null }>(sql`select status, minutes_recorded_at, employee_confirmed_at from checkins where id = ${card.subjectId}`);
      if (!c || c.status === 'cancelled') return '已取消';
      if (c.employee_confirmed_at) return '已确认';
      // the minutes were written again after this card went out: a newer card asks
      if (c.minutes_recorded_at && new Date(c.minutes_recorded_at).getTime() > card.sentAt.getTime()) return '纪要已更新';
      return null;
    },
    act: {
      'checkin.confirm': (access, ctx, card) => s.confirmMinutes(access, ctx, card.subjectId),
    },
  });

  cards.register(CARD.evaluation, {
    async settled(_db, card: CardRow) {
      const [id, part] = card.subjectId.split(':');
      const e = await one<{ status: string; manager_at: Date | null; self_at: Date | null; hrbp_at: Date | null }>(sql`select status, manager_at, self_at, hrbp_at from pip_evaluations where id = ${id}`);
      if (!e || e.status === 'cancelled') return '已取消';
      const at = part === 'manager' ? e.manager_at : part === 'self' ? e.self_at : e.hrbp_at;
      return at ? '已提交' : null;
    },
  });
}

const L = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

/**
 * What a notification that asks something carries (its subject and buttons): in WeCom it becomes
 * an interactive card, in the inbox its buttons open the same pages.
 */
export const asks = {
  /** An approval step: 同意 from the card; 驳回 opens the page, since it needs a comment. */
  approval: (planId: string, stepId: string) => ({
    subject: { type: CARD.approval, id: stepId, planId },
    actions: [
      { key: 'pip.approve', label: L('同意', 'Approve'), link: `/pips/${planId}?decide=approve`, callback: true },
      { key: 'pip.reject', label: L('驳回', 'Reject'), link: `/pips/${planId}?decide=reject` },
    ],
  }),
  /** An acknowledgment: only on the page, where exactly what is shown is signed. */
  acknowledgment: (ack: { type: string; id: string; version: number }, planId: string, link: string) => ({
    subject: { type: CARD.acknowledgment, id: ackCardId(ack.type, ack.id, ack.version), planId },
    actions: [{ key: 'ack.open', label: L('查看并签收', 'Read and acknowledge'), link }],
  }),
  /** Minutes to confirm: from the card, or read them first on the page. */
  minutes: (planId: string, checkinId: string, link: string) => ({
    subject: { type: CARD.minutes, id: checkinId, planId },
    actions: [
      { key: 'checkin.confirm', label: L('确认纪要', 'Confirm'), link, callback: true },
      { key: 'checkin.open', label: L('查看纪要', 'Read'), link },
    ],
  }),
  /** A part of an evaluation: rated on the page, goal by goal. */
  evaluation: (planId: string, evaluationId: string, part: 'manager' | 'self' | 'hrbp', link: string) => ({
    subject: { type: CARD.evaluation, id: `${evaluationId}:${part}`, planId },
    actions: [{ key: 'evaluation.open', label: part === 'manager' ? L('去评估', 'Evaluate') : part === 'self' ? L('去自评', 'Self-assess') : L('写评语', 'Comment'), link }],
  }),
};
