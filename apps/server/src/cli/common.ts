import { ConfigError, loadConfig, type Config } from '../config.ts';
import { DataDirLockedError } from '../db/lock.ts';
import { migrate } from '../db/client.ts';
import { openDatabase } from '../server.ts';

/** Loads the config for a command-line tool, turning known failures into a clear message and exit code. */
export function cliConfig(): Config {
  try {
    return loadConfig(process.env, (m) => console.error(m));
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78);
    }
    throw e;
  }
}

/** Runs a CLI body and maps the expected failures to exit codes. */
export function runCli(body: () => Promise<number>): void {
  body()
    .then((code) => process.exit(code))
    .catch((e: unknown) => {
      if (e instanceof DataDirLockedError) {
        console.error(`${e.message}\nWhile the server runs, use the admin page (系统管理 → 审计与备份) or its API instead.`);
        process.exit(75);
      }
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}

/** Opens the configured database (embedded: under the data-dir lock) and brings its schema up to date. */
export async function openForCli(config: Config) {
  const opened = await openDatabase(config);
  try {
    await migrate(opened.database);
  } catch (e) {
    await opened.database.close();
    opened.release();
    throw e;
  }
  return opened;
}
