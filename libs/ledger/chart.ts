import { readFileSync } from 'node:fs';
import { DomainError, projectPath } from '@dachwerk/shared';
import type { AccountType, AutomaticVat, Sphere } from './ledger.types';

export interface ChartAccount {
  number: number;
  name: string;
  type: AccountType;
  spheres?: Sphere[];
  vat?: AutomaticVat;
  /** What Dachwerk books there, where DATEV's name does not say it. */
  use?: string;
}

export interface ChartTemplate {
  name: string;
  source?: { chart: string; list: string; checkedOn: string; limits: string };
  accounts: ChartAccount[];
}

const charts = new Map<string, ChartTemplate>();

export function loadChartTemplate(name: string): ChartTemplate {
  if (!/^[a-z0-9-]+$/.test(name))
    throw new DomainError('CHART_UNKNOWN', 'Unknown chart template', { field: 'template' }, 400);
  let chart = charts.get(name);
  if (!chart) {
    try {
      chart = JSON.parse(
        readFileSync(projectPath('config', 'charts', `${name}.json`), 'utf8'),
      ) as ChartTemplate;
    } catch {
      throw new DomainError(
        'CHART_UNKNOWN',
        `No chart template ${name}`,
        { field: 'template' },
        400,
      );
    }
    charts.set(name, chart);
  }
  return chart;
}

let skr42: Map<number, string> | undefined;

/** DATEV's SKR 42 as recorded in config/charts/skr42-datev.csv: number → DATEV's name. */
export function skr42Accounts(): Map<number, string> {
  if (!skr42) {
    const text = readFileSync(projectPath('config', 'charts', 'skr42-datev.csv'), 'utf8');
    skr42 = new Map(
      text
        .split(/\r?\n/)
        .slice(1)
        .filter(Boolean)
        .map((line) => {
          const [number, ...name] = line.split(';');
          return [Number(number), name.join(';')] as const;
        }),
    );
  }
  return skr42;
}

/**
 * DATEV books VAT itself on its automatic accounts (AM/AV): revenue and cost accounts
 * (classes 4 to 6) whose name states a rate of Umsatzsteuer or Vorsteuer. The recorded
 * list has no function flags, so this reads them from the names, as DATEV names them.
 */
export function isDatevAutomaticVatAccount(number: number): boolean {
  if (number < 40000 || number > 69999) return false;
  const name = skr42Accounts().get(number);
  return !!name && /\d+(,\d+)? % (USt|Umsatzsteuer|Vorsteuer)\b/.test(name);
}

/** A DATEV label Dachwerk may replace with its own ("Bank 1", "… (Zur freien Verfügung)"). */
export function isPlaceholderName(datevName: string): boolean {
  return /^Bank \d+$/.test(datevName) || /zur freien Verfügung/i.test(datevName);
}
