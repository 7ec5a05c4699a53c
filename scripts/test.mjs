// npm test: the whole suite. Unit and database tests on PGlite; the database tests again on
// PostgreSQL when TEST_DATABASE_URL is set (a server database the run may create databases in);
// then the browser journeys in Debian's Chromium. Prints one closing line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, '.tmp/test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');

const runs = [{ name: 'unit+db (PGlite)', projects: ['unit', 'db'], env: { UPLIFT_TEST_DB: 'pglite' } }];
if (process.env.TEST_DATABASE_URL) runs.push({ name: 'db (PostgreSQL)', projects: ['db'], env: { UPLIFT_TEST_DB: 'postgres' } });
runs.push({ name: 'browser (Chromium)', projects: ['e2e'], env: {} });

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let passed = 0;
let failed = 0;
let broken = false;
for (const [i, run] of runs.entries()) {
  console.log(`\n=== ${run.name} ===`);
  if (run.projects.includes('e2e') && !existsSync(chromium)) {
    console.error(`Browser tests need Chromium at ${chromium}: apt-get install -y chromium fonts-wqy-microhei (or set CHROMIUM_PATH).`);
    broken = true;
    continue;
  }
  const json = path.join(out, `run-${i}.json`);
  const args = [vitest, 'run', ...run.projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${json}`];
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...run.env } });
  if (existsSync(json)) {
    const report = JSON.parse(readFileSync(json, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    if (report.numTotalTests === 0) broken = true;
  }
  if (r.status !== 0) broken = true;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(broken || failed > 0 ? 1 : 0);
