import { useState } from 'react';

/** A date range for reports, the current calendar year until the user picks another. */
export function useYearRange(today = new Date().toISOString().slice(0, 10)) {
  const year = today.slice(0, 4);
  return useState({ from: `${year}-01-01`, to: `${year}-12-31` });
}
