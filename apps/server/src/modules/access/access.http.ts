import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { requireActor } from '../../http/session.ts';
import { type Access, loadAccess } from './access.ts';

/** The signed-in caller's access for this request (401 when signed out); kept between requests while nothing changed. */
export function accessFor(db: Db, req: FastifyRequest): Promise<Access> {
  const actor = requireActor(req);
  return req.authCache ? req.authCache.access.through(actor.id, () => loadAccess(db, actor)) : loadAccess(db, actor);
}
