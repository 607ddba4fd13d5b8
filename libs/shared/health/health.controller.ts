import { Controller, Get, Inject, OnModuleDestroy, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { Public } from '../http/public.decorator';
import { createProbeConnection } from '../queue/redis-connection';

type Status = 'up' | 'down';

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
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

  @Get()
  @Public()
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'Database or Redis is down' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
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
    const healthy = database === 'up' && redis === 'up';
    res.status(healthy ? 200 : 503);
    return { status: healthy ? 'ok' : 'degraded', database, redis };
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
