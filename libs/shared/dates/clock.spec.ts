import { Clock } from './clock';
import { todayIso } from './today';

describe('Clock', () => {
  const clock = new Clock();

  it('reads the system day outside runOn', () => {
    expect(clock.today()).toBe(todayIso());
  });

  it('shifts to the given day inside runOn, across awaits, and only there', async () => {
    const inside = await Clock.runOn('2024-02-29', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return clock.today();
    });
    expect(inside).toBe('2024-02-29');
    expect(clock.today()).toBe(todayIso());
  });

  it('keeps two shifted runs apart when they interleave', async () => {
    const [a, b] = await Promise.all([
      Clock.runOn('2030-01-01', async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        return clock.today();
      }),
      Clock.runOn('2020-06-15', async () => clock.today()),
    ]);
    expect([a, b]).toEqual(['2030-01-01', '2020-06-15']);
  });

  it('refuses a day that is not YYYY-MM-DD', () => {
    expect(() => Clock.runOn('1.12.2026', async () => 0)).toThrow(/YYYY-MM-DD/);
  });
});
