import { Controller, Get, Inject, OnModuleDestroy, Req, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { Public } from '../http/public.decorator';
import { Summary } from '../http/summary.decorator';
import { ProblemDto } from '../http/problem.dto';
import { toProblem, type Problem } from '../errors/problem.filter';
import { DomainError } from '../errors/domain-error';
import { negotiateLanguage } from '../errors/catalogue';
import { randomUUID } from 'node:crypto';
import { createProbeConnection } from '../queue/redis-connection';

type Status = 'up' | 'down';

export class HealthDto {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({ enum: ['up', 'down'] }) database: Status;
  @ApiProperty({ enum: ['up', 'down'] }) redis: Status;
}

/** The 503: a problem (code SERVICE_DEGRADED) that also says which dependency is down. */
export class HealthProblemDto extends ProblemDto {
  @ApiProperty({ enum: ['up', 'down'] }) database: Status;
  @ApiProperty({ enum: ['up', 'down'] }) redis: Status;
}

const TIMEOUT_MS = 1000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS).unref(),
    ),
  ]);
}

@ApiTags('health')
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private readonly redis: IORedis;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.redis = createProbeConnection(config.REDIS_URL);
    this.redis.on('error', () => undefined); // reported through the probe, not as noise
  }

  @Summary('Betriebszustand (Datenbank, Redis)', 'Health (database, Redis)')
  @Get()
  @Public()
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({
    type: HealthProblemDto,
    description: 'Database or Redis is down (problem+json naming which)',
  })
  async check(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HealthDto | Problem> {
    // Right after start the probe may still be connecting; give it the same time budget.
    if (this.redis.status === 'connecting' || this.redis.status === 'connect') {
      await withTimeout(new Promise((resolve) => this.redis.once('ready', resolve))).catch(
        () => undefined,
      );
    }
    const [database, redis] = await Promise.all([
      withTimeout(this.dataSource.query('SELECT 1')).then(
        (): Status => 'up',
        (): Status => 'down',
      ),
      withTimeout(this.redis.ping()).then(
        (): Status => 'up',
        (): Status => 'down',
      ),
    ]);
    if (database === 'up' && redis === 'up') return { status: 'ok', database, redis };
    const down = [database === 'down' && 'database', redis === 'down' && 'redis'].filter(Boolean);
    const problem = toProblem(
      new DomainError(
        'SERVICE_DEGRADED',
        `Not reachable: ${down.join(', ')}`,
        { unreachable: down },
        503,
      ),
      randomUUID(),
      negotiateLanguage(req.headers['accept-language']),
    );
    res.status(503).type('application/problem+json');
    return { ...problem, database, redis };
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
