import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, newContext, screenshot, signIn } from './support/browser';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(180_000);

/**
 * Every main screen, as the role that uses it: it renders its data, axe finds no serious
 * or critical violation, and a screenshot goes to docs/screenshots/ for the README.
 */
describe('main screens are accessible', () => {
  let stack: Stack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  afterEach(() => context?.close());

  const as = async (email: string): Promise<Page> => {
    context = await newContext(browser, stack.baseUrl);
    page = await context.newPage();
    await signIn(page, email);
    return page;
  };
  const open = (path: string) => page.goto(`/o/${stack.umbrellaId}/${path}`);

  it('office: members, a member, admission, tiers, imports, fee runs and dunning', async () => {
    await as('staff@dachwerk.example');
    await expectAccessible(page);
    await screenshot(page, 'dashboard');

    await open('members');
    await page.getByRole('columnheader', { name: 'Mitgliedsnummer' }).waitFor();
    await page.getByRole('textbox', { name: /Suche/ }).fill('Albrecht');
    // The search applies after a debounce and re-renders the rows: click only once the
    // filtered list has arrived (it is in the URL and the request is done), not a row of the old one.
    await page.waitForURL(/Albrecht/);
    await page.waitForLoadState('networkidle');
    await page.getByRole('cell', { name: 'M-00010' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('cell', { name: 'M-00010' }).click();
    await page.getByRole('tab', { name: 'Stammdaten' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'member');
    await page.getByRole('tab', { name: 'Forderungen' }).click();
    await page.getByRole('columnheader', { name: 'Fällig am' }).waitFor();
    await expectAccessible(page);

    await open('members/create');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByText('Pflichtfeld').first().waitFor();
    await expectAccessible(page);
    await screenshot(page, 'admission');

    await open('tiers');
    await page.getByRole('cell', { name: 'Einzelmitglied' }).waitFor();
    await expectAccessible(page);

    await open('member-imports');
    await page
      .locator('input[type=file]')
      .first()
      .setInputFiles({
        name: 'mitglieder.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'Mitgliedsnummer;Vorname;Nachname;Firma;Straße;PLZ;Ort;E-Mail;Eintritt;Beitragsstufe;Ermäßigt;IBAN;Mandatsreferenz;Mandatsdatum\n' +
            'X-1;Ida;Imre;;Weg 1;70173;Stuttgart;;01.02.2026;IND;nein;;;\n' +
            'X-2;Jan;;;Weg 2;70173;Stuttgart;;31.02.2026;IND;nein;;;\n',
        ),
      });
    // line 3 has no last name and no real day; both are named, nothing is imported yet
    const errors = page.getByRole('table', { name: 'Fehler je Zeile' });
    await errors.getByRole('cell', { name: 'joinedOn' }).waitFor();
    await errors.getByRole('cell', { name: 'lastName' }).waitFor();
    expect(await page.getByRole('button', { name: /importieren/ }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'member-import');

    await open('fee-runs');
    await page.getByRole('columnheader', { name: 'Einzug am' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('row').nth(1).click();
    await page.getByText('Vorabankündigungen (PDF)').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'fee-run');

    await open('dunning');
    await page.getByText('Mahnstufen').waitFor();
    await expectAccessible(page);
  });

  it('treasurer: fiscal years and their periods', async () => {
    await as('treasurer@dachwerk.example');
    await open('fiscal-years');
    await page.getByRole('columnheader', { name: 'Beginn' }).waitFor();
    await page.getByRole('row').nth(1).click();
    await page.getByRole('table', { name: 'Buchungsperioden' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'fiscal-years');
  });

  it('treasurer: journal, entry, line editor, ledger, reports and the bank', async () => {
    await as('treasurer@dachwerk.example');
    await open('entries');
    await page.getByRole('columnheader', { name: 'Buchungstext' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'journal');
    await page.getByRole('row').nth(1).click();
    await page.getByRole('table', { name: 'Buchungszeilen' }).waitFor();
    await expectAccessible(page);

    await open('entries/create');
    await page.getByRole('status').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'journal-entry');

    await open('accounts/18000/show');
    await page.getByRole('table', { name: 'Kontoblatt' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'account-ledger');

    await open('trial-balance');
    await page.getByRole('cell', { name: /^18000/ }).waitFor();
    await expectAccessible(page);

    await open('income-statement');
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    await expectAccessible(page);
    await screenshot(page, 'income-statement');

    await open('bank-statements');
    await page.getByRole('row').nth(1).click();
    await page.getByRole('columnheader', { name: 'Verwendungszweck' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'bank-statement');

    await open('bank-statements/create');
    await page.locator('input[type=file]').first().waitFor({ state: 'attached' });
    await expectAccessible(page);
  });

  it('treasurer: receipts, annual runs, expense claims and payout runs', async () => {
    await as('treasurer@dachwerk.example');
    await open('receipts');
    await page.getByRole('columnheader', { name: 'Ausgestellt am' }).waitFor();
    await page.getByRole('row').nth(1).click();
    await page.getByRole('button', { name: 'Zweitschrift herunterladen' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'receipt');

    await open('receipt-reconciliation');
    await page.getByRole('table', { name: 'Spenden ohne Bestätigung' }).waitFor();
    await expectAccessible(page);

    await open('receipt-runs/create');
    await page.getByRole('radio', { name: 'Sammelbestätigungen' }).waitFor();
    await expectAccessible(page);

    await open('expense-claims');
    await page.getByRole('columnheader', { name: 'Empfänger/in' }).waitFor();
    await page.getByRole('row').nth(1).click();
    await page.getByText('IBAN Empfänger/in').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'expense-claim');

    await open('payout-runs');
    await page.getByRole('columnheader', { name: 'Ausführung am' }).waitFor();
    await expectAccessible(page);
  });

  it('admin: accounts with their roles here, bank accounts, exemption notices', async () => {
    await as('admin@dachwerk.example');
    await open('users');
    await page.getByRole('cell', { name: 'treasurer@dachwerk.example' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'users');
    await page.getByRole('button', { name: 'Einladen' }).click();
    await page.getByRole('dialog').getByRole('checkbox', { name: 'Vorstand' }).waitFor();
    await expectAccessible(page);
    await page.keyboard.press('Escape');

    await open('bank-accounts');
    await page.getByRole('cell', { name: 'DE02600501010002034304' }).waitFor();
    await expectAccessible(page);

    await open('exemption-notices');
    await page.getByRole('columnheader', { name: 'Finanzamt' }).waitFor();
    await expectAccessible(page);
    await open('exemption-notices/create');
    await page.getByLabel('Finanzamt *').waitFor();
    await expectAccessible(page);
  });

  it('board: proofs of use with plan against actual', async () => {
    await as('board@dachwerk.example');
    await open('proofs-of-use');
    await page.getByRole('columnheader', { name: 'Fällig am' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('row').nth(1).click();
    await page.getByRole('table', { name: 'Plan und Ist' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, 'proof-of-use');
  });
});
