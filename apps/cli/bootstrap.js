#!/usr/bin/env node
// Entry of `npm run demo`, `npm test` and the other operator scripts. Plain Node, no
// dependencies: it installs them when node_modules is missing or stale, builds, then
// hands over to the compiled CLI (or to Jest for `test`).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
// npm writes this after every install; older than package-lock.json means stale.
const installed = path.join(root, 'node_modules', '.package-lock.json');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function ensureDependencies() {
  const lock = fs.statSync(path.join(root, 'package-lock.json'));
  if (fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= lock.mtimeMs) return;
  console.log('Installing dependencies (npm ci) ...');
  run(npm, ['ci', '--no-audit', '--no-fund']);
}

// The child gets Ctrl-C too and shuts down in order; this process waits for it.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => undefined);

const [command, ...args] = process.argv.slice(2);
ensureDependencies();
if (command === 'test') {
  // End-to-end tests start the compiled worker as a real child process.
  run(npm, ['run', '--silent', 'build']);
  run(process.execPath, [
    path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
    '--config',
    'config/jest.config.js',
    ...args,
  ]);
} else {
  console.log('Building ...');
  run(npm, ['run', '--silent', 'build']);
  run(process.execPath, [
    path.join(root, 'dist', 'apps', 'cli', 'src', 'main.js'),
    command ?? 'help',
    ...args,
  ]);
}
