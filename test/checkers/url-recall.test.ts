/**
 * Incremental link checks: what one sweep learnt spares the next requests and
 * analyses, and never changes a verdict.
 */
import test, { type ExecutionContext } from 'ava';
import { findPage } from '../../analysis/analyze-page.ts';
import type { FetchedPage } from '../../analysis/page-findings.ts';
import { createLinkCheck } from '../../checkers/link-check.ts';
import { maxRevalidatedMs, UrlRecall } from '../../checkers/url-recall.ts';
import type { Verdict } from '../../core/results.ts';
import type { FetchPolicy } from '../../http/types.ts';
import type { UrlMemory } from '../../store/schema.ts';
import { pageBodies, startChangingSite, type ChangingSite } from '../helpers/changing-site.ts';
import { testFetcher } from '../http/helpers.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

const account = { domains: ['zlt.gov.cn'] };
const day1 = new Date('2026-12-01T00:30:00Z');

interface Swept {
  readonly verdicts: Record<string, Verdict>;
  readonly learned: Record<string, UrlMemory>;
  /** Pages the analysis was asked about. */
  readonly analyzed: string[];
}

/** One sweep's link checks over `paths`, with what earlier sweeps learnt (none: a full sweep). */
async function sweep(t: ExecutionContext, site: ChangingSite, paths: readonly string[], known: Record<string, UrlMemory> = {}, options: { now?: Date; policy?: Partial<FetchPolicy> } = {}): Promise<Swept> {
  const analyzed: string[] = [];
  const analyzer = { analyze: async (page: FetchedPage) => (analyzed.push(page.url), findPage(page)) };
  const policy = { timeoutMs: 1000, ...options.policy };
  const recall = new UrlRecall(known, { now: () => options.now ?? day1, timeoutMs: policy.timeoutMs });
  const checkLink = createLinkCheck(testFetcher(t, policy), analyzer, undefined, recall);
  const verdicts: Record<string, Verdict> = {};
  for (const path of paths) verdicts[path] = await checkLink(site.url(path), account);
  return { verdicts, learned: recall.learned(), analyzed };
}

const codes = (v: Verdict | undefined) => [v?.status, ...(v?.problems.map((p) => p.code) ?? [])];
const requestsOf = (site: ChangingSite, from: number) => site.requests.slice(from).map((r) => [r.path, r.ifNoneMatch ?? r.ifModifiedSince ?? 'unconditional']);

test('an unchanged page is asked "changed?", and its 304 keeps last time\'s verdict without analysis', async (t) => {
  const site = await startChangingSite(t, { '/etag': { body: pageBodies.ok, validation: 'honest' }, '/dated': { body: pageBodies.ok, validation: 'dated' } });
  const first = await sweep(t, site, ['/etag', '/dated']);
  const before = site.requests.length;
  const second = await sweep(t, site, ['/etag', '/dated'], first.learned);
  t.deepEqual(second.analyzed, []);
  t.deepEqual(codes(second.verdicts['/etag']), ['ok']);
  t.deepEqual(codes(second.verdicts['/dated']), ['ok']);
  t.deepEqual(requestsOf(site, before).map(([path, asked]) => [path, asked !== 'unconditional']), [['/etag', true], ['/dated', true]]);
  t.is(second.learned[site.url('/etag')]?.page?.readAt, first.learned[site.url('/etag')]?.page?.readAt, 'a 304 is not a reading of the page');
});

test('a page that turned hijacked is fetched and judged again, under a new ETag or under a stale one', async (t) => {
  const site = await startChangingSite(t, { '/new-etag': { body: pageBodies.ok, validation: 'honest' }, '/stale-etag': { body: pageBodies.ok, validation: 'stale-etag' } });
  const first = await sweep(t, site, ['/new-etag', '/stale-etag']);
  t.deepEqual([codes(first.verdicts['/new-etag']), codes(first.verdicts['/stale-etag'])], [['ok'], ['ok']]);
  for (const page of site.pages.values()) page.body = pageBodies.hijacked;
  const second = await sweep(t, site, ['/new-etag', '/stale-etag'], first.learned);
  t.deepEqual([codes(second.verdicts['/new-etag']), codes(second.verdicts['/stale-etag'])], [['fail', 'hijacked'], ['fail', 'hijacked']]);
  t.deepEqual(second.analyzed.sort(), [site.url('/new-etag'), site.url('/stale-etag')]);
});

test('the same bytes under a server that never says 304 are not analyzed again', async (t) => {
  const site = await startChangingSite(t, { '/plain': { body: pageBodies.ok, validation: 'plain' }, '/stale-etag': { body: pageBodies.ok, validation: 'stale-etag' } });
  const first = await sweep(t, site, ['/plain', '/stale-etag']);
  const second = await sweep(t, site, ['/plain', '/stale-etag'], first.learned);
  t.deepEqual(second.analyzed, []);
  t.deepEqual([codes(second.verdicts['/plain']), codes(second.verdicts['/stale-etag'])], [['ok'], ['ok']]);
  t.not(second.learned[site.url('/plain')]?.page?.readAt, undefined);
});

test('a 304 nobody asked for is judged as it is, like a full sweep judges it', async (t) => {
  const site = await startChangingSite(t, { '/always-304': { body: pageBodies.ok, validation: 'always-304' } });
  const full = await sweep(t, site, ['/always-304']);
  const incremental = await sweep(t, site, ['/always-304'], full.learned);
  t.deepEqual(codes(incremental.verdicts['/always-304']), codes(full.verdicts['/always-304']));
  t.deepEqual(requestsOf(site, 0), [['/always-304', 'unconditional'], ['/always-304', 'unconditional']], 'it never gave validators to send back');

  // A hijacked page last time, whose server now says 304 to anyone: not "still hijacked", but what that 304 shows.
  site.pages.set('/turned', { body: pageBodies.hijacked, validation: 'plain' });
  const hijacked = await sweep(t, site, ['/turned']);
  t.deepEqual(codes(hijacked.verdicts['/turned']), ['fail', 'hijacked']);
  site.pages.get('/turned')!.validation = 'always-304';
  const again = await sweep(t, site, ['/turned'], hijacked.learned);
  t.deepEqual(codes(again.verdicts['/turned']), codes((await sweep(t, site, ['/turned'])).verdicts['/turned']));
  t.notDeepEqual(codes(again.verdicts['/turned']), ['fail', 'hijacked']);
});

test('a URL that failed or warned last time is fetched in full, with no validators', async (t) => {
  const site = await startChangingSite(t, { '/soft-404': { body: pageBodies.soft404, validation: 'honest' }, '/gone': { body: pageBodies.ok, status: 404, validation: 'honest' } });
  const first = await sweep(t, site, ['/soft-404', '/gone']);
  t.deepEqual([codes(first.verdicts['/soft-404']), codes(first.verdicts['/gone'])], [['fail', 'soft-404'], ['fail', 'http-error']]);
  const before = site.requests.length;
  site.pages.get('/soft-404')!.body = pageBodies.ok;
  const second = await sweep(t, site, ['/soft-404', '/gone'], first.learned);
  t.deepEqual(requestsOf(site, before), [['/soft-404', 'unconditional'], ['/gone', 'unconditional']]);
  t.deepEqual([codes(second.verdicts['/soft-404']), codes(second.verdicts['/gone'])], [['ok'], ['fail', 'http-error']]);
  t.deepEqual(second.analyzed, [site.url('/soft-404')], 'the 404 page is the same bytes as last time');
});

test('validators are sent to the page a redirect leads to, not to the redirect', async (t) => {
  const site = await startChangingSite(t, { '/short': { body: '', validation: 'plain', redirectTo: '/article' }, '/article': { body: pageBodies.ok, validation: 'honest' } });
  const first = await sweep(t, site, ['/short']);
  const before = site.requests.length;
  const second = await sweep(t, site, ['/short'], first.learned);
  t.deepEqual(requestsOf(site, before).map(([path, asked]) => [path, asked !== 'unconditional']), [['/short', false], ['/article', true]]);
  t.deepEqual(codes(second.verdicts['/short']), ['ok']);
  t.deepEqual(second.analyzed, []);
});

test('findings of older detector rules are not reused: the page is fetched in full and analyzed again', async (t) => {
  const site = await startChangingSite(t, { '/etag': { body: pageBodies.ok, validation: 'honest' } });
  const first = await sweep(t, site, ['/etag']);
  const url = site.url('/etag');
  const old = first.learned[url]!;
  const before = site.requests.length;
  const second = await sweep(t, site, ['/etag'], { [url]: { ...old, page: { ...old.page!, analysisVersion: old.page!.analysisVersion - 1 } } });
  t.deepEqual(requestsOf(site, before), [['/etag', 'unconditional']]);
  t.deepEqual(second.analyzed, [url]);
});

test('a server whose 304 outlives a change is read in full once a week: a hidden hijack is found within the week', async (t) => {
  const site = await startChangingSite(t, { '/lying': { body: pageBodies.ok, validation: 'lying-304' } });
  const first = await sweep(t, site, ['/lying']);
  site.pages.get('/lying')!.body = pageBodies.hijacked;
  const nextDay = await sweep(t, site, ['/lying'], first.learned, { now: new Date(day1.getTime() + 86_400_000) });
  t.deepEqual(codes(nextDay.verdicts['/lying']), ['ok'], 'what its 304 says cannot be told from the truth');
  const weekLater = await sweep(t, site, ['/lying'], nextDay.learned, { now: new Date(day1.getTime() + maxRevalidatedMs) });
  t.deepEqual(codes(weekLater.verdicts['/lying']), ['fail', 'hijacked']);
});

test('round after round of changing pages, an incremental sweep gives the verdicts of a full sweep', async (t) => {
  // Every server behaviour a sweep can tell from the truth (not lying-304: see the weekly full read above).
  const validations = ['honest', 'dated', 'stale-etag', 'always-304', 'plain'] as const;
  const bodies = Object.values(pageBodies);
  const statuses = [200, 200, 200, 404, 503];
  const next = seededRandom(18);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const pages: Record<string, import('../helpers/changing-site.ts').SitePage> = {};
  for (const validation of validations) {
    for (const [i, body] of bodies.entries()) pages[`/${validation}/${i}`] = { body, validation };
    pages[`/${validation}/via`] = { body: '', validation: 'plain', redirectTo: `/${validation}/0` };
  }
  const site = await startChangingSite(t, pages);
  const paths = Object.keys(pages);
  const verdictsOf = (swept: Swept) => Object.fromEntries(paths.map((p) => [p, { status: swept.verdicts[p]?.status, problems: swept.verdicts[p]?.problems.map((x) => [x.code, x.severity, x.message]) }]));

  let known = (await sweep(t, site, paths)).learned;
  let spared = 0;
  for (let round = 1; round <= 4; round++) {
    for (const page of site.pages.values()) {
      if (page.redirectTo || next() > 0.3) continue;
      if (next() < 0.8) page.body = pick(bodies);
      else page.status = pick(statuses);
    }
    const incremental = await sweep(t, site, paths, known);
    const full = await sweep(t, site, paths);
    t.deepEqual(verdictsOf(incremental), verdictsOf(full), `round ${round}`);
    spared += full.analyzed.length - incremental.analyzed.length;
    known = incremental.learned;
  }
  t.true(spared > 0, 'the incremental sweeps analyzed fewer pages');
});

test('a timeout is confirmed at once unless the URL hung, confirmed, in the last sweep as well', async (t) => {
  const site = await startChangingSite(t, { '/hang': { body: pageBodies.ok, validation: 'plain', hang: true } });
  const policy = { timeoutMs: 500, retries: 1 };
  const attempts: number[] = [];
  let known: Record<string, UrlMemory> = {};
  for (let round = 0; round < 3; round++) {
    const before = site.requests.length;
    const swept = await sweep(t, site, ['/hang'], known, { policy });
    t.deepEqual(codes(swept.verdicts['/hang']), ['fail', 'timeout']);
    attempts.push(site.requests.length - before);
    known = swept.learned;
  }
  t.deepEqual(attempts, [2, 1, 1]);
  t.is(known[site.url('/hang')]?.timeouts, 3);

  // Once it answers, the streak is over: its next timeout is confirmed again.
  site.pages.get('/hang')!.hang = false;
  known = (await sweep(t, site, ['/hang'], known, { policy })).learned;
  t.is(known[site.url('/hang')]?.timeouts, 0);
});
