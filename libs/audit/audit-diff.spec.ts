import { diffFields } from './audit-diff';

describe('diffFields', () => {
  it('lists only changed fields with before and after', () => {
    expect(diffFields({ name: 'A', city: 'X' }, { name: 'B', city: 'X' })).toEqual({
      name: { before: 'A', after: 'B' },
    });
  });

  it('treats a missing before as creation', () => {
    expect(diffFields(undefined, { name: 'A' })).toEqual({ name: { before: null, after: 'A' } });
  });

  it('compares dates and arrays by value', () => {
    const d = new Date('2026-01-01T00:00:00Z');
    expect(diffFields({ at: d, p: ['a'] }, { at: new Date(d), p: ['a'] })).toEqual({});
  });

  it('never records secret values', () => {
    expect(diffFields({ passwordHash: 'x' }, { passwordHash: 'y' })).toEqual({
      passwordHash: { before: '[redacted]', after: '[redacted]' },
    });
  });
});
