import { createHmac } from 'node:crypto';
import test, { type ExecutionContext } from 'ava';
import { Secret } from '../../config/secret.ts';
import { createFeishuNotifier, feishuSignature } from '../../notifiers/feishu.ts';
import { digest, shortMessage } from './digest.ts';
import { fakeClock } from './fake-clock.ts';
import { startReceiver, type Reply } from './receiver.ts';

const hookToken = 'feishu-hook-9d27c4e0';
const secret = 'feishu-demo-secret';
const ok: Reply = { json: { code: 0, msg: 'success', data: {} } };

/**
 * Worked out by hand with openssl, independently of node:crypto (key = "1700000000\nfeishu-demo-secret", data empty):
 * printf '' | openssl dgst -sha256 -mac HMAC -macopt hexkey:$(printf '1700000000\nfeishu-demo-secret' | xxd -p) -binary | base64
 */
const knownSign = 'LJ3PlcwviZMXQxiZQ4Jou4SlI9YJEmjE2SI9xcS1EG0=';

async function setup(t: ExecutionContext, options: { signed?: boolean; script?: readonly Reply[] } = {}) {
  const receiver = await startReceiver(t, ok, options.script);
  // 123 ms past the second: the timestamp is whole seconds, rounded down.
  const clock = fakeClock(1_700_000_000_123);
  const notifier = createFeishuNotifier({
    name: '信息中心',
    hookToken: new Secret(hookToken, 'env:FEISHU_HOOK'),
    ...(options.signed ? { secret: new Secret(secret, 'env:FEISHU_SECRET') } : {}),
    baseUrl: receiver.baseUrl,
    ...clock,
  });
  return { receiver, notifier };
}

test('a post with the title and one text row per line, POSTed to /open-apis/bot/v2/hook/<token>', async (t) => {
  const { receiver, notifier } = await setup(t);
  t.deepEqual(await notifier.send(shortMessage), { ok: true, parts: 1 });
  const [request] = receiver.requests;
  t.is(request?.method, 'POST');
  t.is(request?.url, `/open-apis/bot/v2/hook/${hookToken}`);
  t.regex(request?.headers['content-type'] ?? '', /^application\/json/);
  t.deepEqual(request?.body, {
    msg_type: 'post',
    content: {
      post: {
        zh_cn: {
          title: '【菜单巡检】扎兰屯12333 有 2 个菜单打不开',
          content: [[{ tag: 'text', text: '办事服务 › 社保查询：页面不存在（404）' }], [{ tag: 'text', text: '便民服务 › 公积金：网站无法访问' }]],
        },
      },
    },
  });
});

test('mentions become a row of "at" tags by user id (mobiles cannot be @-ed by a custom bot)', async (t) => {
  const { receiver, notifier } = await setup(t);
  await notifier.send({ ...shortMessage, mentions: { userIds: ['ou_7d8a6e6df7621556ce0d21922b676706'], mobiles: ['13800000000'], all: true } });
  const rows = receiver.requests[0]?.body.content.post.zh_cn.content;
  t.deepEqual(rows.at(-1), [
    { tag: 'at', user_id: 'ou_7d8a6e6df7621556ce0d21922b676706' },
    { tag: 'at', user_id: 'all' },
  ]);
  t.false(JSON.stringify(rows).includes('13800000000'));
});

test('signed bots get timestamp (s) and sign in the body, which the receiver can verify', async (t) => {
  const { receiver, notifier } = await setup(t, { signed: true });
  await notifier.send(shortMessage);
  const body = receiver.requests[0]!.body;
  t.is(body.timestamp, '1700000000');
  // The receiver's own check, written from Feishu's recipe rather than shared with the code under test.
  const expected = createHmac('sha256', Buffer.from(`${body.timestamp}\n${secret}`, 'utf8')).update(Buffer.alloc(0)).digest('base64');
  t.is(body.sign, expected);
  t.is(expected, knownSign);
  t.is(feishuSignature(secret, '1700000000'), knownSign);
  t.is(body.msg_type, 'post');
});

test('a non-zero code (new or old reply shape, 200 or 400) is a failure; frequency limits are retryable', async (t) => {
  const cases: [Reply, boolean, string][] = [
    [{ json: { code: 9499, msg: 'too many request', data: {} } }, true, 'code 9499: too many request'],
    [{ json: { code: 11232, msg: 'frequency limited', data: {} } }, true, 'code 11232: frequency limited'],
    [{ status: 400, json: { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' } }, false, 'HTTP 400, code 19021: sign match fail or timestamp is not within one hour from current time'],
    [{ json: { code: 19024, msg: 'Key Words Not Found' } }, false, 'code 19024: Key Words Not Found'],
    [{ json: { Extra: null, StatusCode: 19001, StatusMessage: 'param invalid: incoming webhook access token invalid' } }, false, 'StatusCode 19001: param invalid: incoming webhook access token invalid'],
  ];
  for (const [reply, retryable, detail] of cases) {
    const { notifier } = await setup(t, { script: [reply] });
    t.like(await notifier.send(shortMessage), { ok: false, retryable, reason: retryable ? 'rate-limited' : 'rejected', detail }, detail);
  }
});

test('the older success reply (StatusCode 0) counts as delivered', async (t) => {
  const { notifier } = await setup(t, { script: [{ json: { Extra: null, StatusCode: 0, StatusMessage: 'success' } }] });
  t.deepEqual(await notifier.send(shortMessage), { ok: true, parts: 1 });
});

test('a long digest goes as numbered posts whose whole JSON body is at most 20 000 bytes', async (t) => {
  const { receiver, notifier } = await setup(t, { signed: true });
  // Quotes and backslashes grow when JSON-escaped: the split must count them.
  const base = digest(400, { userIds: ['ou_1'] });
  const message = { ...base, text: base.text.replaceAll('请核对链接', '请核对"链接"\\') };
  const result = await notifier.send(message);
  const bodies = receiver.requests.map((r) => r.body);
  t.true(bodies.length > 1);
  t.deepEqual(result, { ok: true, parts: bodies.length });
  bodies.forEach((body, i) => {
    t.true(Buffer.byteLength(JSON.stringify(body)) <= 20_000, `part ${i + 1}: ${Buffer.byteLength(JSON.stringify(body))} bytes`);
    t.is(body.content.post.zh_cn.title, `${message.title}（${i + 1}/${bodies.length}）`);
  });
  const lines = bodies.flatMap((b) => b.content.post.zh_cn.content.filter((row: any) => row[0].tag === 'text').map((row: any) => row[0].text));
  t.deepEqual(lines, message.text.split('\n'));
});
