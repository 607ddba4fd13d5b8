import { germanAmount } from '@dachwerk/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessible, launchBrowser, newContext, screenshot, signIn } from './support/browser';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(180_000);

/** Journey 4: the board's year at a glance, and an application approved by four eyes. */
describe('the board', () => {
  let stack: Stack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchBrowser()]);
    // The demo has one board login (its chair declared a conflict on this application);
    // the treasurer also sits on the board here.
    await stack.api.sql.query(
      `INSERT INTO memberships (user_id, organisation_id, role)
       SELECT id, $1, 'board' FROM users WHERE email = 'treasurer@dachwerk.example'
       ON CONFLICT DO NOTHING`,
      [stack.umbrellaId],
    );
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

  const approve = async (page: Page) => {
    await page.getByRole('button', { name: 'Beschluss fassen' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Betrag *').fill('1.500,00');
    await dialog.getByLabel('Beschluss-Nr. *').fill('V-2026-07');
    await dialog.getByRole('button', { name: 'Beschluss fassen' }).click();
  };

  it('two board members approve an application (the same one twice is refused) and the programme shows the grant reserved', async () => {
    const board = await signedIn('board@dachwerk.example');
    // The dashboard: charts with their figures as tables, and what waits for the board.
    await board.getByRole('heading', { name: 'Erträge und Aufwand nach Sphären' }).waitFor();
    await board
      .getByRole('table', { name: 'Fonds der Initiativen' })
      .getByRole('row')
      .nth(1)
      .waitFor();
    await board.locator('.recharts-bar-rectangle').first().waitFor();
    await expectAccessible(board);
    await screenshot(board, 'board-dashboard');

    const [app] = await stack.api.sql.query<{ id: string; initiativeId: string }[]>(
      `SELECT id, initiative_id AS "initiativeId" FROM applications WHERE title = 'Lesesommer im Park'`,
    );

    const reserved = async () =>
      (
        await stack.api.sql.query<{ name: string; reserved: number }[]>(
          `SELECT p.name, p.reserved_cents::float8 AS reserved FROM programmes p
             JOIN applications a ON a.programme_id = p.id WHERE a.id = $1`,
          [app.id],
        )
      )[0];
    const before = await reserved();

    await board.getByRole('menuitem', { name: 'Förderanträge' }).click();
    await board.getByRole('cell', { name: 'Lesesommer im Park' }).click();
    await board.getByRole('table', { name: 'Kostenplan' }).waitFor();
    await approve(board);
    // the first approval on screen (or the server's reason why not)
    const first = board
      .getByText(/Erste Zustimmung/)
      .or(board.getByRole('alert'))
      .first();
    await first.waitFor();
    expect(await first.innerText()).toMatch(/Erste Zustimmung: 1\.500,00 €/);
    await expectAccessible(board);
    await screenshot(board, 'application');

    // The same member again: refused, nothing recorded.
    await approve(board);
    await board
      .getByRole('dialog')
      .getByText(/bereits zugestimmt/)
      .waitFor();
    await board.getByRole('alert').filter({ hasNotText: 'Erste Zustimmung' }).first().waitFor();
    const decisions = await stack.api.sql.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM decisions WHERE application_id = $1 AND kind = 'approve'`,
      [app.id],
    );
    expect(decisions[0].n).toBe(1);

    // A second board member approves: the application is approved, the fund committed.
    const chair = await signedIn('treasurer@dachwerk.example');
    await chair.goto(`/o/${stack.umbrellaId}/applications/${app.id}/show`);
    await approve(chair);
    await chair.getByText('bewilligt', { exact: true }).waitFor();

    const programme = await reserved();
    expect(programme.reserved - before.reserved).toBe(150_000);
    await chair.goto(`/o/${stack.umbrellaId}/programmes`);
    const row = chair.getByRole('row').filter({ hasText: programme.name });
    await row.getByRole('cell', { name: germanAmount(programme.reserved) }).waitFor();
    await expectAccessible(chair);
  });
});
