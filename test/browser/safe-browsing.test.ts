import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { BrowserProcess } from '../../browser/browser-process.ts';
import { openRenderFixture, siteHost, startSite } from './render-fixture.ts';

const fixture = await openRenderFixture();
test.after.always(() => fixture.close());

/**
 * Ended by its time box, not by running on: the box plus killing a hung browser, with slack for a two-core machine
 * running two test suites at once. How close to the box it ends is a speed question, for the benchmark.
 */
const within = (ms: number, box: number) => ms < box + 10_000;

test.serial('every subresource, iframe and redirect passes the address guard; private ones are never contacted', async (t) => {
  const site = await startSite(t, {
    '/': '',
    '/redirect': (_req, res) => res.writeHead(302, { location: site.url('/internal') }).end(),
  });
  const page = `<!doctype html><meta charset="utf-8"><title>服务</title><p>办事指南</p>
    <img src="${site.url('/secret.png')}"><script src="http://intranet.test:${site.port}/x.js"></script>
    <iframe src="${site.url('/frame')}"></iframe><iframe src="${site.url('/redirect', siteHost)}"></iframe>`;
  const pages = await startSite(t, { '/': page });
  const result = await fixture.render(pages.url('/', siteHost));
  t.is(result.end, 'loaded');
  t.deepEqual(result.blocked.map((b) => new URL(b.url).host).sort(), [`127.0.0.1:${site.port}`, `127.0.0.1:${site.port}`, `127.0.0.1:${site.port}`, `intranet.test:${site.port}`]);
  t.regex(result.blocked.find((b) => b.url.includes('intranet'))?.detail ?? '', /10\.1\.2\.3 is private/);
  // Only the redirect itself reached the server (by its public name); its private target did not.
  t.deepEqual(site.hits, ['/redirect']);
  t.is(result.snapshot?.text.trim(), '办事指南');
});

test.serial('a page that never finishes loading ends within its time box', async (t) => {
  const site = await startSite(t, { '/': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).write('<p>loading') });
  const result = await fixture.render(site.url('/', siteHost), 4000);
  t.is(result.end, 'timeout');
  t.true(within(result.ms, 4000), `${result.ms} ms`);
});

test.serial('a page opening 1,000 iframes is cut off and ends within its time box', async (t) => {
  const site = await startSite(t, {
    '/': '<p>frames</p><script>for (let i = 0; i < 1000; i++) { const f = document.createElement("iframe"); f.src = "/f?" + i; document.body.append(f); }</script>',
    '/f': '<p>x</p>',
  });
  const result = await fixture.render(site.url('/', siteHost), 5000);
  t.true(within(result.ms, 5000), `${result.ms} ms`);
  t.true(site.hits.length <= 400);
  const next = await fixture.render(site.url('/f', siteHost));
  t.is(next.snapshot?.text.trim(), 'x');
});

test.serial('a page making hundreds of requests is cut off at the request cap', async (t) => {
  const site = await startSite(t, {
    '/': '<p>requests</p><script>for (let i = 0; i < 600; i++) fetch("/i?" + i).catch(() => {});</script>',
    '/i': (_req, res) => res.writeHead(204).end(),
  });
  const result = await fixture.render(site.url('/', siteHost), 10_000);
  t.true(result.refused.requests >= 200, `${result.refused.requests} refused`);
  t.true(site.hits.length <= 400, `${site.hits.length} served`);
});

test.serial('a page allocating memory in a loop ends, and the browser serves the next page', async (t) => {
  const site = await startSite(t, {
    '/': '<p>hog</p><script>const a = []; for (;;) a.push(new Array(1e6).fill(Math.random()));</script>',
    '/ok': '<p>正常</p>',
  });
  const hog = await fixture.render(site.url('/', siteHost), 5000);
  t.not(hog.end, 'loaded');
  t.true(within(hog.ms, 5000), `${hog.ms} ms`);
  const next = await fixture.render(site.url('/ok', siteHost));
  t.is(next.end, 'loaded');
  t.is(next.snapshot?.text.trim(), '正常');
});

test.serial('a script that never yields ends within its time box; the next page works', async (t) => {
  const site = await startSite(t, { '/': '<p>spin</p><script>for (;;) {}</script>', '/ok': '<p>正常</p>' });
  const spin = await fixture.render(site.url('/', siteHost), 4000);
  t.is(spin.end, 'timeout');
  t.true(within(spin.ms, 4000), `${spin.ms} ms`);
  const next = await fixture.render(site.url('/ok', siteHost));
  t.is(next.snapshot?.text.trim(), '正常');
});

test.serial('a browser past its memory cap is restarted before the next page', async (t) => {
  const workDir = await mkdtemp(join(tmpdir(), 'menu-patrol-cap-'));
  const small = new BrowserProcess({ workDir, memoryCapMb: 1 });
  t.teardown(async () => {
    await small.close();
    await rm(workDir, { recursive: true, force: true, maxRetries: 3 });
  });
  const first = await small.get();
  const pid = first.process()?.pid;
  const second = await small.get();
  t.is(small.restarts, 1);
  t.false(first.connected);
  t.not(second.process()?.pid, pid);
});

test.serial('alerts are dismissed, popups closed, service workers and sockets absent, downloads refused, nothing saved', async (t) => {
  const site = await startSite(t, {
    '/': '<p>弹窗</p><script>alert("a"); confirm("b"); window.open("/pop"); document.body.append(`sw=${navigator.serviceWorker} ws=${typeof WebSocket}`);</script>',
    '/pop': '<p>pop</p>',
    '/file': (_req, res) => res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': 'attachment; filename="x.exe"' }).end('MZ'),
  });
  const result = await fixture.render(site.url('/', siteHost));
  t.is(result.end, 'loaded');
  t.is(result.refused.dialogs, 2);
  t.is(result.refused.popups, 1);
  t.regex(result.snapshot?.text ?? '', /sw=undefined ws=undefined/);
  const before = await readdir(process.cwd());
  const download = await fixture.render(site.url('/file', siteHost));
  t.is(download.refused.downloads, 1);
  t.deepEqual(await readdir(process.cwd()), before);
});

test.serial('a page that navigates forever ends within its time box', async (t) => {
  const site = await startSite(t, { '/': '<p>nav</p><script>setTimeout(() => { location.href = "/?" + Math.random(); }, 50);</script>' });
  const result = await fixture.render(site.url('/', siteHost), 4000);
  t.true(within(result.ms, 4000), `${result.ms} ms`);
  t.true(result.navigations.length > 3);
});
