import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import anyTest, { type ExecutionContext, type TestFn } from 'ava';
import type { Browser, Page } from 'puppeteer-core';
import { closeBrowser, launchBrowser } from '../../browser/launch.ts';
import { adminPassword, hookScope, webFor, type WebFixture } from '../helpers/web.ts';
import { pngSize } from '../helpers/chromium.ts';

/**
 * The pages in the npm Chromium the render checks use, at a desktop's and a
 * phone's width, over the demo swept with screenshots. Each screenshot is kept
 * in a temp folder (and, when MENU_PATROL_WEB_SHOTS names a folder, copied
 * there for a person to look at).
 */

interface Context extends WebFixture {
  readonly browser: Browser;
  readonly shots: string;
}

const test = anyTest as TestFn<Context>;
const hook = hookScope();
test.before(async (t) => {
  const fixture = await webFor(hook.scope, { browser: true });
  const workDir = await mkdtemp(join(tmpdir(), 'menu-patrol-web-browser-'));
  const shots = await mkdtemp(join(tmpdir(), 'menu-patrol-web-shots-'));
  const browser = await launchBrowser({ workDir });
  hook.scope.teardown(async () => {
    await closeBrowser(browser);
    await rm(workDir, { recursive: true, force: true, maxRetries: 3 });
    await rm(shots, { recursive: true, force: true });
  });
  t.context = { ...fixture, browser, shots };
});
test.after.always(() => hook.close());

const viewports = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 375, height: 812 },
] as const;

/** A fresh incognito page, and the console errors and page errors it has had (each test asserts there were none). */
async function openPage(t: ExecutionContext<Context>, width: number, height: number): Promise<{ page: Page; problems: string[] }> {
  const context = await t.context.browser.createBrowserContext();
  t.teardown(() => context.close());
  const page = await context.newPage();
  await page.setViewport({ width, height });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${(error as Error).message}`));
  return { page, problems };
}

async function loginAsAdmin(page: Page, base: string, beforeSubmit?: () => Promise<void>): Promise<void> {
  await page.goto(`${base}/login`, { waitUntil: 'load' });
  await page.type('input[name=password]', adminPassword);
  await beforeSubmit?.();
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button[type=submit]')]);
}

async function shoot(t: ExecutionContext<Context>, page: Page, name: string): Promise<void> {
  const file = join(t.context.shots, `${name}.png`) as `${string}.png`;
  await page.screenshot({ path: file, fullPage: true });
  const copyTo = process.env.MENU_PATROL_WEB_SHOTS;
  if (copyTo) await copyFile(file, join(copyTo, `${name}.png`));
}

/** Wider than the viewport means a sideways scroll on a phone. */
// Strings, not functions: they run in the page, and the tests are type-checked without the DOM's types.
const overflow = (page: Page) => page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;

for (const { name, width, height } of viewports) {
  test.serial(`the overview renders the demo's accounts at ${width} px without console errors`, async (t) => {
    const { page, problems } = await openPage(t, width, height);
    await loginAsAdmin(page, t.context.server.url, () => shoot(t, page, `login-${name}`));
    t.is(new URL(page.url()).pathname, '/');
    const cards = await page.$$eval('.accounts .account', (list) => list.length);
    t.is(cards, t.context.config.accounts.length);
    t.true(await page.$eval('.summary', (e) => (e.textContent ?? '').includes('有问题')));
    t.true((await overflow(page)) <= 0, 'no sideways scrolling');
    await shoot(t, page, `overview-${name}`);
    t.is(pngSize(Buffer.from(await page.screenshot())).width, width);
    t.deepEqual(problems, [], 'no console errors or page errors');
  });

  test.serial(`an owner opens their link and an account page renders with its problems and screenshot at ${width} px`, async (t) => {
    const { server, store, config } = t.context;
    // An account with a photographed failing page, and its owner.
    const finding = store.findings.find((f) => f.resolvedAt === null && typeof f.evidence.screenshot === 'string' && config.accounts.some((a) => a.name === f.account && a.owners.length > 0))!;
    t.truthy(finding, 'the demo photographs a failing page');
    const account = config.accounts.find((a) => a.name === finding.account)!;
    const { page, problems } = await openPage(t, width, height);
    await page.goto(server.ownerLink(account.owners[0]!.name), { waitUntil: 'load' });
    t.is(new URL(page.url()).pathname, '/', 'the link lands on a clean address');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(`a.name[href="/accounts/${encodeURIComponent(account.name)}"]`)]);
    t.is(await page.$eval('h1', (e) => e.textContent ?? ''), `${account.name} 有问题`);
    t.true((await page.$$('.findings .finding')).length > 0);
    t.true((await page.$$('.tree li')).length > 0);
    t.truthy(await page.$('.chart svg'));
    await page.waitForFunction("[...document.querySelectorAll('.shot img')].every((img) => img.complete)", { timeout: 20_000 });
    t.true((await page.evaluate("document.querySelector('.shot img').naturalWidth")) as number > 0, 'the evidence screenshot loads');
    t.true((await overflow(page)) <= 0, 'no sideways scrolling');
    await shoot(t, page, `account-${name}`);
    t.deepEqual(problems, [], 'no console errors or page errors');
  });
}

test.serial('a finished sweep updates the open page without a reload (server-sent events)', async (t) => {
  const { server, sweeps, config } = t.context;
  const { page, problems } = await openPage(t, 375, 812);
  await loginAsAdmin(page, server.url);
  await page.goto(`${server.url}/runs`, { waitUntil: 'load' });
  await page.waitForFunction("document.body.dataset.live === 'connected'", { timeout: 20_000 });
  const before = await page.$$eval('.runs .run', (list) => list.length);
  await page.evaluate('window.notReloaded = true');
  const account = config.accounts.find((a) => a.platform !== 'weibo')!;
  await sweeps.sweep([account.name], 'chat');
  await page.waitForFunction(`document.querySelectorAll('.runs .run').length === ${before + 1}`, { timeout: 20_000 });
  t.is(await page.evaluate('window.notReloaded'), true, 'the same document, not a reload');
  t.is(await page.$eval('.runs .run .trigger', (e) => e.textContent), '聊天命令');
  await shoot(t, page, 'runs-live-phone');
  t.deepEqual(problems, [], 'no console errors or page errors');
});

test.serial('without EventSource (an old WebView), the page polls /version and still updates without a reload', async (t) => {
  const { server, sweeps, config } = t.context;
  const { page, problems } = await openPage(t, 375, 812);
  // The old WebView: no EventSource. Its 30 s poll is shortened to keep the test short.
  await page.evaluateOnNewDocument('delete window.EventSource; const wait = window.setTimeout; window.setTimeout = (fn, ms) => wait(fn, Math.min(ms, 200));');
  await loginAsAdmin(page, server.url);
  const polled = new Promise<void>((resolve) => page.on('request', (r) => new URL(r.url()).pathname === '/version' && resolve()));
  await page.goto(`${server.url}/runs`, { waitUntil: 'load' });
  await polled;
  const before = await page.$$eval('.runs .run', (list) => list.length);
  await page.evaluate('window.notReloaded = true');
  await sweeps.sweep([config.accounts.find((a) => a.platform !== 'weibo')!.name], 'cli');
  await page.waitForFunction(`document.querySelectorAll('.runs .run').length === ${before + 1}`, { timeout: 20_000 });
  t.is(await page.evaluate('window.notReloaded'), true, 'the same document, not a reload');
  t.deepEqual(problems, [], 'no console errors or page errors');
});
