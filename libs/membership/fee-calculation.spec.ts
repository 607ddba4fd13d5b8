import { dueFees, feePeriodContaining, type FeeSubject } from './fee-calculation';

const member = (over: Partial<FeeSubject> = {}): FeeSubject => ({
  joinedOn: '2020-01-01',
  leftOn: null,
  interval: 'yearly',
  proRata: true,
  reduced: false,
  rates: [
    {
      validFrom: '2020-01-01',
      amountCents: 6000,
      reducedAmountCents: 3000,
      admissionFeeCents: 1000,
    },
  ],
  ...over,
});

describe('fee calculation', () => {
  it('aligns fee periods to the calendar', () => {
    expect(feePeriodContaining('2026-05-17', 'quarterly')).toEqual({
      start: '2026-04-01',
      end: '2026-06-30',
    });
    expect(feePeriodContaining('2026-08-02', 'half_yearly')).toEqual({
      start: '2026-07-01',
      end: '2026-12-31',
    });
    expect(feePeriodContaining('2026-02-28', 'monthly')).toEqual({
      start: '2026-02-01',
      end: '2026-02-28',
    });
  });

  it('raises the full yearly fee of a long-standing member once in the year', () => {
    const fees = dueFees(member(), '2026-01-01', '2026-12-31');
    expect(fees).toEqual([
      expect.objectContaining({ kind: 'fee', periodStart: '2026-01-01', amountCents: 6000 }),
    ]);
    expect(dueFees(member(), '2026-02-01', '2026-12-31')).toEqual([]);
  });

  it('charges a joiner pro rata by whole months plus the admission fee, due on the joining day', () => {
    const fees = dueFees(member({ joinedOn: '2026-10-15' }), '2026-10-01', '2026-10-31');
    expect(fees).toEqual([
      expect.objectContaining({ kind: 'admission', amountCents: 1000, dueOn: '2026-10-15' }),
      expect.objectContaining({
        kind: 'fee',
        periodStart: '2026-01-01',
        months: 3,
        amountCents: 1500,
        dueOn: '2026-10-15',
      }),
    ]);
    expect(
      dueFees(member({ joinedOn: '2026-10-15', proRata: false }), '2026-10-01', '2026-10-31')[1]
        .amountCents,
    ).toBe(6000);
  });

  it('stops after the leaving date and charges the last period pro rata', () => {
    const q = member({ interval: 'quarterly', leftOn: '2026-05-10' });
    const fees = dueFees(q, '2026-01-01', '2026-12-31');
    expect(fees.map((f) => [f.periodStart, f.amountCents])).toEqual([
      ['2026-01-01', 6000],
      ['2026-04-01', 4000],
    ]);
  });

  it('applies the rate in force at the period start and the reduced rate', () => {
    const rates = [
      { validFrom: '2020-01-01', amountCents: 1000, reducedAmountCents: 500, admissionFeeCents: 0 },
      {
        validFrom: '2026-07-01',
        amountCents: 1200,
        reducedAmountCents: null,
        admissionFeeCents: 0,
      },
    ];
    const fees = dueFees(member({ interval: 'quarterly', rates }), '2026-01-01', '2026-12-31');
    expect(fees.map((f) => f.amountCents)).toEqual([1000, 1000, 1200, 1200]);
    const reduced = dueFees(
      member({ interval: 'quarterly', rates, reduced: true }),
      '2026-01-01',
      '2026-12-31',
    );
    expect(reduced.map((f) => f.amountCents)).toEqual([500, 500, 1200, 1200]);
  });

  it('raises monthly fees for every month of the run', () => {
    expect(dueFees(member({ interval: 'monthly' }), '2026-01-01', '2026-03-31')).toHaveLength(3);
  });
});
