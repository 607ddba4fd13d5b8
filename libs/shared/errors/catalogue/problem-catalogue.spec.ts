import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { germanFieldMessage, negotiateLanguage, PROBLEM_CATALOGUE, problemText } from './index';

const ROOT = join(__dirname, '../../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'web') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/spec\.ts$/.test(name) ? [path] : [];
  });
}

/** The text of a call's arguments, from its opening parenthesis to the matching one. */
function argumentsAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

const CODE = /'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)'/g;
const codesIn = (text: string): string[] => [...text.matchAll(CODE)].map((m) => m[1]);

/** Every problem code the server can answer with, and where it is thrown. */
function thrownCodes(): Map<string, string> {
  const found = new Map<string, string>();
  const files = [...sourceFiles(join(ROOT, 'libs')), ...sourceFiles(join(ROOT, 'apps'))];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const where = relative(ROOT, file);
    for (const m of text.matchAll(/new DomainError\(/g)) {
      // The first argument: a literal, or literals in a conditional.
      const first = argumentsAt(text, m.index + m[0].length - 1).split(/,\s*(?=['"`{]|\w)/)[0];
      for (const code of codesIn(first)) found.set(code, where);
    }
    for (const m of text.matchAll(/registerConstraintProblem\(/g)) {
      const code = codesIn(argumentsAt(text, m.index + m[0].length - 1))[0];
      if (code) found.set(code, where);
    }
    // The filter's own codes: the framework's, the database's, the unexpected.
    if (/libs\/shared\/errors\/(problem\.filter|database-problem)\.ts$/.test(file)) {
      for (const m of text.matchAll(/(?:code: |make\(\s*[\w.]+,\s*|: )'([A-Z][A-Z0-9_]+)'/g))
        found.set(m[1], where);
    }
  }
  return found;
}

describe('problem catalogue', () => {
  const thrown = thrownCodes();

  it('finds the codes the code base throws (the scan itself works)', () => {
    for (const code of ['FUND_INSUFFICIENT', 'NOT_FOUND', 'MEMBER_NO_TAKEN', 'INTERNAL_ERROR'])
      expect(thrown.has(code)).toBe(true);
    expect(thrown.has('BAD_REQUEST')).toBe(true); // HTTP_CODES of the filter
    expect(thrown.has('NUMBER_OUT_OF_RANGE')).toBe(true); // database-problem
    expect(thrown.size).toBeGreaterThan(150);
  });

  it('has a German and an English entry for every code thrown', () => {
    const missing = [...thrown]
      .filter(([code]) => !PROBLEM_CATALOGUE[code])
      .map(([code, where]) => `${code} (${where})`);
    // Add them to libs/shared/errors/catalogue/<domain>.ts.
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(PROBLEM_CATALOGUE))(
    '%s reads well in German and English, with and without its parameters',
    (code, entry) => {
      expect(entry.de.title.trim()).not.toBe('');
      expect(entry.en.title.trim()).not.toBe('');
      for (const params of [{}, { field: 'x', account: '1800', status: 'draft' }]) {
        const de = problemText(code, 'de', params, 'English detail', 'Fallback');
        expect(de.detail).not.toMatch(/undefined|null|\[object|NaN/);
        expect(de.detail).not.toBe('English detail');
        expect(de.detail).toMatch(/[.!?)]$/);
        const en = problemText(code, 'en', params, 'English detail', 'Fallback');
        expect(en.detail).not.toMatch(/undefined|\[object|NaN/);
      }
    },
  );

  it('fills German details from the parameters, in German formats', () => {
    expect(
      problemText(
        'FUND_INSUFFICIENT',
        'de',
        { availableCents: 123456, requestedCents: 200000 },
        'x',
        'y',
      ),
    ).toEqual({
      title: 'Fonds reicht nicht',
      detail: 'Der Fonds hält 1.234,56 €, weniger als 2.000,00 €.',
    });
    expect(
      problemText('FORBIDDEN', 'de', { requiredRoles: ['treasurer', 'board'] }, 'x', 'y').detail,
    ).toBe('Dafür braucht es die Rolle Kasse oder Vorstand.');
    expect(problemText('PERIOD_CLOSED', 'de', { bookedOn: '2026-03-02' }, 'x', 'y').detail).toBe(
      'Die Periode mit dem 02.03.2026 ist festgeschrieben.',
    );
  });
});

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'de'],
    ['', 'de'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['de-DE,de;q=0.9,en;q=0.8', 'de'],
    ['fr-FR,en;q=0.5,de;q=0.4', 'en'],
    ['en;q=0.3,de;q=0.7', 'de'],
    ['en;q=0, de;q=0.1', 'de'],
    ['en;q=0', 'de'],
    ['fr', 'de'],
    ['*', 'de'],
    ['EN-us', 'en'],
  ] as const)('%s → %s', (header, language) => {
    expect(negotiateLanguage(header)).toBe(language);
  });
});

describe('germanFieldMessage', () => {
  it.each([
    [
      'iban',
      'isIban',
      'iban must be a valid IBAN (check digits included)',
      'iban: muss eine gültige IBAN sein (mit Prüfziffern)',
    ],
    [
      'name',
      'maxLength',
      'name must be shorter than or equal to 200 characters',
      'name: darf höchstens 200 Zeichen lang sein',
    ],
    [
      'amountCents',
      'min',
      'amountCents must not be less than 1',
      'amountCents: darf nicht kleiner als 1 sein',
    ],
    [
      'kind',
      'isIn',
      'kind must be one of the following values: money, in_kind',
      'kind: muss einer dieser Werte sein: money, in_kind',
    ],
    ['ids', 'isUuid', 'each value in ids must be a UUID', 'ids: jeder Wert muss eine UUID sein'],
    [
      'postalCode',
      'matches',
      'postalCode must be 3 to 10 letters or digits',
      'postalCode: muss aus 3 bis 10 Buchstaben oder Ziffern bestehen',
    ],
    [
      'extra',
      'whitelistValidation',
      'property extra should not exist',
      'extra: ist hier kein zulässiges Feld',
    ],
  ])('%s %s', (field, rule, english, german) => {
    expect(germanFieldMessage(field, rule, english)).toBe(german);
  });

  it('keeps a message whose rule it does not know', () => {
    expect(germanFieldMessage('file', 'continuity', 'statement 3 does not follow 2')).toBe(
      'statement 3 does not follow 2',
    );
  });
});
