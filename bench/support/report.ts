/** Prints one benchmark line and whether it met its goal. */
export function report(
  name: string,
  figures: Record<string, string | number>,
  goal?: { text: string; met: boolean },
): void {
  const parts = Object.entries(figures).map(
    ([k, v]) => `${k}=${typeof v === 'number' ? round(v) : v}`,
  );
  const verdict = goal ? `  goal: ${goal.text} -> ${goal.met ? 'MET' : 'NOT MET'}` : '';
  process.stdout.write(`${name.padEnd(34)} ${parts.join('  ')}${verdict}\n`);
}

function round(v: number): string {
  return String(Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 100) / 100);
}
