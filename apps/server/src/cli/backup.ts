import { deriveKey } from '../lib/keys.ts';
import { systemClock } from '../lib/clock.ts';
import { createLogger } from '../lib/logger.ts';
import { createAudit } from '../modules/audit/audit.service.ts';
import { createBackups } from '../modules/backup/backup.service.ts';
import { cliConfig, openForCli, runCli } from './common.ts';

// npm run backup — writes one encrypted backup into BACKUP_DIR (embedded mode: with the server stopped).
runCli(async () => {
  const config = cliConfig();
  const { database, release } = await openForCli(config);
  try {
    const backups = createBackups({ database, databaseUrl: config.databaseUrl, dir: config.backup.dir, retain: config.backup.retain, key: deriveKey(config.secret, 'backup'), clock: systemClock, log: createLogger('warn') });
    const b = await backups.create();
    const audit = createAudit({ clock: systemClock, checkpointKey: deriveKey(config.secret, 'audit-checkpoint') });
    await database.db.transaction((tx) => audit.append(tx, { actorId: null, actorLabel: 'cli:backup', requestId: null }, { action: 'backup.create', entityType: 'backup', entityId: b.file, after: b }));
    console.log(`备份完成 backup written: ${config.backup.dir}/${b.file} (${b.bytes} bytes)`);
    return 0;
  } finally {
    await database.close();
    release();
  }
});
