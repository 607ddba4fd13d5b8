import { parseEuroToCents } from './parse-amount';

describe('parseEuroToCents', () => {
  it.each([
    ['1.234,56', 123456],
    ['1234,56', 123456],
    ['1234.56', 123456],
    ['1,234.56', 123456],
    ['1.234', 123400],
    ['12,5', 1250],
    ['0,01', 1],
    ['-3', -300],
    ['1.000.000,00 €', 100000000],
    ['101,10', 10110],
    ['1.000.000.000,00', 100_000_000_000],
  ])('reads %s as %i cents', (text, cents) => {
    expect(parseEuroToCents(text)).toBe(cents);
  });

  it.each([
    '',
    'abc',
    '1,234',
    '12,345',
    '1.2.3',
    '0,001',
    '1e5',
    '12,',
    '1.23.456',
    '1.000.000.000,01',
    '-90071992547409,92',
  ])('refuses %p', (text) => {
    expect(parseEuroToCents(text)).toBeUndefined();
  });
});
