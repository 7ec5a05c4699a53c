import v8 from 'node:v8';
import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/lock.ts';
import { systemClock } from './lib/clock.ts';
import { createLogger } from './lib/logger.ts';
import { startServer } from './server.ts';
import { DEMO_ADMIN_PASSWORD, DEMO_LOGINS } from './seed/first-start.ts';

// The server allocates much and briefly (an import streams 100,000 rows through parsing, encryption
// and staging): collect once the heap has grown a fifth over what was live, not V8's default of up
// to several times, so such an import peaks at about 330 MB of memory, not 480 MB, at the same speed.
v8.setFlagsFromString('--heap-growing-percent=20');

async function main() {
  let config;
  try {
    config = loadConfig({ ...process.env, ...(process.argv.includes('--demo') && { UPLIFT_DEMO: 'true' }) });
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78);
    }
    throw e;
  }
  const log = createLogger(config.logLevel);
  let server;
  try {
    server = await startServer({ config, clock: systemClock, log });
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(e.message);
      process.exit(75);
    }
    throw e;
  }
  const shown = config.host === '0.0.0.0' ? `http://localhost:${config.port}` : server.url;
  const lines = [
    '',
    `  跃升 Uplift is running: ${shown}`,
    `  API docs: ${shown}/docs   Health: ${shown}/healthz`,
    `  Database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}/pg`}`,
    `  WeCom: ${config.wecom.mode === 'live' ? `corp ${config.wecom.credentials.corpId}, callback ${shown}/api/wecom/callback` : `built-in simulator at ${shown}/wecom-sim (no WECOM_* credentials set)`}`,
  ];
  if (server.firstStart) {
    lines.push(`  Sign in as ${server.firstStart.username} / ${server.firstStart.password}${config.demo ? '  (demo password)' : '  (shown once: change it after signing in)'}`);
    if (server.firstStart.demoAccounts) lines.push('  Demo group 星河集团 loaded.');
  }
  if (config.demo) {
    lines.push(`  Demo sign-ins (password ${DEMO_ADMIN_PASSWORD}):`);
    for (const [name, role] of DEMO_LOGINS) lines.push(`    ${name.padEnd(9)} ${role}`);
  }
  console.log(`${lines.join('\n')}\n`);

  let signals = 0;
  const shutdown = (signal: string) => {
    signals++;
    if (signals > 1) process.exit(130);
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    server
      .stop()
      .then(() => {
        log.info('stopped cleanly');
        process.exit(0);
      })
      .catch((err: unknown) => {
        log.error({ err }, 'error during shutdown');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
