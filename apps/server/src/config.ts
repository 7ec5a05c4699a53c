import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { resolveWecomConfig, wecomEnvSchema, type WecomConfig } from './integrations/wecom/wecom.config.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const cron = z
  .string()
  .regex(/^(\S+\s+){4}\S+$/, 'must be a 5-field cron expression, e.g. "0 3 * * *"');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  UPLIFT_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 48`)').optional(),
  UPLIFT_DEMO: bool.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.url().optional(),
  COOKIE_SECURE: bool.optional(),
  TRUST_PROXY: bool.default(false),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(30),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  BACKUP_CRON: cron.default('0 3 * * *'),
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_RETAIN: z.coerce.number().int().min(1).max(1000).default(14),
  AUDIT_CHECKPOINT_CRON: cron.default('30 0 * * *'),
  TICK_SECONDS: z.coerce.number().int().min(1).max(59).optional(),
  WEBHOOK_ALLOW_LOOPBACK: bool.default(false),
  TZ_BUSINESS: z.string().default('Asia/Shanghai'),
}).extend(wecomEnvSchema.shape);

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  secret: string;
  demo: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  publicUrl: string | null;
  cookieSecure: boolean;
  /** Take the client address from X-Forwarded-For (only behind a reverse proxy that sets it). */
  trustProxy: boolean;
  session: { idleMinutes: number; absoluteHours: number };
  login: { maxFailures: number; lockMinutes: number; ratePerMinute: number };
  backup: { cron: string; dir: string; retain: number };
  auditCheckpointCron: string;
  /** Run the tick every N seconds as well as every minute (demos and browser tests: due work shows sooner). */
  tickSeconds: number | null;
  /** Where webhooks may go: never link-local; this host (loopback) only when allowed (development, tests). */
  webhookTargets: { allowLoopback: boolean };
  businessTimeZone: string;
  /** WeCom: a real corp, or the built-in simulator when no WECOM_* credentials are set. */
  wecom: WecomConfig;
};

/** A configuration problem found at boot; names the variable so the operator can fix it. */
export class ConfigError extends Error {}

/**
 * Parses the environment once. In embedded mode a missing UPLIFT_SECRET is generated into
 * DATA_DIR (with a warning); with DATABASE_URL it is required, because several nodes share it.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, warn: (msg: string) => void = console.warn): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const wecom = resolveWecomConfig(e);
  if (wecom.problems.length > 0) throw new ConfigError(`Invalid configuration:\n${wecom.problems.join('\n')}`);
  const dataDir = path.resolve(e.DATA_DIR);
  const databaseUrl = e.DATABASE_URL ?? null;
  let secret = e.UPLIFT_SECRET ?? null;
  if (!secret) {
    if (databaseUrl) {
      throw new ConfigError('Invalid configuration:\n  UPLIFT_SECRET: required when DATABASE_URL is set (at least 32 characters, the same on every node)');
    }
    secret = readOrCreateSecret(dataDir, warn);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl,
    secret,
    demo: e.UPLIFT_DEMO ?? databaseUrl === null,
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL ?? null,
    cookieSecure: e.COOKIE_SECURE ?? (e.PUBLIC_URL?.startsWith('https://') ?? false),
    trustProxy: e.TRUST_PROXY,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS },
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockMinutes: e.LOGIN_LOCK_MINUTES, ratePerMinute: e.LOGIN_RATE_PER_MINUTE },
    backup: { cron: e.BACKUP_CRON, dir: path.resolve(e.BACKUP_DIR ?? path.join(dataDir, 'backups')), retain: e.BACKUP_RETAIN },
    auditCheckpointCron: e.AUDIT_CHECKPOINT_CRON,
    tickSeconds: e.TICK_SECONDS ?? null,
    webhookTargets: { allowLoopback: e.WEBHOOK_ALLOW_LOOPBACK },
    businessTimeZone: e.TZ_BUSINESS,
    wecom: wecom.config,
  };
}

function readOrCreateSecret(dataDir: string, warn: (msg: string) => void): string {
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  warn(
    `UPLIFT_SECRET was not set: generated a root key into ${file}. ` +
      'It encrypts sensitive fields and backups and signs the audit chain. In production set ' +
      'UPLIFT_SECRET yourself and back it up separately from the database: without it, backups cannot be restored.',
  );
  return secret;
}
