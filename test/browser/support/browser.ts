import axe from 'axe-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from '../../support/chromium';

export const DEMO_PASSWORD = 'dachwerk-demo';
const SCREENSHOTS = path.resolve(__dirname, '../../../docs/screenshots');

/** Debian's Chromium, headless, with nothing that reaches out to the network on its own. */
export function launchBrowser(): Promise<Browser> {
  // Playwright gives every launch a fresh, empty profile directory (--user-data-dir).
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newContext(
  browser: Browser,
  baseURL: string,
  options: { mobile?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    locale: 'de-DE',
    acceptDownloads: true,
    viewport: options.mobile ? { width: 390, height: 844 } : { width: 1280, height: 860 },
    isMobile: options.mobile ?? false,
    hasTouch: options.mobile ?? false,
  });
  context.setDefaultTimeout(20_000);
  return context;
}

/** Signs in through the login screen and waits for the organisation's start page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  if (!/\/login$/.test(page.url())) await page.goto('/');
  await page.getByLabel('E-Mail').fill(email);
  await page.getByLabel('Passwort').fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL(/\/o\/[0-9a-f-]{36}\//);
}

/** The organisation id the URL names. */
export function orgIdOf(page: Page): string {
  const id = /\/o\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  if (!id) throw new Error(`no organisation in ${page.url()}`);
  return id;
}

/** axe-core on the page as it is: no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  // a dialog still fading in has half its contrast: let running transitions finish first
  await page.evaluate(async () => {
    const doc = (
      globalThis as unknown as {
        document: {
          getAnimations(): {
            finished: Promise<unknown>;
            effect: { getComputedTiming(): { endTime?: number | string } } | null;
          }[];
        };
      }
    ).document;
    // spinners run forever: wait only for animations that end
    const ending = doc
      .getAnimations()
      .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)));
    await Promise.all(ending.map((a) => a.finished.catch(() => undefined)));
  });
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    // Runs in the page; the test's own tsconfig knows no DOM types.
    const page = globalThis as unknown as { axe: typeof axe; document: axe.ElementContext };
    const result = await page.axe.run(page.document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`),
      }));
  });
  expect(violations).toEqual([]);
}

/** A screenshot of a main screen for the README (docs/screenshots/<name>.png). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
