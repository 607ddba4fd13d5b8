import { createServer, type Server } from 'node:http';
import { SessionCache } from '@dachwerk/auth';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  expectAccessible,
  launchBrowser,
  newContext,
  orgIdOf,
  screenshot,
  signIn,
} from './support/browser';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(120_000);

/** Journey 5: a refused login, session expiry, and a cross-site POST refused. */
describe('signing in and staying safe', () => {
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
  beforeEach(async () => {
    context = await newContext(browser, stack.baseUrl);
    page = await context.newPage();
  });
  afterEach(() => context.close());

  it('a wrong password is refused on screen with the server’s message, and nothing opens', async () => {
    await page.goto('/');
    await page.waitForURL(/\/login$/);
    await expectAccessible(page);
    await screenshot(page, 'login');
    await page.getByLabel('E-Mail').fill('staff@dachwerk.example');
    await page.getByLabel('Passwort').fill('not-the-password');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toMatch(/\S/);
    expect(page.url()).toMatch(/\/login$/);
    // the typed e-mail stays
    await expect(page.getByLabel('E-Mail').inputValue()).resolves.toBe('staff@dachwerk.example');
  });

  it('signing in opens the first organisation; the URL names it and nothing personal', async () => {
    await signIn(page, 'staff@dachwerk.example');
    expect(orgIdOf(page)).toBe(stack.umbrellaId);
    expect(page.url()).not.toMatch(/staff|dachwerk\.example/);
    await page.getByRole('heading', { name: /Willkommen/ }).waitFor();
    await expectAccessible(page);
  });

  it('an expired session returns to the login with a message, then back to where the user was', async () => {
    await signIn(page, 'staff@dachwerk.example');
    await page.goto(`/o/${stack.umbrellaId}/members`);
    await page.getByRole('columnheader', { name: 'Mitgliedsnummer' }).waitFor();
    // The session ends on the server (as after 30 idle minutes).
    const [ended] = await stack.api.superSql.query<[{ user_id: string }[], number]>(
      `DELETE FROM sessions RETURNING user_id`,
    );
    // Behind the application's back: the session cache is told, as the application would.
    for (const { user_id } of ended) await stack.api.app.get(SessionCache).dropUser(user_id);
    await page.getByRole('textbox', { name: /Suche/ }).fill('Albrecht');
    await page.waitForURL(/\/login$/);
    await page.getByText('Ihre Sitzung ist abgelaufen').waitFor();
    await page.getByLabel('E-Mail').fill('staff@dachwerk.example');
    await page.getByLabel('Passwort').fill('dachwerk-demo');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL(new RegExp(`/o/${stack.umbrellaId}/members`));
    await page.getByRole('columnheader', { name: 'Mitgliedsnummer' }).waitFor();
  });

  it('a form on another site that posts to the API with the user’s cookie is refused', async () => {
    await signIn(page, 'staff@dachwerk.example');
    // Same host, other port: same-site, so even SameSite=Strict sends the session cookie.
    const evil: Server = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(
        `<form id="f" method="post" action="${stack.baseUrl}/api/v1/auth/logout"></form>` +
          `<script>document.getElementById('f').submit()</script>`,
      );
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    try {
      const port = (evil.address() as AddressInfo).port;
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout'));
      await page.goto(`http://127.0.0.1:${port}/`);
      const response = await answer;
      expect(response.status()).toBe(403);
      expect(await response.json()).toMatchObject({ code: 'CROSS_SITE_REQUEST' });
      // still signed in: the forged logout did nothing
      await page.goto(`${stack.baseUrl}/o/${stack.umbrellaId}/members`);
      await page.getByRole('columnheader', { name: 'Mitgliedsnummer' }).waitFor();
      await screenshot(page, 'members');
      await expectAccessible(page);
    } finally {
      evil.close();
    }
  });
});
