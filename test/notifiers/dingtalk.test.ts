import { createHmac } from 'node:crypto';
import test, { type ExecutionContext } from 'ava';
import { Secret } from '../../config/secret.ts';
import { createDingtalkNotifier, dingtalkSignature } from '../../notifiers/dingtalk.ts';
import { digest, shortMessage } from './digest.ts';
import { fakeClock } from './fake-clock.ts';
import { startReceiver, type Reply } from './receiver.ts';

const accessToken = 'ding-token-3b8f0d21';
const secret = 'SECdemo-sign-secret';
const ok: Reply = { json: { errcode: 0, errmsg: 'ok' } };

/**
 * Worked out by hand with openssl, independently of node:crypto:
 * printf '1700000000000\nSECdemo-sign-secret' | openssl dgst -sha256 -hmac 'SECdemo-sign-secret' -binary | base64
 * (Python's hmac/base64/quote_plus, as in DingTalk's own sample, gives the same.)
 */
const knownSign = 'b05YnFzJdz1ueu5+eOtw2EdKdwfsD/NW5WsKiPPRTKY=';

async function setup(t: ExecutionContext, options: { signed?: boolean; script?: readonly Reply[] } = {}) {
  const receiver = await startReceiver(t, ok, options.script);
  const clock = fakeClock(1_700_000_000_000);
  const notifier = createDingtalkNotifier({
    name: '值班群',
    accessToken: new Secret(accessToken, 'env:DING_TOKEN'),
    ...(options.signed ? { secret: new Secret(secret, 'env:DING_SECRET') } : {}),
    baseUrl: receiver.baseUrl,
    ...clock,
  });
  return { receiver, notifier };
}

test('markdown with title and text, POSTed to /robot/send?access_token= (unsigned robot)', async (t) => {
  const { receiver, notifier } = await setup(t);
  t.deepEqual(await notifier.send(shortMessage), { ok: true, parts: 1 });
  const [request] = receiver.requests;
  t.is(request?.method, 'POST');
  t.is(request?.url, `/robot/send?access_token=${accessToken}`);
  t.deepEqual(request?.body, {
    msgtype: 'markdown',
    markdown: {
      title: '【菜单巡检】扎兰屯12333 有 2 个菜单打不开',
      text:
        '### 【菜单巡检】扎兰屯12333 有 2 个菜单打不开\n' +
        '- **办事服务 › 社保查询**：页面不存在（404）\n' +
        '- **便民服务 › 公积金**：网站无法访问',
    },
  });
});

test('mentions go in "at" and are named in the text so DingTalk renders them', async (t) => {
  const { receiver, notifier } = await setup(t);
  await notifier.send({ ...shortMessage, mentions: { mobiles: ['13800000000'], userIds: ['manager01'] } });
  const body = receiver.requests[0]?.body;
  t.deepEqual(body.at, { atMobiles: ['13800000000'], atUserIds: ['manager01'], isAtAll: false });
  t.true(body.markdown.text.endsWith('网站无法访问\n\n@13800000000 @manager01'));
});

test('signed robots get timestamp (ms) and the url-encoded sign, which the receiver can verify', async (t) => {
  const { receiver, notifier } = await setup(t, { signed: true });
  await notifier.send(shortMessage);
  const url = receiver.requests[0]!.url;
  const query = new URL(url, 'http://receiver').searchParams;
  t.is(query.get('access_token'), accessToken);
  t.is(query.get('timestamp'), '1700000000000');
  // The receiver's own check, written from DingTalk's recipe rather than shared with the code under test.
  const timestamp = query.get('timestamp')!;
  const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(`${timestamp}\n${secret}`, 'utf8')).digest('base64');
  t.is(query.get('sign'), expected);
  t.is(expected, knownSign);
  // urlencode(base64): + / = are percent-encoded on the wire.
  t.true(url.endsWith('&sign=b05YnFzJdz1ueu5%2BeOtw2EdKdwfsD%2FNW5WsKiPPRTKY%3D'));
  t.is(dingtalkSignature(secret, '1700000000000'), knownSign);
});

test('a 200 reply with a non-zero errcode is a failure; "send too fast" and busy are retryable', async (t) => {
  const cases: [number, string, boolean][] = [
    [130101, 'send too fast, exceed 20 times per minute', true],
    [410100, 'send too fast', true],
    [-1, 'system busy', true],
    [310000, 'sign not match', false],
    [300001, 'token is not exist', false],
    [400102, 'robot disabled', false],
  ];
  for (const [errcode, errmsg, retryable] of cases) {
    const { notifier } = await setup(t, { script: [{ json: { errcode, errmsg } }] });
    t.deepEqual(
      await notifier.send(shortMessage),
      { ok: false, retryable, reason: retryable ? 'rate-limited' : 'rejected', code: { errcode }, detail: `errcode ${errcode}: ${errmsg}` },
      String(errcode),
    );
  }
});

test('a long digest goes as numbered parts whose whole request body is at most 20 000 bytes, each signed afresh', async (t) => {
  const { receiver, notifier } = await setup(t, { signed: true });
  const message = digest(400, { mobiles: ['13800000000'] });
  const result = await notifier.send(message);
  const bodies = receiver.requests.map((r) => r.body);
  t.true(bodies.length > 1);
  t.deepEqual(result, { ok: true, parts: bodies.length });
  t.true(receiver.requests.every((r) => r.bytes <= 20_000), receiver.requests.map((r) => r.bytes).join());
  bodies.forEach((body, i) => {
    t.is(body.markdown.title, `${message.title}（${i + 1}/${bodies.length}）`);
    t.is('at' in body, i === 0, 'only the first part pings');
  });
  t.true(receiver.requests.every((r) => new URL(r.url, 'http://receiver').searchParams.has('sign')));
  const numbers = bodies.flatMap((b) => [...b.markdown.text.matchAll(/^- (\d+)\./gm)].map((m) => Number(m[1])));
  t.deepEqual(numbers, Array.from({ length: 400 }, (_, i) => i + 1));
});

test('what DingTalk counts is the request body: short lines full of quotes, which grow when JSON-escaped, still fit', async (t) => {
  // DingTalk refuses a body over 20 000 bytes with 460101, whatever the text alone measures.
  const receiver = await startReceiver(t, ok);
  const lines = Array.from({ length: 2000 }, (_, i) => `"${i}"\\`);
  const notifier = createDingtalkNotifier({ name: '值班群', accessToken: new Secret(accessToken, 'env:DING_TOKEN'), baseUrl: receiver.baseUrl, ...fakeClock(1_700_000_000_000) });
  const message = { title: '【菜单巡检】汇总', text: lines.join('\n'), markdown: lines.join('\n') };
  t.true(Buffer.byteLength(message.markdown) < 20_000 && Buffer.byteLength(JSON.stringify(message.markdown)) > 20_000, 'the text alone would pass a text-only check');
  const result = await notifier.send(message);
  t.true(receiver.requests.every((r) => r.bytes <= 20_000), receiver.requests.map((r) => r.bytes).join());
  t.deepEqual(result, { ok: true, parts: receiver.requests.length });
  t.true(receiver.requests.length >= 2);
  const sent = receiver.requests.flatMap((r) => (r.body.markdown.text as string).split('\n').slice(1));
  t.deepEqual(sent, lines, 'every line, in order, none cut');
});
