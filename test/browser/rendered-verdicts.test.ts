import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalysisPool } from '../../analysis/analysis-pool.ts';
import test, { type ExecutionContext } from 'ava';
import { attachEvidence } from '../../browser/attach-evidence.ts';
import { PageReviewer } from '../../browser/page-review.ts';
import type { ItemResult, RunResult } from '../../core/results.ts';
import { createLinkCheck } from '../../checkers/link-check.ts';
import type { AccountConfig } from '../../config/load.ts';
import { WECHAT_ANDROID_USER_AGENT } from '../../http/headers.ts';
import { startServer, testFetcher } from '../http/helpers.ts';

const own = 'www.zlt.gov.cn';
const bad = 'bad.test';
const resolve = { [own]: '127.0.0.1', [bad]: '127.0.0.1' };
const account = { name: '扎兰屯12333', domains: ['zlt.gov.cn'] } as unknown as AccountConfig;
const text = '<h1>扎兰屯市人力资源和社会保障局</h1><p>社会保险参保登记、缴费查询和待遇领取的办事指南，请携带身份证到政务服务大厅办理。</p>';

/** Pages as a county site and a hijacker's host would serve them; PORT becomes the server's port. */
const pages: Record<string, string> = {
  '/plain': `<!doctype html><title>办事指南</title>${text}`,
  '/shell': '<!doctype html><title>社保查询</title><div id="app"></div><script src="/app.js"></script>',
  '/app.js': `document.getElementById('app').innerHTML = ${JSON.stringify(text)};`,
  '/broken': '<!doctype html><title>社保查询</title><div id="app"></div><script src="/static/js/app.3f9a.js"></script>',
  '/injected': `<!doctype html><title>办事指南</title>${text}<script src="http://${bad}:PORT/inject.js"></script>`,
  '/inject.js': `document.title = '澳门新葡京 百家乐 真人娱乐'; document.body.insertAdjacentHTML('beforeend', '<p><a href="http://${bad}/">澳门新葡京官网 百家乐 真人娱乐 注册送彩金</a></p>');`,
  '/late': `<!doctype html><title>办事指南</title>${text}<script>setTimeout(function () { location.href = ['http://bad', 'test:PORT/landing'].join('.'); }, 300);</script>`,
  '/landing': '<!doctype html><title>欢迎</title><p>欢迎光临本站，这里有最新的优惠活动信息和会员福利。</p>',
  '/framed': `<!doctype html><title>办事指南</title>${text}<script src="http://${bad}:PORT/frame.js"></script>`,
  '/frame.js': `const f = document.createElement('iframe'); f.src = 'http://${bad}:PORT/landing'; f.style.display = 'none'; document.body.append(f);`,
};

const workDir = await mkdtemp(join(tmpdir(), 'menu-patrol-verdicts-'));
// Generous time boxes: these tests are about verdicts, and a loaded machine must not turn a slow render into a timeout.
const options = { pageTimeoutMs: 20_000, memoryCapMb: 1536, maxSeconds: 300, allowPrivateAddresses: true, resolve, userAgent: WECHAT_ANDROID_USER_AGENT, workDir };
const reviewers: PageReviewer[] = [];
test.after.always(async () => {
  await Promise.all(reviewers.map((r) => r.close()));
  await rm(workDir, { recursive: true, force: true, maxRetries: 3 });
});

function analysis(t: ExecutionContext): AnalysisPool {
  const pool = new AnalysisPool();
  t.teardown(() => pool.close());
  return pool;
}

async function checker(t: ExecutionContext, reviewer: { all?: boolean; maxPages?: number } = {}) {
  const server = await startServer(t, (req, res) => {
    const body = pages[new URL(req.url ?? '/', 'http://x').pathname]?.replaceAll('PORT', String(server.port));
    if (body === undefined) return void res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404 Not Found</h1>');
    res.writeHead(200, { 'content-type': /^\s*</.test(body) ? 'text/html; charset=utf-8' : 'application/javascript' }).end(body);
  });
  const review = new PageReviewer({ ...options, all: reviewer.all ?? false, maxPages: reviewer.maxPages ?? 50, dataDir: join(workDir, 'data'), day: '2026-12-07' });
  reviewers.push(review);
  const check = createLinkCheck(testFetcher(t, { resolve, timeoutMs: 15_000 }), analysis(t), review);
  return { check: (path: string) => check(server.url(path, own), account), url: (path: string) => server.url(path, own), server, review };
}

test.serial('script-built pages are judged as rendered: a working shell is ok, the rest are caught', async (t) => {
  const { check } = await checker(t);
  const codes = async (path: string) => (await check(path)).problems.map((p) => p.code);
  t.deepEqual(await codes('/shell'), []);
  t.is((await check('/shell')).status, 'ok');
  t.deepEqual(await codes('/broken'), ['white-screen']);
  t.regex((await check('/broken')).problems[0]?.message ?? '', /app\.3f9a\.js 没有加载成功/);
  t.true((await codes('/injected')).includes('hijacked'));
  t.deepEqual(await codes('/late'), ['script-redirect-offsite']);
  t.regex((await check('/late')).problems[0]?.message ?? '', /打开后自动跳转到了 bad\.test/);
  t.deepEqual(await codes('/framed'), ['hidden-iframe']);
  const evidence = (await check('/framed')).problems[0]?.evidence;
  t.is(evidence?.seenIn, 'rendered');
});

test.serial('after the sweep, a failing page gets a phone-sized screenshot named by its problems; a healthy one does not', async (t) => {
  const { check, url, review } = await checker(t);
  const item = async (path: string) => ({ path: [path], menu: '默认菜单', type: 'view', kind: 'view', critical: false, target: url(path), ...(await check(path)) }) as ItemResult;
  const swept = { accounts: [{ name: account.name, items: [await item('/gone'), await item('/plain')] }] } as unknown as RunResult;
  const [missing, plain] = (await attachEvidence(swept, review)).accounts[0]!.items;
  t.deepEqual(missing?.problems.map((p) => p.code), ['http-error']);
  const shot = missing?.problems[0]?.evidence.screenshot;
  t.true(typeof shot === 'string' && shot.startsWith(join(workDir, 'data', 'evidence', '2026-12-07')), String(shot));
  const jpeg = await readFile(shot as string);
  t.is(jpeg.subarray(0, 2).toString('hex'), 'ffd8');
  // SOF0 frame: height then width, in device pixels (375 × 667 at 2×).
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  t.deepEqual([jpeg.readUInt16BE(sof + 7), jpeg.readUInt16BE(sof + 5)], [750, 1334]);
  t.is(missing?.problems[0]?.evidence.seenIn, undefined, 'the verdict came from the delivered HTML');
  t.is(plain?.status, 'ok');
  t.is(plain?.problems.length, 0);
});

test.serial('a plain page is not rendered unless --render all asks', async (t) => {
  const auto = await checker(t);
  t.is((await auto.check('/plain')).status, 'ok');
  t.false(auto.server.hits.length > 1, 'only the fetcher asked for the page');
  const all = await checker(t, { all: true });
  t.is((await all.check('/plain')).status, 'ok');
  t.is(all.server.hits.length, 2, 'the fetcher and the browser');
});

test.serial('pages past the render budget are reported as not rendered, never dropped silently', async (t) => {
  const { check, review } = await checker(t, { maxPages: 1 });
  t.is((await check('/shell')).status, 'ok');
  const left = await check('/broken');
  t.is(left.status, 'ok');
  t.regex(left.note ?? '', /浏览器检查额度已用完/);
  t.deepEqual(review.notes(), ['本次巡检用浏览器检查了 1 个网页，已达到上限，另有 1 个网页没有用浏览器检查（可调整配置里的 browser.maxPages 和 browser.maxSeconds）。']);
});

test.serial('without a browser the sweep goes on and says so once, plainly', async (t) => {
  const server = await startServer(t, (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pages['/broken']));
  const review = new PageReviewer({ ...options, all: false, maxPages: 50, executablePath: '/nonexistent/chromium' });
  reviewers.push(review);
  const check = createLinkCheck(testFetcher(t, { resolve }), analysis(t), review);
  const verdicts = await Promise.all(['/a', '/b'].map((p) => check(server.url(p, own), account)));
  t.deepEqual(verdicts.map((v) => v.note), [
    '这个网页的内容靠脚本显示，本次巡检没有可用的浏览器，没有确认市民看到的内容',
    '这个网页的内容靠脚本显示，本次巡检没有可用的浏览器，没有确认市民看到的内容',
  ]);
  t.snapshot(review.notes());
});
