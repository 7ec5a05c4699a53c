import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorEnvelopeSchema, idParamSchema } from '@uplift/contract';
import type { AppDeps } from '../../http/app.ts';
import { auditContext } from '../../http/session.ts';
import { accessFor } from '../access/access.http.ts';

const errors = { 400: errorEnvelopeSchema, 401: errorEnvelopeSchema, 403: errorEnvelopeSchema, 404: errorEnvelopeSchema };

/** The evidence package of a plan, as a ZIP download. */
export function evidenceRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { evidence } = deps.services;
  const { db } = deps.database;
  return async (app) => {
    app.get(
      '/pips/:id/evidence',
      { schema: { tags: ['pip'], summary: 'The evidence package (ZIP): timeline, every record and version, attachments, manifest with SHA-256s, audit positions and the signed checkpoint (auditors, HR in scope; audited)', params: idParamSchema, response: { 200: z.any(), ...errors } } },
      async (req, reply) => {
        const out = await evidence.exportPlan(await accessFor(db, req), auditContext(req), req.params.id);
        const stream = createReadStream(out.file);
        await once(stream, 'open');
        // an open file stays readable once unlinked: nothing is left behind whatever becomes of the response
        await out.cleanup().catch(() => stream.on('close', () => void out.cleanup()));
        const ascii = out.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '');
        return reply
          .header('content-type', 'application/zip')
          .header('content-length', String(out.size))
          .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(out.fileName)}`)
          .header('x-evidence-manifest-sha256', out.manifestSha256)
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .send(stream);
      },
    );
  };
}
