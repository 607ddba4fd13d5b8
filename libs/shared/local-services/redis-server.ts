import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

export class MissingRedisError extends Error {}

async function hasRedisServer(): Promise<boolean> {
  try {
    await run('redis-server', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** Installs Debian's redis-server when running as root; otherwise says what to install. */
export async function ensureRedisInstalled(log: (line: string) => void): Promise<void> {
  if (await hasRedisServer()) return;
  if (userInfo().uid !== 0) {
    throw new MissingRedisError(
      'redis-server is not installed. Install it (Debian/Ubuntu: `sudo apt-get install redis-server`) ' +
        'or set REDIS_URL to an existing Redis.',
    );
  }
  log('Installing redis-server with apt-get (one time) ...');
  await run('apt-get', ['update', '-qq'], { maxBuffer: 64 * 1024 * 1024 });
  await run('apt-get', ['install', '-y', '-qq', 'redis-server'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    maxBuffer: 64 * 1024 * 1024,
  });
}

export interface RedisServer {
  dir: string;
  port: number;
}

function baseArgs(server: RedisServer): string[] {
  return ['--port', String(server.port), '--bind', '127.0.0.1', '--dir', server.dir, '--save', ''];
}

/** A persistent Redis (AOF on) running as a daemon, for `services up` and the demo. */
export async function startRedisDaemon(server: RedisServer): Promise<void> {
  await mkdir(server.dir, { recursive: true });
  if (await isRedisRunning(server)) return;
  await run('redis-server', [
    ...baseArgs(server),
    '--appendonly',
    'yes',
    '--daemonize',
    'yes',
    '--pidfile',
    `${server.dir}/redis.pid`,
    '--logfile',
    `${server.dir}/redis.log`,
  ]);
  await waitForRedis(server.port);
}

/** A throwaway Redis tied to this process, for tests. */
export async function startRedisChild(server: RedisServer): Promise<ChildProcess> {
  await mkdir(server.dir, { recursive: true });
  const child = spawn('redis-server', [...baseArgs(server), '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  await waitForRedis(server.port);
  return child;
}

export async function stopRedisDaemon(server: RedisServer): Promise<void> {
  const pid = await readPid(server);
  if (pid === undefined) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
}

export async function isRedisRunning(server: RedisServer): Promise<boolean> {
  const pid = await readPid(server);
  return pid !== undefined && isAlive(pid);
}

async function readPid(server: RedisServer): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(`${server.dir}/redis.pid`, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitForRedis(port: number, timeoutMs = 10_000): Promise<void> {
  const { Socket } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1', () => {
        socket.write('PING\r\n');
        socket.once('data', (d) => {
          socket.destroy();
          resolve(d.toString().startsWith('+PONG'));
        });
      });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`Redis on port ${port} did not start`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
