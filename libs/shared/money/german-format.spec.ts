import { germanAmount, germanDate } from './german-format';

describe('German formats', () => {
  it('prints dates and amounts the German way', () => {
    expect(germanDate('2026-03-02')).toBe('02.03.2026');
    expect([
      germanAmount(1),
      germanAmount(123456),
      germanAmount(100000000),
      germanAmount(-4550),
    ]).toEqual(['0,01 €', '1.234,56 €', '1.000.000,00 €', '-45,50 €']);
  });
});
