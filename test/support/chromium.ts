import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's Chromium, which Playwright drives (it may not download a browser of its own). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Installs Debian's chromium when running as root, like redis-server; otherwise says what to do. */
export async function ensureChromiumInstalled(log: (line: string) => void): Promise<void> {
  if (existsSync(CHROMIUM)) return;
  if (userInfo().uid !== 0) {
    throw new Error(
      `${CHROMIUM} is missing. Install it (Debian/Ubuntu: \`sudo apt-get install chromium\`) ` +
        'or set CHROMIUM_PATH; the browser tests drive it.',
    );
  }
  log('Installing chromium with apt-get (one time) ...');
  await run('apt-get', ['update', '-qq'], { maxBuffer: 64 * 1024 * 1024 });
  await run('apt-get', ['install', '-y', '-qq', 'chromium'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    maxBuffer: 64 * 1024 * 1024,
  });
}
