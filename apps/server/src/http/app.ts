import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { healthSchema } from '@uplift/contract';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Services } from '../services.ts';
import type { Jobs } from '../jobs/boss.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { notifyRoutes } from '../modules/notify/notify.routes.ts';
import { systemRoutes } from '../modules/system/system.routes.ts';
import { usersRoutes } from '../modules/users/users.routes.ts';
import { orgRoutes } from '../modules/org/org.routes.ts';
import { peopleRoutes } from '../modules/people/people.routes.ts';
import { accessRoutes } from '../modules/access/access.routes.ts';
import { importRoutes } from '../modules/import/import.routes.ts';
import { integrationRoutes } from '../modules/integration/integration.routes.ts';
import { machineRoutes } from '../modules/integration/machine.routes.ts';
import { performanceRoutes } from '../modules/performance/performance.routes.ts';
import { calendarRoutes } from '../modules/calendar/calendar.routes.ts';
import { templatesRoutes } from '../modules/templates/templates.routes.ts';
import { wecomRoutes } from '../modules/wecom/wecom.routes.ts';
import { wecomJssdkRoutes } from '../modules/wecom/wecom-jssdk.routes.ts';
import { wecomContactsRoutes } from '../modules/wecom/wecom-contacts.routes.ts';
import { wecomSimPanelRoutes } from '../modules/wecom/wecom-sim-panel.routes.ts';
import { SIM_PREFIX } from '../wecom-sim/sim.ts';
import { filesRoutes } from '../modules/files/files.routes.ts';
import { policiesRoutes } from '../modules/policies/policies.routes.ts';
import { policyAcksRoutes } from '../modules/policies/policy-acks.routes.ts';
import { pipRoutes } from '../modules/pip/pip.routes.ts';
import { checkinRoutes } from '../modules/checkins/checkins.routes.ts';
import { evaluationRoutes } from '../modules/evaluations/evaluations.routes.ts';
import { outcomeRoutes } from '../modules/outcomes/outcomes.routes.ts';
import { complianceRoutes } from '../modules/compliance/compliance.routes.ts';
import { evidenceRoutes } from '../modules/evidence/evidence.routes.ts';
import { responseSerializer } from './serializer.ts';
import { envelope, installErrorHandling } from './errors.ts';
import rateLimit from '@fastify/rate-limit';
import { installSessions } from './session.ts';

/** Everything the HTTP layer needs, passed explicitly. */
export type AppDeps = {
  config: Config;
  database: Database;
  clock: Clock;
  log: Logger;
  jobs: Jobs | null;
  services: Services;
  /** Asks the job queue to deliver notifications and webhooks now (after a commit); no-op without jobs. */
  kickDelivery(): Promise<void>;
  /** The built web app to serve at `/`, if any. */
  webDist: string | null;
};

/** Builds the Fastify app: error envelope, sessions + CSRF, OpenAPI, /api routes, the web app. */
export async function buildApp(deps: AppDeps) {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    // a spoofable X-Forwarded-For would let a client dodge the per-address sign-in throttle
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  // every route, as registered: the permission-matrix test is generated from this table
  const routeTable: { method: string; url: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routeTable.push({ method, url: r.url });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer);
  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });
  installErrorHandling(app);
  await app.register(cookie);
  // in-memory burst limit per address, only where a route asks (login): argon2 is costly by design
  await app.register(rateLimit, { global: false });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Uplift (跃升) API', version: '0.1.0', description: 'Uplift HR — performance improvement plans for group enterprises. Errors use one envelope: { error: { code, message, details, requestId } }.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'uplift_sid' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
          apiToken: { type: 'http', scheme: 'bearer', description: 'API token of a service account (upl_…), for /api/v1 only' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/healthz', { schema: { tags: ['system'], summary: 'Liveness of the database and the job queue', response: { 200: healthSchema, 503: healthSchema } } }, async (_req, reply) => {
    const db = await deps.database
      .executeSql('select 1')
      .then(() => 'ok' as const)
      .catch(() => 'failing' as const);
    const jobs = deps.jobs && (await deps.jobs.healthy()) ? ('ok' as const) : ('failing' as const);
    const ok = db === 'ok' && jobs === 'ok';
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', db, jobs });
  });

  await app.register(
    async (api) => {
      installSessions(api, deps.services.auth);
      // cache sessions and access only while changes made anywhere are heard
      await deps.services.authCache.listen();
      api.addHook('onClose', () => deps.services.authCache.close());
      await api.register(authRoutes(deps));
      await api.register(notifyRoutes(deps));
      await api.register(usersRoutes(deps));
      await api.register(systemRoutes(deps));
      await api.register(orgRoutes(deps));
      await api.register(peopleRoutes(deps));
      await api.register(accessRoutes(deps));
      await api.register(importRoutes(deps));
      await api.register(performanceRoutes(deps));
      await api.register(templatesRoutes(deps));
      await api.register(pipRoutes(deps));
      await api.register(checkinRoutes(deps));
      await api.register(evaluationRoutes(deps));
      await api.register(outcomeRoutes(deps));
      await api.register(complianceRoutes(deps));
      await api.register(evidenceRoutes(deps));
      await api.register(integrationRoutes(deps));
      await api.register(calendarRoutes(deps));
      await api.register(wecomJssdkRoutes(deps));
      await api.register(wecomContactsRoutes(deps));
      await api.register(wecomSimPanelRoutes(deps));
      await api.register(filesRoutes(deps));
      await api.register(policiesRoutes(deps));
      await api.register(policyAcksRoutes(deps));
    },
    { prefix: '/api' },
  );
  // machine clients: bearer tokens, outside the session plugin (no cookie, no CSRF)
  await app.register(machineRoutes(deps), { prefix: '/api/v1' });
  // WeCom's callback URL (signed, no session) and, without credentials, the simulator's API
  await app.register(wecomRoutes(deps), { prefix: '/api/wecom' });
  const sim = deps.services.wecom.sim;
  if (sim) await app.register(sim.plugin, { prefix: SIM_PREFIX });

  const web = deps.webDist && existsSync(deps.webDist) ? deps.webDist : null;
  if (web) await app.register(fastifyStatic, { root: web, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    // client-side routes: any non-API GET that is not a file gets the app shell
    if (web && req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/docs')) return reply.sendFile('index.html');
    return reply.status(404).send(envelope('NOT_FOUND', `没有这个接口：${req.method} ${req.url.split('?')[0]}`, null, req.id));
  });
  return Object.assign(app, { routeTable });
}

export type App = Awaited<ReturnType<typeof buildApp>>;
