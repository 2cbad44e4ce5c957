import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { LocalStack } from './localStack';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT_DIR = path.resolve(process.env.E2E_SCREENSHOT_DIR ?? path.join('test-results', 'e2e-screenshots'));
/** Adele's Playground, beside Megan's. */
const ADELE_PORT = 56161;
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * The walk-through, as a person does it in the Microsoft 365 Agents Playground: Megan starts
 * moves and sees the channel thread; the customer accepts; Adele approves; the plan waits for its buy dates,
 * which the sandbox's clock brings in a minute; one order per date results. Every card is kept as a screenshot
 * in E2E_SCREENSHOT_DIR (default test-results/e2e-screenshots).
 */
describe('a customer move in the Agents Playground (headless Chromium)', function () {
  let dataDir = '';
  let stack: LocalStack;
  let browser: Browser;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`    skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
      this.skip();
    }
    if (!LocalStack.built()) {
      console.log('    skipped: dist/ is missing; run `npm run test:e2e`, which builds first');
      this.skip();
    }
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'csp-move-e2e-'));
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    stack = new LocalStack(dataDir);
    await stack.startBotAndSandbox();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  });

  after(async () => {
    await browser?.close();
    await stack?.stopAll();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  let playground: Awaited<ReturnType<LocalStack['startPlayground']>> | null = null;

  /**
   * A Playground signs in as one person: Megan's runs on the default port; another person's runs beside it on a port
   * of its own (`sideBySidePort`), against the same bot and sandbox.
   */
  async function openAs(person: string, sideBySidePort?: number): Promise<Page> {
    if (sideBySidePort === undefined) {
      if (playground) await stack.stop(playground);
      playground = await stack.startPlayground(person);
    } else {
      await stack.startPlayground(person, sideBySidePort);
    }
    const page = await browser.newPage({ viewport: { width: 1400, height: 1600 } });
    await page.goto(stack.playgroundUrl(sideBySidePort));
    await page.getByText('Personal Chat').first().waitFor();
    // The Playground installs the app on load; let the welcome arrive before typing.
    await waitForText(page, /CSP Move Assistant/);
    await page.waitForTimeout(1500);
    return page;
  }

  async function say(page: Page, text: string): Promise<void> {
    const composer = page.locator('[contenteditable="true"]').first();
    await composer.click();
    await composer.type(text);
    await page.keyboard.press('Enter');
  }

  async function waitForText(page: Page, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let text = '';
    while (Date.now() < deadline) {
      text = await page.innerText('body');
      if (pattern.test(text)) return text;
      await page.waitForTimeout(500);
    }
    await page.screenshot({ path: path.join(os.tmpdir(), 'csp-move-e2e-failure.png'), fullPage: true });
    throw new Error(`"${pattern}" did not appear (screenshot: ${path.join(os.tmpdir(), 'csp-move-e2e-failure.png')}); the page says:\n${text.slice(-3000)}`);
  }

  /** Keeps a picture of the newest card on the page (the whole page when no card is drawn). */
  async function snap(page: Page, name: string): Promise<void> {
    await page.waitForTimeout(500);
    const card = page.locator('.ac-adaptiveCard').last();
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    if (await card.count()) await card.screenshot({ path: file });
    else await page.screenshot({ path: file, fullPage: true });
  }

  /** Moves the sandbox's clock on; the bot follows it within seconds (local mode). */
  async function advanceSandboxDays(days: number): Promise<void> {
    const response = await fetch(`${stack.sandboxUrl}/_sandbox/clock`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceDays: days }),
    });
    assert.equal(response.status, 200);
  }

  async function contosoOrders(): Promise<number> {
    const state = await (await fetch(`${stack.sandboxUrl}/_sandbox/state?customer=contoso.onmicrosoft.com`)).json() as { customers: Array<{ orders: unknown[] }> };
    return state.customers[0].orders.length;
  }

  /** Opens the newest card's Details (the plan card keeps its reasons, warnings and approval rule behind it). */
  async function openDetails(page: Page): Promise<string> {
    await page.getByRole('button', { name: /^Details/ }).last().click();
    await page.waitForTimeout(300);
    return page.innerText('body');
  }

  async function fillStartForm(page: Page, countryName: string): Promise<void> {
    const country = page.getByPlaceholder(/Type to search/).last();
    await country.waitFor();
    await country.click();
    await country.fill(countryName);
    // The newest form's list: a form shown again (a refused start) keeps its own list above it.
    const option = page.getByRole('option', { name: new RegExp(`^${countryName}`) }).last();
    // The list filters as one types: on a busy machine it takes a moment to offer the country.
    await option.waitFor({ timeout: 10_000 }).catch(() => undefined);
    if (await option.count()) await option.click(); else await page.keyboard.press('Enter');
    await page.getByRole('radio', { name: 'Bought direct from Microsoft' }).last().check();
    await page.getByRole('button', { name: 'Start the move' }).last().click();
  }

  let megan: Page;
  let adele: Page;

  it('Megan makes the General channel the notification channel', async () => {
    megan = await openAs('megan');
    await megan.getByText('General').first().click();
    await megan.getByText('Start a new post').first().waitFor();
    await megan.waitForTimeout(1000);
    const composer = megan.locator('[contenteditable="true"]').first();
    await composer.click();
    await composer.type('@');
    await megan.getByRole('menuitem', { name: /CSP Move Assistant/ }).click();
    await composer.type(' notify here');
    await megan.getByRole('button', { name: 'Post' }).click();
    await waitForText(megan, /this channel is now the notification channel/);
  });

  it('Adele opens her own chat with the bot beside Megan (the bot now knows where to ask her)', async () => {
    adele = await openAs('adele', ADELE_PORT);
    await say(adele, 'help');
    await waitForText(adele, /list/);
  });

  it('refuses Northwind (Canada) before any invitation, naming both regions', async () => {
    await megan.getByText('Personal Chat').first().click();
    await say(megan, 'move northwind.onmicrosoft.com');
    await megan.getByPlaceholder(/Type to search/).last().waitFor();
    await snap(megan, '01-start-form');
    await fillStartForm(megan, 'Canada');
    const text = await waitForText(megan, /CSP region Canada/);
    assert.match(text, /United States/);
    await snap(megan, '02-refused-region');
  });

  it('starts the Contoso move and shows the invitation link', async () => {
    // Typed in full, the move starts at once (the form was walked above; a second form's country list is flaky to drive).
    await say(megan, 'move contoso.onmicrosoft.com US direct');
    await waitForText(megan, /Open the reseller invitation/);
    await snap(megan, '03-invitation');
  });

  it('reports the acceptance, the inventory and the plan once the customer accepts', async () => {
    const response = await fetch(`${stack.sandboxUrl}/_sandbox/customers/contoso.onmicrosoft.com/accept`, { method: 'POST' });
    assert.equal(response.status, 200);
    const text = await waitForText(megan, /Today → buy in CSP/);
    assert.match(text, /accepted the reseller invitation/);
    assert.match(text, /EXCHANGESTANDARD/);
    assert.match(text, /Same offer/);
    assert.match(text, /Total: USD [\d,.]+ a month/);
    await snap(megan, '04-plan-contoso');
    assert.match(await openDetails(megan), /No licence reassignment/);
    await snap(megan, '05-plan-contoso-details');
  });

  it('asks Adele in her personal chat to approve the Contoso plan', async () => {
    const text = await waitForText(adele, /Megan Bowen started the move of contoso\.onmicrosoft\.com: its plan waits for your approval/);
    assert.match(text, /Today → buy in CSP/);
    await snap(adele, '05b-adele-asked');
  });

  it('plans the Fabrikam move with the E3 (no Teams) + Teams Enterprise pair and its reasoning', async () => {
    await say(megan, 'move fabrikam.onmicrosoft.com US csp');
    // The customer accepts once the invitation (with its GDAP request) exists.
    for (let i = 0; i < 60; i += 1) {
      const state = await (await fetch(`${stack.sandboxUrl}/_sandbox/state?customer=fabrikam.onmicrosoft.com`)).json() as { customers: Array<{ gdap: unknown[] }> };
      if (state.customers[0].gdap.length > 0) break;
      await megan.waitForTimeout(500);
    }
    const response = await fetch(`${stack.sandboxUrl}/_sandbox/customers/fabrikam.onmicrosoft.com/accept`, { method: 'POST' });
    assert.equal(response.status, 200);
    const text = await waitForText(megan, /Microsoft 365 E3 \(no Teams\) \+ Microsoft Teams Enterprise/, 60_000);
    assert.match(text, /Equivalent/);
    await snap(megan, '06-plan-fabrikam');
    const details = await openDetails(megan);
    assert.match(details, /TEAMS1 from Microsoft Teams Enterprise/);
    assert.match(details, /Licences will be reassigned/);
  });

  it('posted each move to its own thread in the channel: the card on top, one line per milestone, the approvers @mentioned', async () => {
    await megan.getByText('General').first().click();
    const text = await waitForText(megan, /contoso\.onmicrosoft\.com/);
    assert.match(text, /accepted the reseller invitation/);
    assert.match(text, /Plan ready for approval/);
    assert.match(text, /Adele Vance/);
    assert.doesNotMatch(text, /started the move of northwind/i, 'a move refused at its checks opens no thread');
    await megan.screenshot({ path: path.join(SCREENSHOT_DIR, '07-channel-thread.png'), fullPage: true });
    // The newest thread alone, from its root card to its reply box: what a reader of the channel sees of one move.
    const root = (await megan.locator('.ac-adaptiveCard').first().boundingBox())!;
    const replyBox = (await megan.getByText('Type a message...').first().boundingBox())!;
    const top = Math.max(0, root.y - 50);
    await megan.screenshot({
      path: path.join(SCREENSHOT_DIR, '07b-channel-thread-newest.png'),
      clip: { x: Math.max(0, root.x - 40), y: top, width: Math.min(720, root.width + 240), height: replyBox.y + replyBox.height + 16 - top },
    });
  });

  it('Adele approves; nothing is bought until the buy dates, which the sandbox clock brings; one order per date', async () => {
    await megan.close();
    // Adele approves on the card the bot brought to her chat.
    await adele.getByRole('button', { name: /^Approve/ }).first().click();
    await waitForText(adele, /Approved: buying on the dates below/, 60_000);
    await snap(adele, '08-scheduled');
    assert.equal(await contosoOrders(), 0, 'approving buys nothing while the originals run for months');

    // Business Premium ends in 65 days (bought a week before), Exchange Online in 130.
    await advanceSandboxDays(60);
    for (let i = 0; i < 60 && await contosoOrders() < 1; i += 1) await adele.waitForTimeout(500);
    assert.equal(await contosoOrders(), 1, 'the first buy date came: one order');
    await advanceSandboxDays(70);
    const text = await waitForText(adele, /New subscriptions are active/, 90_000);
    assert.match(text, /expire/i);
    await snap(adele, '09-done');
    assert.equal(await contosoOrders(), 2, 'one order per buy date');
  });
});
