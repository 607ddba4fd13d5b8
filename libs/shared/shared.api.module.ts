import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { RequestContextMiddleware } from './context/request-context.middleware';
import { HealthController } from './health/health.controller';
import { LoggingModule } from './logging/logging.module';

@Module({ imports: [LoggingModule], controllers: [HealthController] })
export class SharedApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('*path');
  }
}
