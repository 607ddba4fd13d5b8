import { germanMonth, germanPeriod } from './german-periods';

describe('German periods for letters', () => {
  it.each([
    ['2026-01-01', '2026-12-31', '2026'],
    ['2026-01-01', '2026-06-30', '1. Halbjahr 2026'],
    ['2026-07-01', '2026-12-31', '2. Halbjahr 2026'],
    ['2026-01-01', '2026-03-31', '1. Quartal 2026'],
    ['2026-10-01', '2026-12-31', '4. Quartal 2026'],
    ['2026-03-01', '2026-03-31', 'März 2026'],
    ['2024-02-01', '2024-02-29', 'Februar 2024'],
    ['2026-02-15', '2026-03-31', '15.02.2026–31.03.2026'],
    ['2026-02-01', '2026-04-30', '01.02.2026–30.04.2026'],
    ['2026-07-01', '2027-06-30', '01.07.2026–30.06.2027'],
  ])('%s to %s is "%s"', (from, to, label) => {
    expect(germanPeriod(from, to)).toBe(label);
  });

  it('writes months in German', () => {
    expect(germanMonth('2026-12-24')).toBe('Dezember 2026');
  });
});
