import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Pool } from 'pg';

/**
 * Reference for the auth benchmark: the least a NestJS route with one prepared
 * primary-key query can cost on this machine (no auth, no logging, no middleware).
 * Started as a child process: argv = port, database URL, user id.
 */
const [port, url, userId] = process.argv.slice(2);
const pool = new Pool({ connectionString: url, max: 10 });

@Controller('me')
class MeController {
  @Get()
  async me(): Promise<unknown> {
    const result = await pool.query({
      name: 'minimal-me',
      text: 'SELECT id, email, name, is_platform_admin FROM users WHERE id = $1',
      values: [userId],
    });
    return result.rows[0];
  }
}

@Module({ controllers: [MeController] })
class MinimalModule {}

void NestFactory.create(MinimalModule, { logger: false }).then((app) =>
  app.listen(Number(port), '127.0.0.1'),
);
