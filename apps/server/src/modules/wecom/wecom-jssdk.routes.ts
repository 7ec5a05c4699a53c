import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../http/app.ts';
import { requireActor } from '../../http/session.ts';
import { getJsApiSignature } from '../../integrations/wecom/wecom.crypto.ts';
import { WeComApiError, WeComProtocolError } from '../../integrations/wecom/wecom.errors.ts';
import { AppError, fieldError } from '../../lib/errors.ts';

const query = z.object({ url: z.string().min(1).max(2048) });
const signatureSchema = z.object({ timestamp: z.number().int(), nonceStr: z.string(), signature: z.string() });
const response = z.object({ corpId: z.string(), agentId: z.number().int(), config: signatureSchema, agentConfig: signatureSchema });

/**
 * JS-SDK signatures for Uplift's own H5 pages opened inside WeCom (ww.register's
 * getConfigSignature / getAgentConfigSignature): signed server-side (SPEC §8.3), only for
 * pages on this site, for signed-in people.
 */
export function wecomJssdkRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get('/wecom/jssdk-config', { schema: { tags: ['wecom'], summary: 'JS-SDK config and agentConfig signatures for a page of this site' } }, async (req) => {
      requireActor(req);
      const q = query.safeParse(req.query);
      if (!q.success) throw fieldError('query.url', '需要当前页面的完整地址');
      let page: URL;
      try {
        page = new URL(q.data.url);
      } catch {
        throw fieldError('query.url', '不是有效的地址');
      }
      const site = new URL(deps.config.publicUrl ?? `${req.protocol}://${req.host}`);
      if (page.origin !== site.origin) throw fieldError('query.url', '只能为本站页面签名');
      // the SDK signs location.href without the #fragment
      const url = q.data.url.split('#')[0]!;
      const client = deps.services.wecom.client;
      try {
        const [corpTicket, agentTicket] = await Promise.all([client.corpJsapiTicket(), client.agentJsapiTicket()]);
        const timestamp = Math.floor(deps.clock.now().getTime() / 1000);
        const sign = (ticket: string) => {
          const s = getJsApiSignature({ url, ticket, nonceStr: randomBytes(8).toString('hex'), timestamp });
          return { timestamp, nonceStr: s.nonceStr, signature: s.signature };
        };
        return response.parse({ corpId: client.corpId, agentId: client.agentId, config: sign(corpTicket), agentConfig: sign(agentTicket) });
      } catch (e) {
        if (e instanceof WeComApiError || e instanceof WeComProtocolError) throw new AppError('UNAVAILABLE', `企业微信暂时不可用：${e.message}`);
        throw e;
      }
    });
  };
}
