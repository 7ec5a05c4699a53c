import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { Services } from '../services.ts';
import type { Logger } from '../lib/logger.ts';
import { defineJob, type JobDefinition } from './boss.ts';

export const JOB = {
  tick: 'tick',
  deliverNotifications: 'notify.deliver',
  deliverWebhooks: 'webhooks.deliver',
  auditCheckpoint: 'audit.checkpoint',
  backup: 'backup.run',
  sweepSessions: 'auth.sweep',
  importHousekeeping: 'import.housekeeping',
  evaluateRules: 'rules.evaluate',
  wecomHousekeeping: 'wecom.housekeeping',
  wecomContactSync: 'wecom.contact-sync',
} as const;

/**
 * The platform's jobs. `tick` runs every minute and drives all due work by the injected clock
 * (rows with a due time), so business time never depends on pg-boss timers.
 */
export function platformJobs(deps: { config: Config; database: Database; services: Services; log: Logger }): JobDefinition[] {
  const { services, database, log } = deps;
  const empty = z.object({}).loose();
  return [
    defineJob({
      name: JOB.tick,
      payload: empty,
      cron: '* * * * *',
      retryLimit: 0,
      handler: async () => {
        // scheduled policy versions take force, reminders to confirm (delivered just below)
        await services.policyPublishing.tick();
        await services.notify.deliverDue();
        await services.webhooks.deliverDue();
        await services.pip.lifecycle.remindDue();
        // before each check-in, and once a day for minutes past their due date
        await services.checkins.meetings.remindDue();
        // evaluations of ended plans end; due ones are pushed; overdue ones reminded daily, escalated once
        await services.checkins.evaluations.tick();
        // approvers whose out-of-office delegation started since their steps became pending
        await services.pip.away.tick();
        // imports whose node died (PostgreSQL, several nodes) stop reporting: fail them
        if (database.kind === 'postgres') await services.imports.recoverInterrupted({ all: false });
        // what plan events asked of WeCom: schedules, the plan's chat, RSVPs; card clicks and card updates
        await services.wecomPip.drain();
        await services.wecomCards.drain();
      },
    }),
    defineJob({
      name: JOB.deliverNotifications,
      payload: empty,
      handler: async () => {
        await services.notify.deliverDue();
        // kicked after requests, like deliveries: a plan's WeCom schedules, chat and cards follow at once
        await services.wecomPip.drain();
        await services.wecomCards.drain();
      },
    }),
    defineJob({
      name: JOB.deliverWebhooks,
      payload: empty,
      handler: async () => {
        await services.webhooks.deliverDue();
      },
    }),
    defineJob({
      name: JOB.auditCheckpoint,
      payload: empty,
      cron: deps.config.auditCheckpointCron,
      handler: async () => {
        const cp = await services.audit.checkpoint(database.db);
        if (cp) log.info(cp, 'audit checkpoint signed');
      },
    }),
    defineJob({
      name: JOB.backup,
      payload: empty,
      cron: deps.config.backup.cron,
      retryLimit: 2,
      handler: async () => {
        const b = await services.backups.create();
        await database.db.transaction((tx) =>
          services.audit.append(tx, { actorId: null, actorLabel: 'system:backup', requestId: null }, { action: 'backup.create', entityType: 'backup', entityId: b.file, after: b }),
        );
      },
    }),
    defineJob({
      name: JOB.wecomHousekeeping,
      payload: empty,
      cron: '43 4 * * *',
      handler: async () => {
        const n = await services.wecom.callbacks.prune();
        if (n > 0) log.info({ receipts: n }, 'old WeCom callback receipts pruned');
      },
    }),
    defineJob({
      // links and WeCom-master fields, daily; an empty diff is a no-op, so a retry is harmless
      name: JOB.wecomContactSync,
      payload: empty,
      cron: '23 3 * * *',
      retryLimit: 2,
      handler: async () => {
        const run = await services.wecomSync.daily();
        if (run) log.info({ run: run.id, counts: run.counts }, 'WeCom contact sync (daily) applied');
      },
    }),
    defineJob({
      name: JOB.sweepSessions,
      payload: empty,
      cron: '17 * * * *',
      handler: async () => {
        await services.auth.sweep();
      },
    }),
    defineJob({
      // the full evaluation: what incremental runs after each batch cannot see (time passing for
      // feedback windows, tenure, status changes)
      name: JOB.evaluateRules,
      payload: empty,
      cron: '17 2 * * *',
      handler: async () => {
        await services.candidates.evaluate();
      },
    }),
    defineJob({
      name: JOB.importHousekeeping,
      payload: empty,
      cron: '43 3 * * *',
      handler: async () => {
        await services.imports.cleanup();
      },
    }),
  ];
}
