import { readFile } from 'node:fs/promises';
import { addDays, germanDate, nextTargetBusinessDay, todayIso, xsdErrors } from '@dachwerk/shared';
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
});
