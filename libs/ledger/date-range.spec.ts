import { splitRange } from './date-range';

describe('splitRange', () => {
  it('reads a calendar year from months only', () => {
    expect(splitRange('2026-01-01', '2026-12-31')).toEqual({
      months: { from: '2026-01-01', to: '2026-12-01' },
      edges: [],
    });
  });

  it('adds partial months at both ends', () => {
    expect(splitRange('2026-01-15', '2026-03-10')).toEqual({
      months: { from: '2026-02-01', to: '2026-02-01' },
      edges: [
        { from: '2026-01-15', to: '2026-01-31' },
        { from: '2026-03-01', to: '2026-03-10' },
      ],
    });
  });

  it('uses lines only inside one partial month', () => {
    expect(splitRange('2026-05-02', '2026-05-30')).toEqual({
      months: null,
      edges: [{ from: '2026-05-02', to: '2026-05-30' }],
    });
  });
});
