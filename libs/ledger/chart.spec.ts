import {
  isDatevAutomaticVatAccount,
  isPlaceholderName,
  loadChartTemplate,
  skr42Accounts,
} from './chart';

describe('the SKR 42 chart template', () => {
  const template = loadChartTemplate('skr42');
  const datev = skr42Accounts();

  it('records the whole DATEV list it was checked against, with its source and date', () => {
    expect(datev.size).toBe(1166);
    expect(datev.get(13720)).toBe('Geldtransit');
    expect(datev.get(90000)).toBe('Saldenvorträge, Sachkonten');
    expect(template.source).toMatchObject({
      list: expect.stringContaining('iLLixM/SKR42-dolibarr'),
      checkedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
  });

  it('has only accounts that SKR 42 has, under DATEV’s names (placeholders excepted)', () => {
    const foreign = template.accounts.filter((a) => !datev.has(a.number)).map((a) => a.number);
    expect(foreign).toEqual([]);
    const renamed = template.accounts
      .filter((a) => datev.get(a.number) !== a.name && !isPlaceholderName(datev.get(a.number)!))
      .map((a) => `${a.number}: ${a.name} ≠ ${datev.get(a.number)}`);
    expect(renamed).toEqual([]);
  });

  it('marks exactly DATEV’s automatic VAT accounts, each with a tax account of the template', () => {
    for (const account of template.accounts) {
      expect([account.number, !!account.vat]).toEqual([
        account.number,
        isDatevAutomaticVatAccount(account.number),
      ]);
      if (!account.vat) continue;
      const tax = template.accounts.find((a) => a.number === account.vat!.taxAccount);
      expect(tax?.type).toBe(account.type === 'income' ? 'liability' : 'asset');
      expect(tax?.name).toContain(`${account.vat.rateBasisPoints / 100} %`);
    }
  });

  it('keeps the accounts DATEV defines differently out of the meanings Dachwerk books', () => {
    const byNumber = new Map(template.accounts.map((a) => [a.number, a]));
    // The defects a tax adviser found: each number now means what SKR 42 says.
    expect(byNumber.get(71100)?.name).toBe('Sonstige Zinserträge');
    expect(byNumber.get(60040)?.name).toBe('Übungsleiterpauschale');
    expect(byNumber.get(60020)?.name).toBe('Ehrenamtspauschale');
    expect(byNumber.get(61100)?.name).toBe('Gesetzliche soziale Aufwendungen');
    expect(byNumber.get(25000)?.type).toBe('equity');
    expect(byNumber.get(21000)?.name).toMatch(/^Freie Rücklagen/);
    for (const gone of [20810, 20820, 40460, 42500, 43100, 67000, 67100, 67200, 13500])
      expect(byNumber.has(gone)).toBe(false);
  });
});
