import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const contractSrc = path.resolve(webDir, '../../packages/contract/src');
const distIndex = path.join(webDir, 'dist', 'index.html');

/** Newest modification time of any file under `dir` (0 when it does not exist). */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web app into dist/ (which the server serves) unless it is newer than its sources. */
export async function setup(): Promise<void> {
  const built = existsSync(distIndex) ? statSync(distIndex).mtimeMs : 0;
  const inputs = [path.join(webDir, 'src'), contractSrc].map(newestMtime);
  const configs = ['index.html', 'vite.config.ts'].map((f) => (existsSync(path.join(webDir, f)) ? statSync(path.join(webDir, f)).mtimeMs : 0));
  if (built > Math.max(...inputs, ...configs)) return;
  // the production build people get: Vitest sets NODE_ENV=test, with which Vite would bundle React's
  // development build (slower, larger, and not what `npm start` serves)
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: webDir, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
