import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { employees, users, wecomCardClicks, wecomCards } from '../../db/schema/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { AppError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { WecomClient } from '../../integrations/wecom/wecom.client.ts';
import { transient, WeComApiError } from '../../integrations/wecom/wecom.errors.ts';
import { templateCardClick } from '../../integrations/wecom/wecom.event-parsers.ts';
import type { EventRegistry } from '../../integrations/wecom/wecom.events.ts';
import { textMessage } from '../../integrations/wecom/wecom.messages.ts';
import { loadAccess, type Access } from '../access/access.ts';
import { systemActor, type Audit, type AuditContext } from '../audit/audit.service.ts';
import type { Auth } from '../auth/auth.service.ts';
import type { PipObserver } from '../pip/pip.record.ts';

export type CardRow = typeof wecomCards.$inferSelect;

/**
 * What a kind of card is about. `settled` says whether the card still asks (null) or what its
 * buttons become (已同意, 已签收…); `act` runs a callback button as the clicking member, through
 * the same service call and checks as the web (an AppError refuses it).
 */
export type CardSubject = {
  settled(db: Db, card: CardRow): Promise<string | null>;
  act?: Record<string, (access: Access, ctx: AuditContext, card: CardRow) => Promise<void>>;
};

export type WecomCardsDeps = { db: Db; clock: Clock; client: WecomClient; audit: Audit; auth: Auth; events: EventRegistry; log: Logger; enabled: boolean };
export type CardsDrainResult = { clicks: number; refused: number; closed: number; updated: number; failed: number };

const LEASE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 8;
const BATCH = 100;
const RESPONSE_CODE_MS = 72 * 3_600_000;
const WECOM = systemActor('system:wecom');

/**
 * Interactive WeCom cards: a click arrives as template_card_event, is recorded in the callback's
 * transaction and carried out right after it (and by the drain, should the process die first) as
 * the member who clicked, with the web's permission checks. A card whose subject is settled, from
 * WeCom or on the web, is greyed out for everyone with update_template_card.
 */
export function createWecomCards(deps: WecomCardsDeps) {
  const { db, clock, client, audit } = deps;
  const subjects = new Map<string, CardSubject>();

  if (deps.enabled) {
    deps.events.on('template_card_event', async (tx, e) => {
      const click = templateCardClick(e);
      // only our cards: another app's task ids are not ours to answer
      if (!click || !click.taskId.startsWith('uplift-')) return;
      await tx.insert(wecomCardClicks).values({ taskId: click.taskId, wecomUserId: click.userid.toLowerCase(), eventKey: click.eventKey, responseCode: click.responseCode, status: 'pending', receivedAt: clock.now() });
    });
  }

  /** Something happened to the plan: its open cards are looked at again by the drain. */
  const observe: PipObserver = async (tx, _ctx, planId) => {
    await tx.update(wecomCards).set({ checkDue: true, nextAttemptAt: clock.now() }).where(and(eq(wecomCards.planId, planId), eq(wecomCards.status, 'open')));
  };

  /** The same for cards about a subject outside plans (a policy version). */
  async function flag(tx: Tx, subjectType: string, subjectId: string): Promise<void> {
    await tx
      .update(wecomCards)
      .set({ checkDue: true, nextAttemptAt: clock.now() })
      .where(and(eq(wecomCards.subjectType, subjectType), eq(wecomCards.subjectId, subjectId), eq(wecomCards.status, 'open')));
  }

  /** The member's Uplift identity: an employee on WeCom who has not left, with an enabled account. */
  async function accessOf(wecomUserId: string): Promise<Access | null> {
    const [row] = await db
      .select({ user: users })
      .from(employees)
      .innerJoin(users, eq(users.id, employees.userId))
      .where(and(sql`lower(${employees.wecomUserId}) = ${wecomUserId}`, sql`${employees.status} <> 'left'`));
    if (!row || row.user.disabled) return null;
    return loadAccess(db, { ...deps.auth.toMe(row.user), sessionId: 'wecom-card', csrfToken: '' });
  }

  /** Asks the card's subject whether it is settled; a settled card is closed and queued for its update. */
  async function check(card: CardRow): Promise<boolean> {
    const subject = subjects.get(card.subjectType);
    const text = subject ? await subject.settled(db, card) : '已失效';
    const now = clock.now();
    if (text === null) {
      await db.update(wecomCards).set({ checkDue: false }).where(eq(wecomCards.taskId, card.taskId));
      return false;
    }
    await db
      .update(wecomCards)
      .set({ status: 'closed', closedText: text, closedAt: now, checkDue: false, updateStatus: 'pending', nextAttemptAt: now })
      .where(and(eq(wecomCards.taskId, card.taskId), eq(wecomCards.status, 'open')));
    return true;
  }

  type Click = typeof wecomCardClicks.$inferSelect;

  async function finish(click: Click, status: 'done' | 'refused' | 'failed', result: string, card: CardRow | null) {
    await db.transaction(async (tx) => {
      await tx.update(wecomCardClicks).set({ status, result, leaseUntil: null, processedAt: clock.now() }).where(eq(wecomCardClicks.id, click.id));
      await audit.append(tx, WECOM, {
        action: status === 'done' ? 'wecom.card_action' : 'wecom.card_refused',
        entityType: card?.subjectType ?? 'wecom_card',
        entityId: card?.subjectId ?? click.taskId,
        after: { taskId: click.taskId, key: click.eventKey, wecomUserId: click.wecomUserId, result },
      });
    });
  }

  /** Tells the member why nothing happened (a card cannot show an error itself). */
  async function tellRefusal(wecomUserId: string, reason: string) {
    try {
      await client.sendMessage({ touser: [wecomUserId] }, textMessage(`跃升：操作未执行。${reason}`));
    } catch (e) {
      deps.log.warn({ err: e, wecomUserId }, 'could not tell a member why their card click was refused');
    }
  }

  /** One click, as its member; refusals change nothing but the clicked card's look and the member's chat. */
  async function handle(click: Click): Promise<'done' | 'refused'> {
    const [card] = await db.select().from(wecomCards).where(eq(wecomCards.taskId, click.taskId));
    const refuse = async (reason: string, told = true) => {
      await finish(click, 'refused', reason, card ?? null);
      if (told) await tellRefusal(click.wecomUserId, reason);
      return 'refused' as const;
    };
    // a forged or misrouted event: nobody else's card is touched, and nobody is told anything
    if (!card || card.wecomUserId !== click.wecomUserId) return refuse('不是这张卡片的接收人', false);
    const action = subjects.get(card.subjectType)?.act?.[click.eventKey];
    if (!card.keys.includes(click.eventKey) || !action) return refuse('卡片上没有这个操作');
    // the click's response_code is the freshest for this card: its update uses it (a settled
    // card still showing buttons to this member is greyed out again with it)
    const now = clock.now();
    const fresh = { updateCode: click.responseCode, codeExpiresAt: new Date(now.getTime() + RESPONSE_CODE_MS) };
    await db
      .update(wecomCards)
      .set(card.status === 'closed' ? { ...fresh, updateStatus: 'pending', nextAttemptAt: now } : fresh)
      .where(eq(wecomCards.taskId, card.taskId));
    if (card.status === 'closed') return refuse(`此事项${card.closedText ?? '已处理'}。`);
    const access = await accessOf(click.wecomUserId);
    if (!access) return refuse('您没有可用的跃升账号，请联系 HR。');
    const ctx: AuditContext = { actorId: access.userId, actorLabel: access.username, requestId: `wecom-card:${click.id}` };
    try {
      await action(access, ctx, card);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      // e.g. the step went to a delegate meanwhile: the card may be settled for this member now
      await check(card);
      return refuse(e.message);
    }
    await finish(click, 'done', click.eventKey, card);
    await check(card);
    return 'done';
  }

  /** Takes pending clicks (leased, so two drains never run one twice) and carries them out. */
  async function processClicks(out: CardsDrainResult) {
    for (;;) {
      const now = clock.now();
      const due = db
        .select({ id: wecomCardClicks.id })
        .from(wecomCardClicks)
        .where(and(eq(wecomCardClicks.status, 'pending'), sql`(${wecomCardClicks.leaseUntil} is null or ${wecomCardClicks.leaseUntil} < ${now.toISOString()}::timestamptz)`))
        .orderBy(wecomCardClicks.receivedAt)
        .limit(20);
      const clicks = await db
        .update(wecomCardClicks)
        .set({ leaseUntil: new Date(now.getTime() + LEASE_MS), attempts: sql`${wecomCardClicks.attempts} + 1` })
        .where(inArray(wecomCardClicks.id, due))
        .returning();
      if (clicks.length === 0) return;
      for (const click of clicks.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())) {
        try {
          if ((await handle(click)) === 'done') out.clicks++;
          else out.refused++;
        } catch (e) {
          deps.log.error({ err: e, click: click.id }, 'card click failed');
          if (click.attempts >= MAX_ATTEMPTS) {
            await finish(click, 'failed', (e instanceof Error ? e.message : String(e)).slice(0, 500), null);
            out.failed++;
          }
        }
      }
    }
  }

  /** Cards flagged by their plan's events: still asking, or closed now? */
  async function checkFlagged(out: CardsDrainResult) {
    for (;;) {
      const due = await db.select().from(wecomCards).where(and(eq(wecomCards.checkDue, true), eq(wecomCards.status, 'open'))).limit(BATCH);
      if (due.length === 0) return;
      for (const card of due) if (await check(card)) out.closed++;
      if (due.length < BATCH) return;
    }
  }

  /** Greys out closed cards for everyone who got them; a spent or expired code cannot, and says so. */
  async function pushUpdates(out: CardsDrainResult) {
    const now = clock.now();
    const due = await db
      .select()
      .from(wecomCards)
      .where(and(eq(wecomCards.updateStatus, 'pending'), sql`(${wecomCards.nextAttemptAt} is null or ${wecomCards.nextAttemptAt} <= ${now.toISOString()}::timestamptz)`))
      .limit(BATCH);
    for (const card of due) {
      if (!card.updateCode || !card.codeExpiresAt || card.codeExpiresAt <= now) {
        await db.update(wecomCards).set({ updateStatus: 'expired', updateError: 'no unused response_code within 72 h' }).where(eq(wecomCards.taskId, card.taskId));
        continue;
      }
      try {
        // the code is spent by this call whatever happens next: forget it first
        await db.update(wecomCards).set({ updateCode: null, updateAttempts: card.updateAttempts + 1 }).where(eq(wecomCards.taskId, card.taskId));
        await client.updateTemplateCardButton(card.updateCode, card.closedText ?? '已处理', { atall: true });
        await db.update(wecomCards).set({ updateStatus: 'done', updateError: null }).where(eq(wecomCards.taskId, card.taskId));
        out.updated++;
      } catch (e) {
        const message = (e instanceof Error ? e.message : String(e)).slice(0, 500);
        // a busy WeCom did not spend the code: keep it for the next try
        const retry = transient(e) && card.updateAttempts + 1 < MAX_ATTEMPTS && e instanceof WeComApiError;
        await db
          .update(wecomCards)
          .set(retry ? { updateCode: card.updateCode, updateError: message, nextAttemptAt: new Date(now.getTime() + 60_000 * 2 ** card.updateAttempts) } : { updateStatus: 'failed', updateError: message })
          .where(eq(wecomCards.taskId, card.taskId));
        if (!retry) out.failed++;
      }
    }
  }

  // one run at a time; a call during a run gets one more run after it (a click recorded meanwhile
  // is then taken), calls during that wait share it
  let running: Promise<CardsDrainResult> | null = null;
  let queued: Promise<CardsDrainResult> | null = null;
  function drain(): Promise<CardsDrainResult> {
    if (!running) {
      running = drainOnce().finally(() => {
        running = null;
      });
      return running;
    }
    const again = () => {
      queued = null;
      return drain();
    };
    queued ??= running.then(again, again);
    return queued;
  }

  async function drainOnce(): Promise<CardsDrainResult> {
    const out: CardsDrainResult = { clicks: 0, refused: 0, closed: 0, updated: 0, failed: 0 };
    await processClicks(out);
    await checkFlagged(out);
    await pushUpdates(out);
    return out;
  }

  return {
    enabled: deps.enabled,
    /** A kind of card: how to tell it is settled and what its callback buttons do. */
    register(subjectType: string, subject: CardSubject) {
      subjects.set(subjectType, subject);
    },
    /** Whether notifications about this subject type go out as interactive cards. */
    handles: (subjectType: string) => subjects.has(subjectType),
    observe: deps.enabled ? observe : undefined,
    flag,
    /** Clicks, then closing checks, then card updates; concurrent calls in this process share one run. */
    drain: (): Promise<CardsDrainResult> => (deps.enabled ? drain() : Promise.resolve({ clicks: 0, refused: 0, closed: 0, updated: 0, failed: 0 })),
  };
}

export type WecomCards = ReturnType<typeof createWecomCards>;
