import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { report } from './support/report';

const WEB = path.resolve(__dirname, '../web');
const GOAL_BYTES = 300 * 1024;

/**
 * What the browser must fetch before the first screen: the entry script and every module
 * index.html preloads, gzipped (the areas' chunks come later, when their screens open).
 */
export function benchWebBundle(): void {
  const html = readFileSync(path.join(WEB, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const gzipped = scripts.map(
    (file) => gzipSync(readFileSync(path.join(WEB, file)), { level: 9 }).length,
  );
  const total = gzipped.reduce((a, b) => a + b, 0);
  report(
    'web: first route JavaScript',
    { files: scripts.length, gzipKB: total / 1024, largestKB: Math.max(...gzipped) / 1024 },
    { text: '<= 300 KB gzipped', met: total <= GOAL_BYTES },
  );
}
