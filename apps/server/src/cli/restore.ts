import path from 'node:path';
import { existsSync } from 'node:fs';
import { lockDataDir } from '../db/lock.ts';
import { deriveKey } from '../lib/keys.ts';
import { systemClock } from '../lib/clock.ts';
import { createAudit } from '../modules/audit/audit.service.ts';
import { restorePglite, restorePostgres } from '../modules/backup/backup.service.ts';
import { cliConfig, openForCli, runCli } from './common.ts';

// npm run restore -- FILE — restores a backup (server stopped), then verifies the audit chain.
runCli(async () => {
  const arg = process.argv[2];
  if (!arg) {
    console.error('Usage: npm run restore -- FILE   (FILE: a .ubk backup; a bare name is looked up in BACKUP_DIR)');
    return 64;
  }
  const config = cliConfig();
  const file = existsSync(arg) ? path.resolve(arg) : path.join(config.backup.dir, arg);
  if (!existsSync(file)) {
    console.error(`No such backup file: ${arg}`);
    return 66;
  }
  const key = deriveKey(config.secret, 'backup');
  if (config.databaseUrl) {
    await restorePostgres(file, config.databaseUrl, key);
  } else {
    const lock = lockDataDir(config.dataDir);
    try {
      const { previous } = await restorePglite(file, path.join(config.dataDir, 'pg'), key);
      if (previous) console.log(`The previous data dir was kept at ${previous}`);
    } finally {
      lock.release();
    }
  }
  const { database, release } = await openForCli(config);
  try {
    const audit = createAudit({ clock: systemClock, checkpointKey: deriveKey(config.secret, 'audit-checkpoint') });
    await database.db.transaction((tx) => audit.append(tx, { actorId: null, actorLabel: 'cli:restore', requestId: null }, { action: 'backup.restore', entityType: 'backup', entityId: path.basename(file) }));
    const report = await audit.verify(database.db);
    console.log(`恢复完成 restored ${path.basename(file)}; audit chain ${report.ok ? `OK (${report.records} records)` : `BROKEN at #${report.firstBroken?.seq}: ${report.firstBroken?.reason}`}`);
    return report.ok ? 0 : 1;
  } finally {
    await database.close();
    release();
  }
});
