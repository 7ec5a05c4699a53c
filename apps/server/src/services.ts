import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { Clock } from './lib/clock.ts';
import { deriveKey } from './lib/keys.ts';
import type { Logger } from './lib/logger.ts';
import { createAudit } from './modules/audit/audit.service.ts';
import { createAuthCache } from './modules/auth/auth-cache.ts';
import { createAuth } from './modules/auth/auth.service.ts';
import { createBackups } from './modules/backup/backup.service.ts';
import { inAppChannel, type Channel } from './modules/notify/notify.channels.ts';
import { createNotify } from './modules/notify/notify.service.ts';
import { createUsers } from './modules/users/users.service.ts';
import { createOrg } from './modules/org/org.service.ts';
import { createPeople } from './modules/people/people.service.ts';
import { createAccounts } from './modules/people/accounts.service.ts';
import { createGrants } from './modules/access/grants.service.ts';
import { createFieldCrypto } from './lib/field-crypto.ts';
import { businessDate } from './lib/clock.ts';
import { createImports } from './modules/import/import.service.ts';
import { employeesImport } from './modules/import/import.employees.ts';
import { orgUnitsImport } from './modules/import/import.org-units.ts';
import { createServiceAccounts } from './modules/integration/service-accounts.service.ts';
import { createApiBatches } from './modules/integration/api-batches.service.ts';
import { createWebhooks } from './modules/integration/webhooks.service.ts';
import { createRules } from './modules/performance/rules.service.ts';
import { createCandidates } from './modules/performance/candidates.service.ts';
import { createCycles } from './modules/performance/cycles.service.ts';
import { performanceImports } from './modules/performance/performance.import.ts';
import { createCalendar } from './modules/calendar/calendar.service.ts';
import { calendarImport } from './modules/calendar/calendar.import.ts';
import { createTemplates } from './modules/templates/templates.service.ts';
import { createWecomPlatform } from './integrations/wecom/wecom.platform.ts';
import { createWecomSignIn } from './modules/wecom/wecom-signin.service.ts';
import { wecomChannel } from './modules/wecom/wecom.channel.ts';
import { createWecomContacts } from './modules/wecom/wecom-contacts.service.ts';
import { createWecomSync } from './modules/wecom/wecom-sync.service.ts';
import { createWecomPip } from './modules/wecom-pip/wecom-pip.module.ts';
import { createWecomCards } from './modules/wecom-cards/wecom-cards.module.ts';
import { registerPipCards } from './modules/wecom-cards/wecom-cards.subjects.ts';
import { composeObservers } from './modules/pip/pip.record.ts';
import { createFiles } from './modules/files/files.service.ts';
import { databaseStorage } from './modules/files/storage.ts';
import { createAcknowledgments } from './modules/acknowledgments/acknowledgments.service.ts';
import { createPolicyModule } from './modules/policies/policies.module.ts';
import { templateConflicts } from './modules/templates/template-conflicts.ts';
import { createPipModule } from './modules/pip/pip.module.ts';
import { createCheckinModule } from './modules/checkins/checkins.module.ts';
import { createOutcomeModule } from './modules/outcomes/outcomes.module.ts';
import { createComplianceModule } from './modules/compliance/compliance.module.ts';
import { terminationSection } from './modules/compliance/compliance.evidence.ts';
import { createEvidence } from './modules/evidence/evidence.service.ts';

/** Wires the domain services from their explicit dependencies. Extra channels (WeCom) plug in here. */
export function createServices(deps: { config: Config; database: Database; clock: Clock; log: Logger; extraChannels?: Channel[]; sleep?: (ms: number) => Promise<void>; wecomChannel?: boolean }) {
  const { config, database, clock, log } = deps;
  const { db } = database;
  const audit = createAudit({ clock, checkpointKey: deriveKey(config.secret, 'audit-checkpoint') });
  // WeCom: the client, callbacks and, without credentials, the simulator (sleep injected for tests)
  const wecom = createWecomPlatform({ config, db, clock, log, audit, ...(deps.sleep && { sleep: deps.sleep }) });
  // on for the running server; tools and benches that never listen leave it off
  // a notification that asks something goes out as an interactive card when its subject is a card kind (wecomCards, just below)
  const wecomChannels = deps.wecomChannel !== true ? [] : [wecomChannel({ db, client: wecom.client, clock, publicBase: wecom.linkBase, isCard: (type) => wecomCards.handles(type) })];
  // check-ins in WeCom calendars and a group chat per plan, following the plan's record (on with the channel)
  const wecomPip = createWecomPip({ db, clock, audit, client: wecom.client, events: wecom.events, enabled: deps.wecomChannel === true });
  const notify = createNotify({ db, clock, audit, log, channels: [inAppChannel(db, clock), ...wecomChannels, ...(deps.extraChannels ?? [])] });
  // sessions and access held between requests while the database says nothing changed (the app listens)
  const authCache = createAuthCache(database);
  const auth = createAuth({ db, clock, audit, settings: { session: config.session, login: config.login }, cache: authCache });
  // clicks on interactive cards run as the member who clicked; cards are greyed out once settled
  const wecomCards = createWecomCards({ db, clock, client: wecom.client, audit, auth, events: wecom.events, log, enabled: deps.wecomChannel === true });
  // the plan's record feeds WeCom: schedules and the plan's chat, and the plan's open cards
  const observe = composeObservers(wecomPip.observe, wecomCards.observe);
  const users = createUsers({ db, clock, audit, notify });
  const backups = createBackups({
    database,
    databaseUrl: config.databaseUrl,
    dir: config.backup.dir,
    retain: config.backup.retain,
    key: deriveKey(config.secret, 'backup'),
    clock,
    log,
  });
  const fieldCrypto = createFieldCrypto(config.secret);
  // an HRBP change hands their open plans over (pip is created below; called only at run time)
  const org = createOrg({ db, clock, audit, onHrbpsChanged: (tx, ctx, path, removed) => pip.lifecycle.hrbpsChanged(tx, ctx, path, removed) });
  // webhooks.emit(tx, event, data) is how a module publishes an event to other systems
  const webhooks = createWebhooks({ db, clock, audit, crypto: fieldCrypto, log, targets: config.webhookTargets });
  const today = (at: Date) => businessDate(at, config.businessTimeZone);
  const calendar = createCalendar({ db, clock, audit });
  const files = createFiles({ db, clock, audit, storage: databaseStorage() });
  const acknowledgments = createAcknowledgments({ clock, audit });
  // a plan entering in_progress gets its cadence's check-ins and evaluation points (checkins is created just below)
  const pip = createPipModule({ db, clock, audit, notify, calendar, acks: acknowledgments, businessDate: today, emit: webhooks.emit, observe, onStarted: (tx, ctx, id) => checkins.planStarted(tx, ctx, id) });
  // the evidence package of a plan; the termination review's section plugs in below, once compliance exists
  const evidence = createEvidence({ db, clock, audit, files, checkpointKey: deriveKey(config.secret, 'audit-checkpoint'), timeZone: config.businessTimeZone });
  // a completed re-assessment concludes (or not) the follow-up of a plan not passed (outcomes is created just below)
  const checkins = createCheckinModule({ db, clock, audit, notify, calendar, files, pips: pip.plans, timeZone: config.businessTimeZone, businessDate: today, onReassessed: (tx, ctx, id, r) => outcomes.followUp.reassessed(tx, ctx, id, r), observe });
  const people = createPeople({ db, clock, audit, crypto: fieldCrypto, emit: webhooks.emit, onLeave: pip.lifecycle.employeeLeft, onReportsMoved: (tx, ctx, from, to, ids) => pip.lifecycle.handOver(tx, ctx, from, to, 'manager', ids) });
  // a role adjustment moves the employee to the new position through the people module's job change
  const outcomes = createOutcomeModule({ db, clock, audit, notify, acks: acknowledgments, files, pips: pip.plans, evaluations: checkins.evaluations, businessDate: today, changeEmployee: people.changeIn, observe });
  const accounts = createAccounts({ db, clock, audit });
  const grants = createGrants({ db, clock, audit });
  const rules = createRules({ db, clock, audit, businessDate: today });
  const candidates = createCandidates({ db, clock, audit, notify, rules, log, businessDate: today, emit: webhooks.emitMany });
  const cycles = createCycles({ db, clock, audit, candidates });
  const imports = createImports({
    database,
    clock,
    audit,
    crypto: fieldCrypto,
    log,
    kinds: [
      orgUnitsImport,
      employeesImport,
      calendarImport,
      ...performanceImports({
        db,
        evaluate: async (employeeIds) => {
          await candidates.evaluate({ employeeIds });
        },
      }),
    ],
    businessDate: today,
    emit: webhooks.emit,
  });
  const serviceAccounts = createServiceAccounts({ db, clock, audit });
  const apiBatches = createApiBatches({ db, clock, imports });
  const templates = createTemplates({ db, clock, audit });
  const wecomSignIn = createWecomSignIn({ db, audit, auth, client: wecom.client, authorizeBase: wecom.authorizeBase, qrLoginBase: wecom.qrLoginBase, publicBase: wecom.publicBase, requirePublicUrl: wecom.mode === 'live' });
  const wecomContacts = createWecomContacts({ db, client: wecom.client, audit, events: wecom.events });
  const wecomSync = createWecomSync({ db, client: wecom.client, audit, clock, crypto: fieldCrypto, people, events: wecom.events, businessDate: today });
  const compliance = createComplianceModule({ db, clock, audit, notify, crypto: fieldCrypto, businessDate: today });
  // publishing a policy version first lists the templates and overrides it would invalidate
  const policyModule = createPolicyModule({ db, clock, audit, notify, log, files, acks: acknowledgments, businessDate: today, templateConflicts });
  evidence.register(terminationSection(compliance.terminationEvidence));
  registerPipCards(wecomCards, db, { approve: (access, ctx, planId) => pip.plans.act(access, ctx, planId, 'approve', {}), confirmMinutes: checkins.minutes.confirm });
  return { ...policyModule, files, acknowledgments, wecom, wecomPip, wecomCards, wecomSignIn, wecomContacts, wecomSync, audit, notify, auth, authCache, users, backups, org, people, accounts, grants, fieldCrypto, imports, rules, candidates, cycles, serviceAccounts, apiBatches, webhooks, calendar, templates, pip, checkins, outcomes, compliance, evidence };
}

export type Services = ReturnType<typeof createServices>;
