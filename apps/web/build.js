#!/usr/bin/env node
// Builds the web app into dist/web when its sources changed since the last build (a hash
// of every input is kept in dist/web/.source-hash). `--force` builds regardless.
// Plain Node, so `npm run build`, `npm test` and `npm run demo` can all call it.
'use strict';
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const out = path.join(root, 'dist', 'web');
const stamp = path.join(out, '.source-hash');
const INPUTS = [
  'apps/web/src',
  'apps/web/index.html',
  'apps/web/vite.config.mjs',
  'libs/shared/formats.ts',
  'libs/shared/money',
  'libs/shared/dates',
  'package-lock.json',
];

function files(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return [];
  if (fs.statSync(full).isFile()) return [entry];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .flatMap((d) => files(path.join(entry, d.name)))
    .sort();
}

function sourceHash() {
  const hash = crypto.createHash('sha256');
  for (const file of INPUTS.flatMap(files)) {
    hash.update(file);
    hash.update(fs.readFileSync(path.join(root, file)));
  }
  return hash.digest('hex');
}

const hash = sourceHash();
const force = process.argv.includes('--force');
if (!force && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) process.exit(0);

console.log('Building the web app (vite) ...');
const result = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
    'build',
    '--config',
    'apps/web/vite.config.mjs',
    '--logLevel',
    'warn',
  ],
  { cwd: root, stdio: 'inherit' },
);
if (result.status !== 0) process.exit(result.status ?? 1);
fs.writeFileSync(stamp, hash);
