import {
  creditorReferencePayload,
  isCreditorReference,
  toCreditorReference,
} from './creditor-reference';

describe('ISO 11649 creditor references', () => {
  it('accepts the standard’s example and refuses a wrong check digit', () => {
    expect(isCreditorReference('RF18 5390 0754 7034')).toBe(true);
    expect(isCreditorReference('RF18539007547034')).toBe(true);
    expect(isCreditorReference('RF19539007547034')).toBe(false);
    expect(isCreditorReference('RF18')).toBe(false);
    expect(isCreditorReference('4654654654654654')).toBe(false);
  });

  it('builds references that check, and reads their payload back', () => {
    for (const payload of ['M00002', '539007547034', 'R1A2B3', 'Z']) {
      const ref = toCreditorReference(payload);
      expect(isCreditorReference(ref)).toBe(true);
      expect(creditorReferencePayload(ref)).toBe(payload);
    }
    expect(toCreditorReference('539007547034')).toBe('RF18539007547034');
    expect(creditorReferencePayload('RF19539007547034')).toBeNull();
    expect(creditorReferencePayload(null)).toBeNull();
  });
});
