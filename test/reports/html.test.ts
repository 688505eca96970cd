import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import test, { type ExecutionContext } from 'ava';
import * as cheerio from 'cheerio';
import { defaultTimeZone } from '../../config/schema.ts';
import { buildReport } from '../../reports/build-report.ts';
import { renderHtml } from '../../reports/html.ts';
import { parsePeriod } from '../../reports/period.ts';
import { loadScreenshots } from '../../reports/report-files.ts';
import { dumpDom, openBrowser, pngSize, screenshot } from '../helpers/chromium.ts';
import { defaultRules, register, reportNow, reportStore } from '../helpers/report-fixture.ts';

async function page(t: ExecutionContext, quarter: string): Promise<{ dir: string; file: string }> {
  const store = await reportStore(t);
  const report = buildReport({ register, runs: store.runs, findings: store.findings, rules: defaultRules, period: parsePeriod({ quarter }, defaultTimeZone), now: reportNow });
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-html-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'report.html');
  await writeFile(file, renderHtml(report));
  return { dir, file };
}

test('the HTML report renders in headless Chromium from disk, with its table and charts', async (t) => {
  const { dir, file } = await page(t, '2026Q4');
  const png = join(dir, 'report.png');
  await screenshot(t, file, png, 1280, 1800);
  const image = await readFile(png);
  t.deepEqual(pngSize(image), { width: 1280, height: 1800 });
  // A blank or failed page compresses to a few kilobytes; tables, bars and text do not.
  t.true(image.length > 40_000, `PNG is only ${image.length} bytes`);

  const $ = cheerio.load(await dumpDom(t, file));
  t.is($('html').attr('lang'), 'zh-CN');
  t.is($('head > title').text(), '政务新媒体菜单巡检情况统计表（2026年第四季度）');
  t.is($('table.accounts tbody tr').length, register.length);
  t.deepEqual($('table.accounts thead th').map((_, th) => $(th).text()).get(), ['序号', '新媒体账号名称', '账号类型', '主办单位', '问题数', '扣分', '合格/不合格', '问题类型', '审核不严', '超期']);
  t.is($('table.accounts tr.bad').length, 3);
  t.is($('table.details tbody tr').length, 4);
  t.is($('svg.weekly g.week').length, 10);
  t.is($('svg.weekly g.week').eq(2).find('text').first().text(), '4');
  t.deepEqual($('svg.accounts g.account text:first-of-type').map((_, el) => $(el).text()).get(), ['扎兰统计', '扎兰屯12333', '扎兰屯发布']);
  t.regex($('#repeat').text(), /扎兰屯12333：第三季度、第四季度/);
  t.is($('#rules li').length, 7);
  // Self-contained: nothing to fetch, no script; links in the detail table are only for a reader to click.
  t.is($('script, link, img, iframe, object, embed, [src]').length, 0);
  t.notRegex($('style').text(), /url\(|@import/);
});

test('the HTML report shows the evidence screenshot of a finding, embedded in the file', async (t) => {
  const store = await reportStore(t);
  const built = buildReport({ register, runs: store.runs, findings: store.findings, rules: defaultRules, period: parsePeriod({ quarter: '2026Q4' }, 'Asia/Shanghai'), now: reportNow });
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-html-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  // The evidence: a phone-sized photo of a hijacked page, as the sweep takes it.
  const hijacked = join(dir, 'hijacked.html');
  await writeFile(hijacked, '<meta charset="utf-8"><body style="margin:0;background:#b00;color:#fff;font-size:40px"><p>澳门新葡京 百家乐 在线娱乐城</p></body>');
  const page = await (await openBrowser(t)).newPage();
  await page.setViewport({ width: 375, height: 667, deviceScaleFactor: 2 });
  await page.goto(pathToFileURL(hijacked).href);
  const shot = join(dir, 'evidence.jpg');
  await page.screenshot({ path: shot, type: 'jpeg', quality: 50 });
  const report = { ...built, details: built.details.map((d, i) => (i === 0 ? { ...d, screenshot: shot } : { ...d, screenshot: join(dir, 'deleted.jpg') })) };
  const file = join(dir, 'report.html');
  await writeFile(file, renderHtml(report, await loadScreenshots(report)));
  const $ = cheerio.load(await readFile(file, 'utf8'));
  t.is($('table.details td.shot img').length, 1, 'one photo; a deleted file is simply left out');
  t.regex($('table.details td.shot img').attr('src') ?? '', /^data:image\/jpeg;base64,\/9j\//);
  const png = join(dir, 'report.png');
  await screenshot(t, file, png, 1280, 2400);
  t.true((await readFile(png)).length > 40_000);
});

test('the HTML report for a quarter without sweeps says so instead of an empty table', async (t) => {
  const { file } = await page(t, '2026Q1');
  const $ = cheerio.load(await dumpDom(t, file));
  t.is($('table').length, 0);
  t.is($('svg').length, 0);
  t.regex($('.no-data').text(), /2026年第一季度（2026-01-01 至 2026-03-31）没有巡检记录/);
});
