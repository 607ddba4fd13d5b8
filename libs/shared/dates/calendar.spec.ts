import { addMonths, lastOfMonth, monthlyPeriods } from './calendar';

describe('fiscal calendar', () => {
  it('splits a calendar year into 12 months', () => {
    const periods = monthlyPeriods('2026-01-01', '2026-12-31');
    expect(periods).toHaveLength(12);
    expect(periods[1]).toEqual({ periodNo: 2, startsOn: '2026-02-01', endsOn: '2026-02-28' });
    expect(periods[11].endsOn).toBe('2026-12-31');
  });

  it('handles fiscal years that start mid-month and leap years', () => {
    const periods = monthlyPeriods('2027-07-15', '2028-07-14');
    expect(periods[0]).toEqual({ periodNo: 1, startsOn: '2027-07-15', endsOn: '2027-07-31' });
    expect(periods.find((p) => p.startsOn === '2028-02-01')?.endsOn).toBe('2028-02-29');
    expect(periods.at(-1)).toEqual({ periodNo: 13, startsOn: '2028-07-01', endsOn: '2028-07-14' });
  });

  it('adds months without running past the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(lastOfMonth('2024-02-10')).toBe('2024-02-29');
  });
});
