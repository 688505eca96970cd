import test, { type ExecutionContext } from 'ava';
import { recordCache } from '../../store/api-cache.ts';
import { clickChecker } from '../../checkers/click.ts';
import type { CheckContext } from '../../checkers/types.ts';
import type { AccountConfig } from '../../config/load.ts';
import { Secret } from '../../config/secret.ts';
import { defaultMenu, type MenuItem } from '../../core/menu.ts';
import { verdictOf } from '../../core/results.ts';
import { problem } from '../../core/problems.ts';
import { startAccountServer, type ReplyBehaviour } from '../../sandbox/account-server.ts';

const token = 'zlt-token-7d1c';
const encodingAESKey = 'Zlt12333EncodingAesKeyForTests0123456789abc';
const appId = 'wx0123456789abcdef';
type Mode = 'plain' | 'safe' | 'compat';

function item(key: string, kind: MenuItem['kind'] = 'click'): MenuItem {
  return { path: ['互动交流', '在线咨询'], kind, type: kind, target: null, fields: { key }, menu: defaultMenu };
}

async function setup(t: ExecutionContext, mode: Mode, replies: Record<string, ReplyBehaviour>, serverToken = token) {
  const server = await startAccountServer({ token: serverToken, mode, encodingAESKey, appId, replies });
  t.teardown(() => server.close());
  const checked: string[] = [];
  const account: AccountConfig = {
    name: '扎兰屯12333',
    platform: 'wechat-subscription',
    owners: [],
    domains: ['zlt.gov.cn'],
    appId,
    originalId: 'gh_5a1b2c3d4e5f',
    server: {
      url: server.url,
      thirdParty: false,
      mode,
      token: new Secret(token, 'env:T'),
      ...(mode === 'plain' ? {} : { encodingAESKey: new Secret(encodingAESKey, 'env:K') }),
    },
  };
  const ctx: CheckContext = {
    account,
    menuSource: 'inventory',
    api: null,
    probeOpenId: 'o_menu-patrol_self-check',
    apiCache: recordCache({}, () => new Date()),
    now: () => new Date('2026-11-26T01:00:00Z'),
    checkLink: async (url) => {
      checked.push(url);
      return verdictOf(url.includes('gone') ? [problem('http-error', 'HTTP 404', { url })] : []);
    },
  };
  return { server, ctx, checked };
}

const codes = (v: { problems: readonly { code: string }[] }) => v.problems.map((p) => p.code);

for (const mode of ['plain', 'safe', 'compat'] as const) {
  test(`clickChecker ${mode}: a text reply within 5 s is ok, and the push looks like WeChat's`, async (t) => {
    const { server, ctx } = await setup(t, mode, { ZIXUN: { kind: 'text', content: '您好，请留言，工作人员会在1个工作日内回复。' } });
    const verdict = await clickChecker.check(item('ZIXUN'), ctx);
    t.is(verdict.status, 'ok');
    t.regex(verdict.note ?? '', /请留言/);
    const push = server.pushes[0]!;
    t.is(push.query.openid, 'o_menu-patrol_self-check');
    t.is(push.query.encrypt_type, mode === 'plain' ? undefined : 'aes');
    t.regex(push.event, /<Event><!\[CDATA\[CLICK\]\]><\/Event><EventKey><!\[CDATA\[ZIXUN\]\]><\/EventKey>/);
    t.regex(push.event, /<ToUserName><!\[CDATA\[gh_5a1b2c3d4e5f\]\]>/);
  });

  test(`clickChecker ${mode}: success or an empty body for a CLICK needs a person's confirmation, saying what the server answered`, async (t) => {
    const { ctx } = await setup(t, mode, { A: { kind: 'success' }, B: { kind: 'empty' } });
    const success = await clickChecker.check(item('A'), ctx);
    const empty = await clickChecker.check(item('B'), ctx);
    t.is(success.status, 'warn');
    t.deepEqual(codes(success), ['click-unconfirmed']);
    t.like(success.problems[0]!.evidence, { status: 200, bytes: 7, reply: 'success', answer: 'success', key: 'A' });
    t.deepEqual(codes(empty), ['click-unconfirmed']);
    t.like(empty.problems[0]!.evidence, { status: 200, bytes: 0, reply: '', answer: 'empty', key: 'B' });
  });

  test(`clickChecker ${mode}: a reply after the deadline (WeChat's 5 s) is click-timeout`, async (t) => {
    const { ctx } = await setup(t, mode, { SLOW: { kind: 'text', content: '迟到的回复', delayMs: 1500 }, HANG: { kind: 'hang' } });
    // A short deadline: what matters is that the checker stops waiting at it, not how long WeChat's is.
    const short = { ...ctx, clickReplyDeadlineMs: 200 };
    const [slow, hang] = await Promise.all([clickChecker.check(item('SLOW'), short), clickChecker.check(item('HANG'), short)]);
    t.deepEqual(codes(slow), ['click-timeout']);
    t.deepEqual(codes(hang), ['click-timeout']);
    t.regex(slow.problems[0]!.message, /（等了 \d+\.\d 秒没有回复）$/);
  });

  test(`clickChecker ${mode}: JSON, a 10 MB answer and a 500 are failures with evidence`, async (t) => {
    const { ctx } = await setup(t, mode, { J: { kind: 'json' }, H: { kind: 'huge', bytes: 10 * 1024 * 1024 }, E: { kind: 'status', status: 500 } });
    const json = await clickChecker.check(item('J'), ctx);
    t.deepEqual(codes(json), ['click-bad-reply']);
    t.regex(String(json.problems[0]!.evidence.reply), /reply/);
    t.deepEqual(codes(await clickChecker.check(item('H'), ctx)), ['click-bad-reply']);
    const error = await clickChecker.check(item('E'), ctx);
    t.deepEqual(codes(error), ['click-server-error']);
    t.is(error.problems[0]!.evidence.status, 500);
  });

  test(`clickChecker ${mode}: links inside a news reply are checked too`, async (t) => {
    const { ctx, checked } = await setup(t, mode, {
      NEWS: { kind: 'news', articles: [{ title: '社保缴费指南', url: 'https://rsj.zlt.gov.cn/ok' }, { title: '旧通知', url: 'https://rsj.zlt.gov.cn/gone' }] },
    });
    const verdict = await clickChecker.check(item('NEWS'), ctx);
    t.deepEqual(checked, ['https://rsj.zlt.gov.cn/ok', 'https://rsj.zlt.gov.cn/gone']);
    t.deepEqual(codes(verdict), ['http-error']);
  });

  test(`clickChecker ${mode}: a server with another token reports a signature mismatch`, async (t) => {
    const { ctx } = await setup(t, mode, { ZIXUN: { kind: 'text', content: '您好' } }, 'another-token');
    const verdict = await clickChecker.check(item('ZIXUN'), ctx);
    t.deepEqual(codes(verdict), ['click-server-error']);
    t.is(verdict.problems[0]!.evidence.status, 401);
  });
}

test('clickChecker safe: a reply with a wrong MsgSignature is click-bad-reply', async (t) => {
  const { ctx } = await setup(t, 'safe', { X: { kind: 'bad-signature' } });
  const verdict = await clickChecker.check(item('X'), ctx);
  t.deepEqual(codes(verdict), ['click-bad-reply']);
  t.regex(verdict.problems[0]!.message, /MsgSignature/);
});

test('clickChecker: a location or photo item may stay silent', async (t) => {
  const { server, ctx } = await setup(t, 'plain', { LOC: { kind: 'success' } });
  const verdict = await clickChecker.check(item('LOC', 'location_select'), ctx);
  t.is(verdict.status, 'ok');
  t.regex(server.pushes[0]!.event, /<SendLocationInfo>/);
});

test('clickChecker: an unreachable server is click-server-error', async (t) => {
  const { server, ctx } = await setup(t, 'plain', {});
  await server.close();
  t.deepEqual(codes(await clickChecker.check(item('ZIXUN'), ctx)), ['click-server-error']);
});

test('clickChecker: without server config the item is skipped with what to configure, never ok', async (t) => {
  const { ctx } = await setup(t, 'plain', {});
  const { server: _omit, ...account } = ctx.account;
  const verdict = await clickChecker.check(item('ZIXUN'), { ...ctx, account });
  t.is(verdict.status, 'skipped');
  t.regex(verdict.note ?? '', /server/);
});

test('clickChecker: a confirmed key is ok while the server answers the same way, and judged afresh once it does not', async (t) => {
  const { server, ctx } = await setup(t, 'plain', { A: { kind: 'success' } });
  const confirmed = { ...ctx, clickConfirmations: { byKey: { A: { answer: 'success' as const, by: '王明', at: '2026-11-25T17:00:00.000Z' } }, timeZone: 'Asia/Shanghai' } };
  const ok = await clickChecker.check(item('A'), confirmed);
  t.is(ok.status, 'ok');
  t.regex(ok.note ?? '', /^已人工确认（2026-11-26，王明）/);
  server.setReply('A', { kind: 'empty' });
  t.deepEqual(codes(await clickChecker.check(item('A'), confirmed)), ['click-unconfirmed']);
  server.setReply('A', { kind: 'status', status: 502 });
  t.deepEqual(codes(await clickChecker.check(item('A'), confirmed)), ['click-server-error']);
});

test('clickChecker: a 第三方平台 server whose keys the office lacks is not probed; the note says what to ask the vendor for', async (t) => {
  const { server, ctx } = await setup(t, 'safe', { ZIXUN: { kind: 'text', content: '您好' } });
  const account = { ...ctx.account, server: { url: server.url, thirdParty: true, mode: 'safe' as const, token: new Secret(token, 'env:T') } };
  const verdict = await clickChecker.check(item('ZIXUN'), { ...ctx, account });
  t.is(verdict.status, 'skipped');
  t.is(
    verdict.note,
    '巡检程序还缺少 消息加解密 Key（EncodingAESKey）、第三方平台自己的 AppID，没有模拟点击。这个公众号的服务器由第三方平台托管，请向第三方平台（服务商）索取后填写在本账号的配置里，就能检查这个菜单。在那之前，请在手机微信里点一下这个菜单，确认有正常回复。',
  );
  t.is(server.pushes.length, 0, 'nothing is sent without the keys');
});
