// Platform pieces every library stands on: typed config, database and transactions,
// errors as problem+json, queue wiring with its job registry, request context,
// actor and scope, and the local services the two commands start.
export * from './shared.module';
export * from './shared.api.module';
export * from './shared.jobs.module';
export * from './config/config.module';
export * from './config/config.schema';
export * from './database/data-source';
export * from './database/transactions';
export * from './errors/domain-error';
export * from './errors/problem.filter';
export * from './errors/validation';
export * from './http/page';
export * from './http/problem.dto';
export * from './http/public.decorator';
export * from './context/request-context';
export * from './logging/logging.module';
export * from './queue/job-registry';
export * from './queue/job-handler.decorator';
export * from './queue/job-queue.service';
export * from './queue/job-worker.service';
export * from './queue/redis-connection';
export * from './scope/actor';
export * from './scope/actor.decorators';
export * from './sepa/creditor-id';
export * from './local-services/postgres-server';
export * from './local-services/redis-server';
export * from './local-services/free-port';
export * from './local-services/local-env';
export * from './sepa/validators';
export * from './config/project-root';
export * from './database/prepared-query';
export * from './http/stream-sink';
export * from './database/uuid-v7';
export * from './money/parse-amount';
export * from './money/parse-amount';
export * from './idempotency/idempotency';
