import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const caseSchema = z.object({
  kind: z.enum(['url_verify', 'post_decrypt']),
  msg_signature: z.string(),
  timestamp: z.string(),
  nonce: z.string(),
  echostr: z.string().optional(),
  encrypt: z.string().optional(),
  expected: z.object({ random_utf8: z.string(), msg_len: z.number(), pad_byte: z.number(), msg: z.string(), receiveid: z.string() }),
});
const vectorsSchema = z.object({
  callback_crypto: z.array(z.object({ id: z.string(), token: z.string(), encodingAESKey: z.string(), receiveid: z.string(), cases: z.array(caseSchema) })),
  jssdk_signature: z.object({ jsapi_ticket: z.string(), noncestr: z.string(), timestamp: z.number(), url: z.string(), signature: z.string() }),
});

export type CryptoVectors = z.infer<typeof vectorsSchema>;

/** The SPEC's recorded vectors, a copy of shared/wecom/vectors.json kept beside the tests. */
export function loadVectors(): CryptoVectors {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testdata', 'vectors.json');
  return vectorsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}
