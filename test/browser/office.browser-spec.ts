import { readFile } from 'node:fs/promises';
import { addDays, germanDate, nextTargetBusinessDay, todayIso, xsdErrors } from '@dachwerk/shared';
import { writeCamt053 } from '@dachwerk/banking';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, signIn } from './support/browser';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(180_000);

/** Journeys of the office and the treasurer, each from login to the downloaded file. */
describe('the office and the treasurer at work', () => {
  let stack: Stack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  const signedIn = async (email: string): Promise<Page> => {
    const context = await newContext(browser, stack.baseUrl);
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, email);
    return page;
  };

  it('staff admits a member with a mandate; a treasurer previews and books the next fee run and downloads a valid SEPA file', async () => {
    // Staff: the admission wizard, person → fee → mandate → check.
    const staff = await signedIn('staff@dachwerk.example');
    await staff.getByRole('menuitem', { name: 'Mitglied aufnehmen' }).click();
    await staff.getByLabel('Vorname').fill('Frieda');
    await staff.getByLabel('Nachname *').fill('Neumann');
    await staff.getByLabel('Straße und Hausnummer').fill('Lindenstraße 4');
    await staff.getByLabel('PLZ').fill('70176');
    await staff.getByLabel('Ort').fill('Stuttgart');
    await staff.getByRole('button', { name: 'Weiter' }).click();
    await staff.getByLabel('Beitragsstufe *').click();
    await staff.getByRole('option', { name: 'Einzelmitglied' }).click();
    await staff.getByLabel('Eintritt *').fill(germanDate(todayIso()));
    await staff.getByRole('button', { name: 'Weiter' }).click();
    // An IBAN with a typo is refused while typing, the corrected one is grouped in fours.
    const iban = staff.getByLabel('IBAN *');
    await iban.fill('DE02120300000000202052');
    await staff.getByLabel('Unterschrieben am *').fill(germanDate(todayIso()));
    await staff.getByRole('button', { name: 'Weiter' }).click();
    await staff.getByText('Keine gültige IBAN').waitFor();
    await iban.fill('DE02120300000000202051');
    await expect(iban.inputValue()).resolves.toBe('DE02 1203 0000 0000 2020 51');
    await staff.getByRole('button', { name: 'Weiter' }).click();
    await staff.getByText('Aufnahme von Neumann, Frieda').waitFor();
    await staff.getByRole('button', { name: 'Aufnehmen' }).click();
    await staff.waitForURL(/\/members\/[0-9a-f-]{36}\/show$/);
    await staff.getByRole('tab', { name: 'SEPA-Mandate' }).click();
    await staff.getByRole('cell', { name: 'DE02120300000000202051' }).waitFor();

    // Treasurer: the next year's fee run, previewed, then booked.
    const treasurer = await signedIn('treasurer@dachwerk.example');
    const next = Number(todayIso().slice(0, 4)) + 1;
    const collection = nextTargetBusinessDay(addDays(todayIso(), 16));
    await treasurer.getByRole('menuitem', { name: 'Geschäftsjahre' }).click();
    await treasurer.getByRole('button', { name: 'Geschäftsjahr anlegen' }).click();
    const dialog = treasurer.getByRole('dialog');
    await dialog.getByLabel('Beginn *').fill(`01.01.${next}`);
    await dialog.getByRole('button', { name: 'Geschäftsjahr anlegen' }).click();
    await treasurer.getByRole('cell', { name: `31.12.${next}` }).waitFor();
    await treasurer.goto(`/o/${stack.umbrellaId}/fee-runs/create`);
    await treasurer.getByLabel('Zeitraum von *').fill(`01.01.${next}`);
    await treasurer.getByLabel('Zeitraum bis *').fill(`31.12.${next}`);
    await treasurer.getByLabel('Einzug am *').fill(germanDate(collection));
    await treasurer.getByRole('button', { name: 'Vorschau' }).click();
    const summary = treasurer.getByRole('status').filter({ hasText: 'Forderungen über' });
    await summary.waitFor();
    await treasurer.getByRole('cell', { name: 'Frieda Neumann' }).first().waitFor();
    const previewed = await summary.textContent();
    await treasurer.getByRole('button', { name: 'Buchen' }).click();
    await treasurer.waitForURL(/\/fee-runs\/[0-9a-f-]{36}\/show$/);
    const count = /^(\d+) Forderungen/.exec(previewed ?? '')?.[1];
    await treasurer.getByText(count!, { exact: true }).first().waitFor();

    const download = treasurer.waitForEvent('download');
    await treasurer.getByRole('button', { name: 'SEPA-Datei (pain.008) herunterladen' }).click();
    const file = await (await download).path();
    const xml = await readFile(file, 'utf8');
    expect(await xsdErrors('pain.008.001.08', xml)).toEqual([]);
    expect(xml).toContain('DE02120300000000202051');
    expect(xml).toContain(`<ReqdColltnDt>${collection}</ReqdColltnDt>`);
  });

  it('treasurer resolves an unmatched bank line as a donation, posts a manual entry (unbalanced refused), closes a month and downloads DATEV', async () => {
    const page = await signedIn('treasurer@dachwerk.example');
    const today = todayIso();

    // A statement with one credit nobody can place automatically; it continues the
    // account's last statement (the import refuses gaps).
    const [last] = await stack.api.sql.query<{ closing: number; toOn: string; seq: number }[]>(
      `SELECT s.closing_balance_cents::float8 AS closing, to_char(k.d, 'YYYY-MM-DD') AS "toOn",
              s.electronic_seq::int AS seq
         FROM bank_statements s JOIN organisation_bank_accounts a ON a.id = s.bank_account_id
        CROSS JOIN LATERAL (SELECT COALESCE(s.to_on, s.from_on,
               (SELECT max(e.booked_on) FROM bank_entries e WHERE e.statement_id = s.id)) AS d) k
        WHERE a.iban = $1 AND a.organisation_id = $2
        ORDER BY k.d DESC, s.electronic_seq DESC NULLS LAST LIMIT 1`,
      ['DE02600501010002034304', stack.umbrellaId],
    );
    const on = last && last.toOn > today ? last.toOn : today;
    const camt = writeCamt053({
      version: 'camt.053.001.08',
      iban: 'DE02600501010002034304',
      statementRef: `JOURNEY-${Date.now()}`,
      // numbered after the last one, so that it is the one before this on the same day
      seq: (last?.seq ?? 0) + 1,
      from: on,
      to: on,
      openingCents: last?.closing ?? 0,
      entries: [
        {
          amountCents: 25_000,
          bookedOn: on,
          transactions: [
            {
              amountCents: 25_000,
              name: 'Hannelore Spendabel',
              iban: 'DE88100900001234567892',
              remittance: 'Fuer das Sommerfest',
            },
          ],
        },
      ],
    });
    await page.getByRole('menuitem', { name: 'Kontoauszüge' }).click();
    await page.getByRole('link', { name: 'Kontoauszug hochladen' }).click();
    await page
      .locator('input[type=file]')
      .first()
      .setInputFiles({
        name: 'auszug.xml',
        mimeType: 'application/xml',
        buffer: Buffer.from(camt),
      });
    // The import's result, or the server's reason on screen when it refuses the file.
    const outcome = page
      .getByRole('status')
      .filter({ hasText: 'Eingelesen' })
      .or(page.getByRole('alert'))
      .first();
    await outcome.waitFor();
    expect(await outcome.innerText()).toContain('1 offen');
    await page.getByRole('link', { name: 'Auszug öffnen' }).click();
    await page.getByRole('cell', { name: 'Hannelore Spendabel' }).click();

    await page.getByRole('radio', { name: 'Spende' }).check();
    await page.getByLabel('Spender/in *').fill('Müller');
    await page
      .getByRole('option', { name: /Müller, Anna/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Zuordnen' }).click();
    await page.getByText('Umsatz zugeordnet').first().waitFor();
    const [tx] = await stack.api.sql.query(
      `SELECT status, matched_as FROM bank_transactions WHERE counterparty_name = 'Hannelore Spendabel'`,
    );
    expect(tx).toEqual({ status: 'matched', matched_as: 'donation' });

    // A manual entry: the difference shows while typing; unbalanced is refused.
    await page.goto(`/o/${stack.umbrellaId}/entries/create`);
    await page.getByLabel('Buchungsdatum *').fill(germanDate(today));
    await page.getByLabel('Belegdatum *').fill(germanDate(today));
    await page.getByLabel('Beleg *').fill('K-4711');
    await page.getByLabel('Buchungstext *').fill('Kassenbeleg Büromaterial');
    const accounts = page.getByLabel('Konto *');
    await accounts.nth(0).fill('68150');
    await page.getByRole('option', { name: '68150 Bürobedarf' }).click();
    await accounts.nth(1).fill('16000');
    await page.getByRole('option', { name: '16000 Kasse' }).click();
    // office supplies serve more than one sphere: the line names its own
    await page.getByRole('combobox', { name: 'Sphäre' }).nth(0).click();
    await page.getByRole('option', { name: 'Ideeller Bereich' }).click();
    await page.getByLabel('Soll').nth(0).fill('12,34');
    await page.getByLabel('Haben').nth(1).fill('12,00');
    await page.getByRole('status').filter({ hasText: 'Differenz 0,34 €' }).waitFor();
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Soll und Haben müssen gleich sein').first().waitFor();
    expect(page.url()).toMatch(/\/entries\/create$/);
    await page.getByLabel('Haben').nth(1).fill('12,34');
    await page.getByRole('status').filter({ hasText: 'ausgeglichen' }).waitFor();
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForURL(/\/entries\/[0-9a-f-]{36}\/show$/);
    await page.getByText('Kassenbeleg Büromaterial').first().waitFor();

    // Close the first month of the year.
    await page.getByRole('menuitem', { name: 'Geschäftsjahre' }).click();
    await page.getByRole('cell', { name: `01.01.${today.slice(0, 4)}` }).click();
    await page.getByRole('button', { name: 'Periode 1 festschreiben' }).click();
    await page.getByRole('button', { name: 'Periode 2 festschreiben' }).waitFor();

    // DATEV for the tax adviser, once the ledger settings name consultant and client.
    await page.getByRole('menuitem', { name: 'Buchhaltungseinstellungen' }).click();
    await page.getByLabel('DATEV-Beraternummer').fill('29098');
    await page.getByLabel('DATEV-Mandantennummer').fill('55003');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('Gespeichert').first().waitFor();
    await page.getByRole('menuitem', { name: 'Exporte' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'DATEV-Export herunterladen' }).click();
    const datev = await readFile(await (await download).path(), 'latin1');
    expect(datev.startsWith('"EXTF"')).toBe(true);
    expect(datev).toContain('Kassenbeleg B');
  });
});
