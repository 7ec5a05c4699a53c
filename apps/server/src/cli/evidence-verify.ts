import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deriveKey } from '../lib/keys.ts';
import { describeReport, verifyEvidence } from '../modules/evidence/evidence.verify.ts';

// npm run evidence:verify -- FILE — checks an evidence package on its own (no database); exit 0 when intact, 1 otherwise.
// With UPLIFT_SECRET set (the server's), the signed audit checkpoint's signature is checked too.
const arg = process.argv.slice(2).find((a) => a !== '--');
if (!arg) {
  console.error('用法 usage: npm run evidence:verify -- 证据包.zip');
  process.exit(2);
}
// npm runs scripts in the package folder: a relative path means the folder the caller ran npm in
const file = resolve(process.env.INIT_CWD ?? process.cwd(), arg);
let bytes: Buffer;
try {
  bytes = readFileSync(file);
} catch (e) {
  console.error(`无法读取 cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
const secret = process.env.UPLIFT_SECRET;
const report = verifyEvidence(bytes, { checkpointKey: secret ? deriveKey(secret, 'audit-checkpoint') : null });
console.log(`${file}`);
for (const line of describeReport(report)) console.log(line);
process.exit(report.ok ? 0 : 1);
