import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorEnvelopeSchema, simKnobResultSchema, simKnobSchema, simKnobSchemas, simStatusSchema, type SimStatus } from '@uplift/contract';
import type { AppDeps } from '../../http/app.ts';
import { auditContext, requireActor } from '../../http/session.ts';
import { AppError } from '../../lib/errors.ts';
import { runAdminAction } from '../../wecom-sim/sim.admin.ts';

const errors = { 400: errorEnvelopeSchema, 401: errorEnvelopeSchema, 403: errorEnvelopeSchema, 404: errorEnvelopeSchema };

/**
 * The 模拟企业微信 page's knobs (expire tokens, inject −1 / 45009, visibility range, new-app
 * privacy): only when the simulator runs; anyone signed in may turn them in demo mode, otherwise
 * sys_admin only. Each turn is audited.
 */
export function wecomSimPanelRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { wecom, audit } = deps.services;
  const allowed = (req: Parameters<typeof requireActor>[0]) => {
    const actor = requireActor(req);
    if (!wecom.sim) throw new AppError('NOT_FOUND', '企业微信模拟器未启用（已连接真实企业微信）');
    if (!deps.config.demo && !actor.roles.includes('sys_admin')) throw new AppError('FORBIDDEN', '非演示模式下只有系统管理员可以操作企业微信模拟器');
    return wecom.sim;
  };
  return async (app) => {
    app.get('/wecom/sim/status', { schema: { tags: ['wecom'], summary: 'The simulator: directory size, visibility range, queued faults', response: { 200: simStatusSchema, ...errors } } }, async (req): Promise<SimStatus> => {
      const sim = allowed(req);
      await sim.ensureSeeded();
      const s = sim.state;
      return {
        demo: deps.config.demo,
        departments: [...s.departments.values()].map((d) => ({ id: d.id, name: d.name, parentid: d.parentid })).sort((a, b) => a.id - b.id),
        users: s.users.size,
        gettokenCalls: s.gettokenCalls,
        faults: s.faults.map((f) => ({ errcode: f.errcode, path: f.path, remaining: f.remaining })),
        visibility: { parties: [...s.visibility.parties].sort((a, b) => a - b), users: [...s.visibility.users].sort() },
        stripSensitive: s.stripSensitive,
      };
    });
    app.post(
      '/wecom/sim/:action',
      { schema: { tags: ['wecom'], summary: 'Turn a simulator knob (audited)', params: z.object({ action: simKnobSchema }), body: z.record(z.string(), z.unknown()), response: { 200: simKnobResultSchema, ...errors } } },
      async (req) => {
        const sim = allowed(req);
        const action = req.params.action;
        const parsed = simKnobSchemas[action].safeParse(req.body);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new AppError('VALIDATION_FAILED', `body.${issue?.path.join('.') ?? ''}: ${issue?.message ?? '无效'}`, { issues: parsed.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message })) });
        }
        await sim.ensureSeeded();
        const result = await runAdminAction({ state: sim.state, pusher: sim.pusher }, action, parsed.data);
        await deps.database.db.transaction((tx) => audit.append(tx, auditContext(req), { action: 'wecom.sim_knob', entityType: 'wecom_sim', entityId: action, after: { input: parsed.data, result } }));
        return { action, result };
      },
    );
  };
}
