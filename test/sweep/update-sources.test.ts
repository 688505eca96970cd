/**
 * The last-update date from every source, against a fake WeChat API written
 * from the platform's documentation (shared/reference/wechat-platform.md,
 * T2.1), not from the sandbox: freepublish/batchget lists only 发布, in an
 * undocumented order (this fake answers oldest first, paged); the data cube
 * (datacube/getarticletotaldetail) lists 群发 and 发布 by China date for
 * verified accounts only (48001 otherwise), yesterday at the latest.
 */
import { json } from 'node:stream/consumers';
import test, { type ExecutionContext } from 'ava';
import type { AccountConfig } from '../../config/load.ts';
import { Secret } from '../../config/secret.ts';
import { recordCache } from '../../store/api-cache.ts';
import type { ReportedUpdate } from '../../store/schema.ts';
import { contentProblems } from '../../sweep/check-content.ts';
import { WeChatClient } from '../../wechat/client.ts';
import { startServer } from '../http/helpers.ts';

interface FakeAccount {
  readonly verified: boolean;
  /** 发布 times (ISO). */
  readonly publishes: readonly string[];
  /** Days (China date) with a 群发. */
  readonly massSends: readonly string[];
}

const now = new Date('2026-12-07T04:00:00Z'); // 12:00 in China
const rules = { overdueDays: 14, dueSoonDays: 3, timeZone: 'Asia/Shanghai', recentDays: 14 };

async function fakeWeChat(t: ExecutionContext, account: FakeAccount) {
  const cubeDays: string[] = [];
  const server = await startServer(t, async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const body = (await json(req)) as Record<string, unknown>;
    const send = (value: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (url.pathname === '/cgi-bin/stable_token') return send({ access_token: `token-${String(body.appid)}`, expires_in: 7200 });
    if (url.searchParams.get('access_token') !== 'token-wx0123456789abcdef') return send({ errcode: 40001, errmsg: 'invalid credential' });
    if (url.pathname === '/cgi-bin/freepublish/batchget') {
      const offset = Number(body.offset);
      const count = Number(body.count);
      const items = [...account.publishes].sort().map((at, i) => ({
        article_id: `A${i}`,
        content: { news_item: [{ title: `工作动态${i}`, content: '<p>本单位开展工作。</p>', url: `https://mp.weixin.qq.com/s/A${i}`, is_deleted: false }] },
        update_time: Date.parse(at) / 1000,
      }));
      const page = items.slice(offset, offset + count);
      return send({ total_count: items.length, item_count: page.length, item: page });
    }
    if (url.pathname === '/datacube/getarticletotaldetail') {
      if (!account.verified) return send({ errcode: 48001, errmsg: 'api unauthorized' });
      const { begin_date: begin, end_date: end } = body as { begin_date: string; end_date: string };
      if (end >= '2026-12-07') return send({ errcode: 61501, errmsg: 'date range error' });
      cubeDays.push(begin);
      const days = [...account.massSends.map((d) => [d, 0] as const), ...account.publishes.map((at) => [new Date(Date.parse(at) + 8 * 3_600_000).toISOString().slice(0, 10), 1] as const)];
      return send({ list: days.filter(([d]) => d >= begin && d <= end).map(([d, type], i) => ({ ref_date: d, msgid: `${i}_1`, publish_type: type, detail_list: [] })), is_delay: false });
    }
    res.writeHead(404).end();
  });
  return { apiBase: server.url(''), cubeDays };
}

async function problemsOf(t: ExecutionContext, account: FakeAccount, owner?: string) {
  const fake = await fakeWeChat(t, account);
  const api = new WeChatClient({ apiBase: fake.apiBase }).forAccount('wx0123456789abcdef', new Secret('s3cret', 'ZLT_SECRET'));
  const config = { name: '扎兰屯发布', appId: 'wx0123456789abcdef' } as AccountConfig;
  const reported: Record<string, ReportedUpdate> = owner ? { 扎兰屯发布: { at: owner, by: '王明', reportedAt: owner } } : {};
  const problems = await contentProblems(config, api, {
    apiCache: recordCache({}, () => now),
    now: () => now,
    content: { rules, matcher: null, dictionary: 'test', reported },
  });
  return { problems: problems.map((p) => `${p.code}: ${p.message}`), cubeDays: fake.cubeDays };
}

test('群发 only, verified: the data cube sees it, the account is in time; the walk stops at the first day with a post', async (t) => {
  const { problems, cubeDays } = await problemsOf(t, { verified: true, publishes: [], massSends: ['2026-12-05'] });
  t.deepEqual(problems, []);
  t.deepEqual(cubeDays, ['2026-12-06', '2026-12-05']);
});

test('发布 only: batchget sees it wherever it is in its undocumented order (page 2, oldest first)', async (t) => {
  const old = Array.from({ length: 24 }, (_, i) => new Date(Date.parse('2026-09-01T02:00:00Z') + i * 86_400_000).toISOString());
  const { problems } = await problemsOf(t, { verified: false, publishes: [...old, '2026-12-04T02:00:00Z'], massSends: [] });
  t.deepEqual(problems, []);
});

test('both: the newer of an old 发布 and a recent 群发 counts', async (t) => {
  const { problems } = await problemsOf(t, { verified: true, publishes: ['2026-11-10T02:00:00Z'], massSends: ['2026-12-06'] });
  t.deepEqual(problems, []);
});

test('neither, verified: the data cube sees no 群发 either, so the account is overdue, saying where the date came from', async (t) => {
  const nothing = await problemsOf(t, { verified: true, publishes: [], massSends: [] });
  t.deepEqual(nothing.problems, ['overdue: 公众号超期未更新，检查时按“内容不更新”单项否决（没有找到任何已发布的内容，规定 14 天内要更新）']);
  t.is(nothing.cubeDays.length, 15, 'the walk covers the overdue window, no more');
  const old = await problemsOf(t, { verified: true, publishes: ['2026-11-01T02:00:00Z'], massSends: [] });
  t.snapshot(old.problems);
});

test('unverified (no data cube) and only an old or no 发布: never 超期 from absence, the owner is asked', async (t) => {
  const old = await problemsOf(t, { verified: false, publishes: ['2026-11-01T02:00:00Z'], massSends: ['2026-12-06'] });
  const none = await problemsOf(t, { verified: false, publishes: [], massSends: ['2026-12-06'] });
  t.snapshot([...old.problems, ...none.problems]);
  t.true([...old.problems, ...none.problems].every((p) => p.startsWith('update-unconfirmed: ')));
});

test('the owner\'s 已更新 counts whenever it is newer than what the API shows, and is judged like any date', async (t) => {
  t.deepEqual((await problemsOf(t, { verified: false, publishes: ['2026-11-01T02:00:00Z'], massSends: [] }, '2026-12-03T02:00:00Z')).problems, []);
  t.deepEqual((await problemsOf(t, { verified: true, publishes: [], massSends: ['2026-12-05'] }, '2026-11-01T02:00:00Z')).problems, [], 'an older report does not hide a newer post');
  const stale = await problemsOf(t, { verified: false, publishes: ['2026-11-01T02:00:00Z'], massSends: [] }, '2026-11-22T02:00:00Z');
  t.snapshot(stale.problems);
});
