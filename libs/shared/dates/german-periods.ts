import { germanDate } from '../money/german-format';

const MONTHS = [
  'Januar',
  'Februar',
  'März',
  'April',
  'Mai',
  'Juni',
  'Juli',
  'August',
  'September',
  'Oktober',
  'November',
  'Dezember',
];

/** A month in words, from an ISO date in it: "März 2026". */
export function germanMonth(isoDate: string): string {
  return `${MONTHS[Number(isoDate.slice(5, 7)) - 1]} ${isoDate.slice(0, 4)}`;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A period as people write it in a letter: "2026", "1. Halbjahr 2026", "1. Quartal 2026",
 * "Januar 2026"; a period that is none of these (a fee from the joining day) as dates,
 * "15.02.2026–31.03.2026".
 */
export function germanPeriod(startsOn: string, endsOn: string): string {
  const [y1, m1, d1] = startsOn.split('-').map(Number);
  const [y2, m2, d2] = endsOn.split('-').map(Number);
  const whole = y1 === y2 && d1 === 1 && d2 === lastDayOfMonth(y2, m2);
  const months = m2 - m1 + 1;
  if (whole && months === 12) return String(y1);
  if (whole && months === 6 && (m1 === 1 || m1 === 7)) return `${m1 === 1 ? 1 : 2}. Halbjahr ${y1}`;
  if (whole && months === 3 && (m1 - 1) % 3 === 0) return `${(m1 + 2) / 3}. Quartal ${y1}`;
  if (whole && months === 1) return germanMonth(startsOn);
  return `${germanDate(startsOn)}–${germanDate(endsOn)}`;
}
