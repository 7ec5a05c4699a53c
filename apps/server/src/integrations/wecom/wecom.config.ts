import { z } from 'zod';

/** The WECOM_* part of the environment schema (merged into config.ts's one schema). */
export const wecomEnvSchema = z.object({
  WECOM_CORP_ID: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be the corp id (企业ID), e.g. ww1436e0e65a779aee').optional(),
  WECOM_AGENT_ID: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
  WECOM_SECRET: z.string().min(1).optional(),
  WECOM_CONTACT_SECRET: z.string().min(1).optional(),
  WECOM_TOKEN: z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'must be the callback Token: letters and digits, at most 32').optional(),
  WECOM_AES_KEY: z
    .string()
    .regex(/^[A-Za-z0-9]{43}$/, 'must be the 43-character EncodingAESKey')
    .refine((k) => Buffer.from(`${k}=`, 'base64').length === 32, 'does not decode to a 32-byte AES key')
    .optional(),
  WECOM_BASE_URL: z.url().default('https://qyapi.weixin.qq.com'),
  WECOM_CALLBACK_MAX_AGE_S: z.coerce.number().int().min(0).max(86_400).default(300),
});

type WecomEnv = z.infer<typeof wecomEnvSchema>;

/** The app's WeCom credentials, as the client and the callback endpoint use them. */
export type WecomCredentials = {
  corpId: string;
  agentId: number;
  secret: string;
  contactSecret: string | null;
  /** Callback Token and EncodingAESKey; null when callbacks are not configured. */
  callback: { token: string; aesKey: string } | null;
};

/**
 * `live`: a real corp at `baseUrl`. `simulator`: no WECOM_* credentials set, the built-in
 * simulator is mounted and the client reaches it over HTTP at the server's own address.
 */
export type WecomConfig =
  | { mode: 'live'; credentials: WecomCredentials; baseUrl: string; callbackMaxAgeS: number }
  | { mode: 'simulator'; callbackMaxAgeS: number };

/** Checks the WECOM_* variables belong together; returns problems as `VAR: message` lines. */
export function resolveWecomConfig(e: WecomEnv): { config: WecomConfig; problems: string[] } {
  const problems: string[] = [];
  const app = { WECOM_CORP_ID: e.WECOM_CORP_ID, WECOM_AGENT_ID: e.WECOM_AGENT_ID, WECOM_SECRET: e.WECOM_SECRET };
  const anySet = [e.WECOM_CORP_ID, e.WECOM_AGENT_ID, e.WECOM_SECRET, e.WECOM_CONTACT_SECRET, e.WECOM_TOKEN, e.WECOM_AES_KEY].some((v) => v !== undefined);
  const callbackMaxAgeS = e.WECOM_CALLBACK_MAX_AGE_S;
  if (!anySet) return { config: { mode: 'simulator', callbackMaxAgeS }, problems };
  for (const [name, value] of Object.entries(app)) {
    if (value === undefined) problems.push(`  ${name}: required when any WECOM_* credential is set (WECOM_CORP_ID, WECOM_AGENT_ID and WECOM_SECRET go together)`);
  }
  if ((e.WECOM_TOKEN === undefined) !== (e.WECOM_AES_KEY === undefined)) {
    problems.push(`  ${e.WECOM_TOKEN === undefined ? 'WECOM_TOKEN' : 'WECOM_AES_KEY'}: required with ${e.WECOM_TOKEN === undefined ? 'WECOM_AES_KEY' : 'WECOM_TOKEN'} (the callback Token and EncodingAESKey go together)`);
  }
  if (problems.length > 0 || !e.WECOM_CORP_ID || !e.WECOM_AGENT_ID || !e.WECOM_SECRET) return { config: { mode: 'simulator', callbackMaxAgeS }, problems };
  return {
    config: {
      mode: 'live',
      baseUrl: e.WECOM_BASE_URL.replace(/\/+$/, ''),
      callbackMaxAgeS,
      credentials: {
        corpId: e.WECOM_CORP_ID,
        agentId: e.WECOM_AGENT_ID,
        secret: e.WECOM_SECRET,
        contactSecret: e.WECOM_CONTACT_SECRET ?? null,
        callback: e.WECOM_TOKEN && e.WECOM_AES_KEY ? { token: e.WECOM_TOKEN, aesKey: e.WECOM_AES_KEY } : null,
      },
    },
    problems,
  };
}
