import { amountInGermanWords, numberInGermanWords } from './german-words';

describe('German amounts in words', () => {
  it.each([
    [1, 'null Euro und ein Cent'],
    [100000000, 'eine Million Euro'],
    [10110, 'einhundertein Euro und zehn Cent'],
    [12000, 'einhundertzwanzig Euro'],
    [100, 'ein Euro'],
    [2100, 'einundzwanzig Euro'],
    [
      123456789,
      'eine Million zweihundertvierunddreißigtausendfünfhundertsiebenundsechzig Euro und neunundachtzig Cent',
    ],
    [200000000, 'zwei Millionen Euro'],
    [100100, 'eintausendein Euro'],
    // The list a Finanzamt reads: "ein" wherever one ends the number before "Euro"/"Cent".
    [10100, 'einhundertein Euro'],
    [20100, 'zweihundertein Euro'],
    [100000100, 'eine Million ein Euro'],
    [200100100, 'zwei Millionen eintausendein Euro'],
    [10000100, 'einhunderttausendein Euro'],
    [2100100, 'einundzwanzigtausendein Euro'],
    [3100, 'einunddreißig Euro'],
    [10101, 'einhundertein Euro und ein Cent'],
    [1100, 'elf Euro'],
    [110000, 'eintausendeinhundert Euro'],
    [100000, 'eintausend Euro'],
    [101, 'ein Euro und ein Cent'],
    [0, 'null Euro'],
    [3000000000, 'dreißig Millionen Euro'],
    [17000, 'einhundertsiebzig Euro'],
    [9999, 'neunundneunzig Euro und neunundneunzig Cent'],
  ])('%i cents → %s', (cents, words) => {
    expect(amountInGermanWords(cents)).toBe(words);
  });

  it('spells standalone numbers and large scales', () => {
    expect(numberInGermanWords(1)).toBe('eins');
    expect(numberInGermanWords(101)).toBe('einhunderteins');
    expect(numberInGermanWords(101, true)).toBe('einhundertein');
    expect(numberInGermanWords(1001, true)).toBe('eintausendein');
    expect(numberInGermanWords(1_000_001)).toBe('eine Million eins');
    expect(numberInGermanWords(2_000_000_000)).toBe('zwei Milliarden');
    expect(numberInGermanWords(21_000_000)).toBe('einundzwanzig Millionen');
  });
});
