import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { effectiveTemplateSchema, groupTemplateViewSchema, okSchema, overrideViewSchema, saveOverrideSchema, saveTemplateSchema, templateOverridesSchema, errorResponses} from '@uplift/contract';
import type { AppDeps } from '../../http/app.ts';
import { auditContext } from '../../http/session.ts';
import { accessFor } from '../access/access.http.ts';

const unitParam = z.object({ unitId: z.uuid() });

/** The group PIP workflow template, units' overrides and the effective template for an employee. */
export function templatesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  const { templates } = deps.services;
  const { db } = deps.database;
  return async (app) => {
    app.get('/templates/group', { schema: { tags: ['templates'], summary: 'The group PIP template with the policy that bounds it', response: { 200: groupTemplateViewSchema, ...errorResponses } } }, async (req) => templates.getGroup(await accessFor(db, req)));
    app.put('/templates/group', { schema: { tags: ['templates'], summary: 'Create or change the group template (a new version; checked against the policy in force)', body: saveTemplateSchema, response: { 200: groupTemplateViewSchema, ...errorResponses } } }, async (req) =>
      templates.saveGroup(await accessFor(db, req), auditContext(req), req.body),
    );
    app.get('/templates/overrides', { schema: { tags: ['templates'], summary: "Units' overrides in the caller's scope", response: { 200: templateOverridesSchema, ...errorResponses } } }, async (req) => ({ items: await templates.listOverrides(await accessFor(db, req)) }));
    app.get('/templates/overrides/:unitId', { schema: { tags: ['templates'], summary: "A unit's override with the template's bounds and locks", params: unitParam, response: { 200: overrideViewSchema, ...errorResponses } } }, async (req) =>
      templates.getOverride(await accessFor(db, req), req.params.unitId),
    );
    app.put('/templates/overrides/:unitId', { schema: { tags: ['templates'], summary: "Save a unit's override of adjustable parameters (within bounds and the policy)", params: unitParam, body: saveOverrideSchema, response: { 200: overrideViewSchema, ...errorResponses } } }, async (req) =>
      templates.saveOverride(await accessFor(db, req), auditContext(req), req.params.unitId, req.body),
    );
    app.delete('/templates/overrides/:unitId', { schema: { tags: ['templates'], summary: "Remove a unit's override (it inherits again)", params: unitParam, response: { 200: okSchema, ...errorResponses } } }, async (req) => {
      await templates.deleteOverride(await accessFor(db, req), auditContext(req), req.params.unitId);
      return { ok: true as const };
    });
    app.get('/templates/effective/:employeeId', { schema: { tags: ['templates'], summary: 'The effective template for an employee: each value with its source, the approval chain resolved', params: z.object({ employeeId: z.uuid() }), response: { 200: effectiveTemplateSchema, ...errorResponses } } }, async (req) =>
      templates.effective(await accessFor(db, req), req.params.employeeId),
    );
  };
}
