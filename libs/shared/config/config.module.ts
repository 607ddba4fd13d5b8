import { Global, Module } from '@nestjs/common';
import { AppConfig, parseConfig } from './config.schema';

/** Injection token of the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** The validated configuration from the environment (read when a module graph is built). */
export function loadConfig(): AppConfig {
  return parseConfig(process.env);
}

@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: loadConfig }],
  exports: [APP_CONFIG],
})
export class ConfigModule {}
