import { AsyncLocalStorage } from 'node:async_hooks';
import { Global, Injectable, Module } from '@nestjs/common';
import { todayIso } from './today';

const DAY_MS = 86_400_000;
const shift = new AsyncLocalStorage<number>();

/**
 * The one source of "now" and "today" for domain rules (no dates in the past, due days,
 * deadlines, default booking dates). It reads the system clock, shifted by whole days
 * inside `Clock.runOn(day, fn)`: the demo seed and tests run code "as of" another day
 * that way, for everything called inside `fn` (awaits included) and nothing else — a
 * request served meanwhile still sees the real day.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date(Date.now() + (shift.getStore() ?? 0));
  }

  /** Today's calendar date (UTC) as YYYY-MM-DD. */
  today(): string {
    return todayIso(this.now());
  }

  /** Runs `fn` with the clock set to `day` (time of day keeps running). */
  static runOn<T>(day: string, fn: () => Promise<T>): Promise<T> {
    const target = Date.parse(`${day}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(target))
      throw new Error(`Clock.runOn needs a YYYY-MM-DD day, got ${day}`);
    const offset = target - Math.floor(Date.now() / DAY_MS) * DAY_MS;
    return shift.run(offset, fn);
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
