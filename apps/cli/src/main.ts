import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { NestFactory } from '@nestjs/core';
import { AdminBootstrapService } from '@dachwerk/auth';
import {
  DocumentVerifier,
  DomainError,
  type DocumentVerification,
  localServicesDown,
  localServicesStatus,
  localServicesUp,
  runMigrations,
  serviceUrls,
} from '@dachwerk/shared';
import { CliModule } from './cli.module';
import { runDemo } from './demo/run-demo';
import { seedDemo } from './demo/seed-demo';

const out = (line: string): void => void process.stdout.write(`${line}\n`);
const root = process.cwd();

const USAGE = `Dachwerk operator commands

  services up|down|status|env   local Postgres and Redis under .data/
  migrate                       apply pending database migrations (as the owner role)
  seed-demo                     load the demo data (refused with NODE_ENV=production)
  create-admin --email E --name N
                                create a platform administrator; the password is read
                                from ADMIN_PASSWORD or asked for
  verify-documents [--json]     check every document Postgres records against the
                                document store (present, SHA-256 as recorded); exit
                                code 0 = all intact, 1 = problems (listed)
  demo                          everything \`npm run demo\` does
`;

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const writable = rl as unknown as {
      _writeToOutput: (s: string) => void;
      output: NodeJS.WriteStream;
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    writable._writeToOutput = () => undefined;
    process.stdout.write(question);
  });
}

async function services(action: string | undefined): Promise<void> {
  switch (action) {
    case 'up':
      await localServicesUp(root, out);
      out('Local services are up. `npm run services -- env` prints their URLs.');
      return;
    case 'down':
      await localServicesDown(root);
      out('Local services stopped.');
      return;
    case 'status': {
      const status = await localServicesStatus(root);
      out(
        `postgres: ${status.postgres ? 'running' : 'stopped'}\nredis: ${status.redis ? 'running' : 'stopped'}`,
      );
      return;
    }
    case 'env': {
      const urls = serviceUrls();
      out(
        `DATABASE_URL=${urls.DATABASE_URL}\nMIGRATION_DATABASE_URL=${urls.MIGRATION_DATABASE_URL}\nREDIS_URL=${urls.REDIS_URL}`,
      );
      return;
    }
    default:
      throw new Error(`services needs up, down, status or env\n\n${USAGE}`);
  }
}

function describeVerification(report: DocumentVerification): string {
  const count = (problem: string) => report.problems.filter((p) => p.problem === problem).length;
  return [
    `Checked ${report.checked} documents: ${report.ok} intact, ${count('missing')} missing, ${count('altered')} altered, ${count('unreadable')} unreadable.`,
    ...report.problems.map(
      (p) =>
        `  ${p.problem}  ${p.path}  (${p.owner} ${p.ownerId})${p.detail ? `: ${p.detail}` : ''}`,
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const [command, ...rest] = positionals;
  switch (command) {
    case 'services':
      return services(rest[0]);
    case 'migrate': {
      const applied = await runMigrations(serviceUrls().MIGRATION_DATABASE_URL);
      out(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      return;
    }
    case 'seed-demo': {
      if (process.env.NODE_ENV === 'production')
        throw new Error('Demo data is never loaded in production mode');
      Object.assign(process.env, serviceUrls());
      const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
      await seedDemo(app).finally(() => app.close());
      out('Demo data loaded.');
      return;
    }
    case 'create-admin': {
      if (!values.email || !values.name) throw new Error('create-admin needs --email and --name');
      const password =
        process.env.ADMIN_PASSWORD ?? (await askHidden('Password (12+ characters): '));
      Object.assign(process.env, serviceUrls());
      const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
      try {
        const result = await app
          .get(AdminBootstrapService)
          .createPlatformAdmin(values.email, values.name, password);
        out(
          `${result.created ? 'Created' : 'Updated'} platform admin ${values.email} (${result.id}).`,
        );
      } finally {
        await app.close();
      }
      return;
    }
    case 'verify-documents': {
      Object.assign(process.env, serviceUrls());
      const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
      const report = await app
        .get(DocumentVerifier)
        .verify()
        .finally(() => app.close());
      out(values.json ? JSON.stringify(report, null, 2) : describeVerification(report));
      if (report.problems.length) process.exitCode = 1;
      return;
    }
    case 'demo':
      return runDemo(root);
    default:
      out(USAGE);
      if (command && !values.help) process.exitCode = 2;
  }
}

main().catch((error: unknown) => {
  if (error instanceof DomainError) {
    const errors =
      (error.details?.errors as { field: string; message: string }[] | undefined) ?? [];
    process.stderr.write(
      `${error.message}${errors.map((e) => `\n  ${e.field} ${e.message}`).join('')}\n`,
    );
  } else {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
