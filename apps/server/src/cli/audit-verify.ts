import { deriveKey } from '../lib/keys.ts';
import { systemClock } from '../lib/clock.ts';
import { createAudit } from '../modules/audit/audit.service.ts';
import { cliConfig, openForCli, runCli } from './common.ts';

// npm run audit:verify — walks the whole chain and every signed checkpoint; exit 1 on the first broken link.
runCli(async () => {
  const config = cliConfig();
  const { database, release } = await openForCli(config);
  try {
    const audit = createAudit({ clock: systemClock, checkpointKey: deriveKey(config.secret, 'audit-checkpoint') });
    const report = await audit.verify(database.db);
    if (report.ok) {
      console.log(`审计链完整 audit chain OK: ${report.records} records, ${report.checkpoints} signed checkpoints, head #${report.headSeq}`);
      return 0;
    }
    const b = report.firstBroken!;
    console.log(`审计链已损坏 audit chain BROKEN at ${b.kind} #${b.seq}: ${b.reason} (${report.records} records verified before it)`);
    return 1;
  } finally {
    await database.close();
    release();
  }
});
