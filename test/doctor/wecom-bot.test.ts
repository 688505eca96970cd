import test from 'ava';
import { Secret } from '../../config/secret.ts';
import { checkWecomBot } from '../../doctor/channels/wecom-bot.ts';
import { startFakeWecomBot } from '../../sandbox/gateways/wecom-bot.ts';
import { reservePort } from '../../sandbox/listen.ts';

test('the WeCom robot: the right secret subscribes, a wrong one is a plain ✗ with where to look, an unreachable address says so; the secret is never shown', async (t) => {
  const fake = await startFakeWecomBot();
  t.teardown(() => fake.close());
  const channel = (secret: string, wsUrl = fake.wsUrl) => ({ name: '企业微信机器人', botId: fake.botId, secret: new Secret(secret, 'env:WECOM_BOT_SECRET'), wsUrl });
  t.like(await checkWecomBot(channel(fake.secret)), { mark: 'ok', topic: '企业微信智能机器人', subject: '企业微信机器人' });
  const wrong = await checkWecomBot(channel('not-the-secret-0000'));
  t.like(wrong, { mark: 'fail' });
  t.is(wrong.found, '身份验证没有通过（错误码 40001）');
  t.regex(wrong.fix ?? '', /核对 Bot ID 和 Secret/);
  t.false(JSON.stringify(wrong).includes('not-the-secret-0000'));
  const port = await reservePort();
  t.like(await checkWecomBot(channel(fake.secret, `ws://127.0.0.1:${port}`)), { mark: 'fail', found: `连不上 127.0.0.1:${port}` });
  t.is(fake.subscribes.total, 2);
});
