import { isTargetBusinessDay, nextTargetBusinessDay } from './target-calendar';

describe('TARGET business days', () => {
  it('knows the fixed and the Easter holidays and weekends', () => {
    for (const day of [
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-12-25',
      '2026-12-26',
      '2026-11-28',
      '2027-03-26',
      '2027-03-29',
    ])
      expect([day, isTargetBusinessDay(day)]).toEqual([day, false]);
    for (const day of ['2026-04-02', '2026-04-07', '2026-12-24', '2026-12-28', '2026-11-26'])
      expect([day, isTargetBusinessDay(day)]).toEqual([day, true]);
  });

  it('moves a collection date to the next business day', () => {
    expect(nextTargetBusinessDay('2026-12-25')).toBe('2026-12-28');
    expect(nextTargetBusinessDay('2026-04-03')).toBe('2026-04-07');
    expect(nextTargetBusinessDay('2026-12-01')).toBe('2026-12-01');
  });
});
