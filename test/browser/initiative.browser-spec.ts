import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, newContext, screenshot, signIn } from './support/browser';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(180_000);

/** A small PDF is all the document store asks for (it sniffs "%PDF-"). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** Journey 3: an initiative's claim from the phone to the fund, past the treasurer. */
describe('an initiative and its fund', () => {
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

  const signedIn = async (email: string, phone = false): Promise<Page> => {
    const context = await newContext(browser, stack.baseUrl);
    contexts.push(context);
    const page = await context.newPage();
    if (phone) await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, email);
    return page;
  };

  it('an initiative submits an expense claim with a PDF, the treasurer approves it, the fund shows it, and another initiative stays "not found"', async () => {
    const initiative = await signedIn('initiative@dachwerk.example', true);
    const [own] = await stack.api.sql.query<{ id: string }[]>(
      `SELECT ui.initiative_id AS id FROM user_initiatives ui JOIN users u ON u.id = ui.user_id
        WHERE u.email = 'initiative@dachwerk.example' AND ui.organisation_id = $1`,
      [stack.umbrellaId],
    );
    await initiative.goto(`/o/${stack.umbrellaId}/expense-claims/create`);
    await initiative.getByLabel('Beschreibung *').fill('Saatgut für die Hochbeete');
    await initiative.getByLabel('Betrag *').fill('42,50');
    await initiative.getByLabel('Empfänger/in *', { exact: true }).fill('Gerda Grün');
    await initiative.getByLabel('IBAN Empfänger/in *').fill('DE89 3704 0044 0532 0130 00');
    await initiative
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: 'quittung.pdf', mimeType: 'application/pdf', buffer: PDF });
    await initiative.getByText('Beleg „quittung.pdf“ hochgeladen.').waitFor();
    await expectAccessible(initiative);
    await screenshot(initiative, 'initiative-claim');
    await initiative.getByRole('button', { name: 'Speichern' }).click();
    await initiative.waitForURL(/\/expense-claims\/[0-9a-f-]{36}\/show$/);
    const claimId = /expense-claims\/([0-9a-f-]{36})/.exec(initiative.url())![1];
    await initiative.getByText('eingereicht').waitFor();
    const [{ documentId }] = await stack.api.sql.query<{ documentId: string | null }[]>(
      `SELECT document_id AS "documentId" FROM expense_claims WHERE id = $1`,
      [claimId],
    );
    expect(documentId).not.toBeNull();

    // The fund before: what has been spent this year so far.
    await initiative.goto(`/o/${stack.umbrellaId}/my-fund`);
    await initiative.waitForURL(new RegExp(`/initiatives/${own.id}/fund$`));
    const outflows = initiative.getByRole('table', { name: 'Zuflüsse nach Jahr' });
    await outflows.waitFor();
    const year = new Date().getFullYear();
    const spentCell = outflows
      .getByRole('row', { name: new RegExp(`^${year}`) })
      .getByRole('cell')
      .nth(2);
    const before = await spentCell.innerText();

    // The treasurer approves it: booked against the fund.
    const treasurer = await signedIn('treasurer@dachwerk.example');
    await treasurer.goto(`/o/${stack.umbrellaId}/expense-claims`);
    await treasurer.getByRole('cell', { name: 'Saatgut für die Hochbeete' }).click();
    await treasurer.getByRole('button', { name: 'Beleg herunterladen' }).waitFor();
    await expectAccessible(treasurer);
    await treasurer.getByRole('button', { name: 'Genehmigen' }).click();
    await treasurer.getByText('genehmigt').first().waitFor();

    // The fund shows the spending.
    await initiative.reload();
    await outflows.waitFor();
    let after = before;
    for (let i = 0; i < 40 && after === before; i++) {
      await initiative.waitForTimeout(250);
      after = await spentCell.innerText();
    }
    const cents = (text: string) => Number(text.replace(/[^0-9-]/g, ''));
    expect(cents(after) - cents(before)).toBe(4250);
    await expectAccessible(initiative);
    await screenshot(initiative, 'initiative-fund');

    // Another initiative's fund is not there for this user.
    const [other] = await stack.api.sql.query<{ id: string }[]>(
      `SELECT id FROM initiatives WHERE organisation_id = $1 AND id <> $2 LIMIT 1`,
      [stack.umbrellaId, own.id],
    );
    await initiative.goto(`/o/${stack.umbrellaId}/initiatives/${other.id}/fund`);
    await initiative.getByRole('alert').filter({ hasText: 'Nicht gefunden' }).waitFor();
    expect(await initiative.getByText('Verfügbar').count()).toBe(0);
  });
});
