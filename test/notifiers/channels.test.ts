import { inspect } from 'node:util';
import test from 'ava';
import { Secret } from '../../config/secret.ts';
import { createDingtalkNotifier } from '../../notifiers/dingtalk.ts';
import { createFeishuNotifier } from '../../notifiers/feishu.ts';
import type { ChannelType } from '../../notifiers/registry.ts';
import type { Notifier, OutgoingMessage } from '../../notifiers/types.ts';
import type { DeliveryOptions } from '../../notifiers/webhook-notifier.ts';
import { createWecomNotifier } from '../../notifiers/wecom.ts';
import { closedPort } from '../http/helpers.ts';
import { digest, shortMessage } from './digest.ts';
import { fakeClock } from './fake-clock.ts';
import { startReceiver, type Reply } from './receiver.ts';

/** Unique strings, so finding one anywhere in a result can only mean a leak. */
const seeded = {
  wecomKey: 'LEAK-wecom-key-0e7d51',
  dingToken: 'LEAK-ding-token-a93c02',
  dingSecret: 'SEC-LEAK-ding-secret+/=4f1b',
  feishuToken: 'LEAK-feishu-token-77b3e9',
  feishuSecret: 'LEAK-feishu-secret-c2d8a6',
};

interface ChannelCase {
  readonly type: ChannelType;
  /** The seeded values this channel is given. */
  readonly secrets: readonly string[];
  readonly ok: Reply;
  /** A rate-limit reply: retryable. */
  readonly tooFast: Reply;
  /** A permanent rejection whose message says `text`. */
  readonly rejected: (text: string) => Reply;
  readonly make: (baseUrl: string, options?: DeliveryOptions) => Notifier;
  readonly titleOf: (body: any) => string;
}

const channels: readonly ChannelCase[] = [
  {
    type: 'wecom',
    secrets: [seeded.wecomKey],
    ok: { json: { errcode: 0, errmsg: 'ok' } },
    tooFast: { json: { errcode: 45009, errmsg: 'api freq out of limit' } },
    rejected: (text) => ({ json: { errcode: 93000, errmsg: text } }),
    make: (baseUrl, options) => createWecomNotifier({ name: '企业微信群', key: new Secret(seeded.wecomKey, 'env:K'), baseUrl, ...options }),
    titleOf: (body) => body.markdown.content.split('\n')[0].slice(4),
  },
  {
    type: 'dingtalk',
    secrets: [seeded.dingToken, seeded.dingSecret],
    ok: { json: { errcode: 0, errmsg: 'ok' } },
    tooFast: { json: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } },
    rejected: (text) => ({ json: { errcode: 310000, errmsg: text } }),
    make: (baseUrl, options) =>
      createDingtalkNotifier({
        name: '钉钉群',
        accessToken: new Secret(seeded.dingToken, 'env:T'),
        secret: new Secret(seeded.dingSecret, 'env:S'),
        baseUrl,
        ...options,
      }),
    titleOf: (body) => body.markdown.title,
  },
  {
    type: 'feishu',
    secrets: [seeded.feishuToken, seeded.feishuSecret],
    ok: { json: { code: 0, msg: 'success', data: {} } },
    tooFast: { json: { code: 11232, msg: 'frequency limited', data: {} } },
    rejected: (text) => ({ status: 400, json: { code: 19021, msg: text, data: {} } }),
    make: (baseUrl, options) =>
      createFeishuNotifier({
        name: '飞书群',
        hookToken: new Secret(seeded.feishuToken, 'env:H'),
        secret: new Secret(seeded.feishuSecret, 'env:S'),
        baseUrl,
        ...options,
      }),
    titleOf: (body) => body.content.post.zh_cn.title,
  },
];

for (const channel of channels) {
  const { type, secrets } = channel;
  // A fake clock unless a test brings its own: multi-part tests go past 20 a minute and must not wait for real.
  const make = (baseUrl: string, options: DeliveryOptions = fakeClock()) => channel.make(baseUrl, options);

  test(`${type} › HTTP 500 is a retryable failure`, async (t) => {
    const receiver = await startReceiver(t, { status: 500, raw: '<html>Internal Server Error</html>' });
    t.deepEqual(await make(receiver.baseUrl).send(shortMessage), { ok: false, retryable: true, reason: 'server-error', code: { http: 500 }, detail: 'HTTP 500' });
  });

  test(`${type} › connection refused is a retryable failure`, async (t) => {
    const notifier = make(`http://127.0.0.1:${await closedPort()}`);
    t.deepEqual(await notifier.send(shortMessage), { ok: false, retryable: true, reason: 'network', code: { network: 'ECONNREFUSED' }, detail: 'network error ECONNREFUSED' });
  });

  test(`${type} › a 200 that is not a robot reply is not success`, async (t) => {
    const receiver = await startReceiver(t, { raw: '<html>请先登录上网认证</html>' });
    t.deepEqual(await make(receiver.baseUrl).send(shortMessage), {
      ok: false,
      retryable: false,
      reason: 'not-robot',
      detail: 'reply has no result code: not a robot endpoint?',
    });
  });

  test(`${type} › no key, token or secret ever appears in a detail, even when the platform echoes them`, async (t) => {
    const echo = `token ${secrets.join(' ')} encoded ${secrets.map(encodeURIComponent).join(' ')}`;
    const receiver = await startReceiver(t, channel.ok, [channel.rejected(echo), { status: 502, json: channel.rejected(echo).json }, channel.tooFast]);
    const notifier = make(receiver.baseUrl);
    const results = [
      await notifier.send(shortMessage),
      await notifier.send(shortMessage),
      await notifier.send(shortMessage),
      await make(`http://127.0.0.1:${await closedPort()}`).send(shortMessage),
    ];
    t.true(results.every((r) => !r.ok));
    t.regex(JSON.stringify(results[0]), /\*\*\*/, 'the echo is masked, not dropped');
    const everything = [JSON.stringify(results), inspect(results, { depth: 9 }), JSON.stringify(notifier), inspect(notifier, { depth: 9 })].join('\n');
    for (const secret of secrets) {
      t.false(everything.includes(secret), secret);
      t.false(everything.includes(encodeURIComponent(secret)), secret);
    }
  });

  test(`${type} › the 21st message in a minute waits for the rolling window (20 a minute by default)`, async (t) => {
    const receiver = await startReceiver(t, channel.ok);
    const clock = fakeClock();
    const requestsWhenSleeping: number[] = [];
    const notifier = make(receiver.baseUrl, {
      now: clock.now,
      sleep: (ms) => {
        requestsWhenSleeping.push(receiver.requests.length);
        return clock.sleep(ms);
      },
    });
    for (let i = 0; i < 21; i++) t.deepEqual(await notifier.send(shortMessage), { ok: true, parts: 1 });
    t.is(receiver.requests.length, 21);
    t.deepEqual(clock.sleeps, [60_000]);
    t.deepEqual(requestsWhenSleeping, [20], 'the wait came after the 20th request, before the 21st');
  });

  test(`${type} › a part that fails stops the message and says how much was delivered`, async (t) => {
    const receiver = await startReceiver(t, channel.ok, [channel.ok, channel.tooFast]);
    const result = await make(receiver.baseUrl).send(digest(1200));
    t.false(result.ok);
    if (!result.ok) {
      t.true(result.retryable);
      t.regex(result.detail, /^part 2\/\d+ \(1 delivered\): /);
    }
    t.is(receiver.requests.length, 2);
  });

  test(`${type} › parts of messages sent at the same time never interleave`, async (t) => {
    const receiver = await startReceiver(t, channel.ok);
    const notifier = make(receiver.baseUrl);
    const first: OutgoingMessage = { ...digest(1200), title: '【菜单巡检】甲' };
    const second: OutgoingMessage = { ...digest(1200), title: '【菜单巡检】乙' };
    const [a, b] = await Promise.all([notifier.send(first), notifier.send(second)]);
    t.true(a.ok && b.ok && a.parts > 1 && b.parts > 1);
    const titles = receiver.requests.map((r) => channel.titleOf(r.body));
    const firstCount = a.ok ? a.parts : 0;
    t.deepEqual(
      titles,
      [...Array.from({ length: firstCount }, (_, i) => `【菜单巡检】甲（${i + 1}/${firstCount}）`), ...titles.slice(firstCount).map((_, i, rest) => `【菜单巡检】乙（${i + 1}/${rest.length}）`)],
    );
  });

  test(`${type} › a message whose title alone is too big is refused without sending`, async (t) => {
    const receiver = await startReceiver(t, channel.ok);
    const result = await make(receiver.baseUrl).send({ ...shortMessage, title: '标题'.repeat(4000) });
    t.like(result, { ok: false, retryable: false });
    t.regex(result.ok ? '' : result.detail, /^message does not fit: /);
    t.is(receiver.requests.length, 0);
  });
}
