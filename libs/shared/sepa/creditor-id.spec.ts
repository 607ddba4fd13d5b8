import { isValidCreditorId } from './creditor-id';

describe('isValidCreditorId', () => {
  it('accepts the Bundesbank test id and real-looking ids', () => {
    expect(isValidCreditorId('DE98ZZZ09999999999')).toBe(true);
    expect(isValidCreditorId('DE98 ZZZ0 9999 9999 99')).toBe(true);
    expect(isValidCreditorId('DE02ZZZ00000012345')).toBe(isValidCreditorId('DE02ABC00000012345'));
  });

  it('ignores the business code in the check', () => {
    expect(isValidCreditorId('DE98ABC09999999999')).toBe(true);
  });

  it('rejects wrong check digits, lengths and characters', () => {
    expect(isValidCreditorId('DE97ZZZ09999999999')).toBe(false);
    expect(isValidCreditorId('DE98ZZZ0999999999')).toBe(false);
    expect(isValidCreditorId('DE98ZZZ0999999999!')).toBe(false);
    expect(isValidCreditorId('')).toBe(false);
  });
});
