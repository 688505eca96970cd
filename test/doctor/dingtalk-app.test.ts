import test from 'ava';
import { Secret } from '../../config/secret.ts';
import { checkDingtalkApp } from '../../doctor/channels/dingtalk-app.ts';
import { startFakeDingtalk } from '../../sandbox/gateways/dingtalk-stream.ts';

test('the DingTalk app robot: the right secret gets a token, a wrong one a plain ✗ with where to look, and the secret is never shown', async (t) => {
  const fake = await startFakeDingtalk();
  t.teardown(() => fake.close());
  const channel = (secret: string) => ({ name: '钉钉应用', clientId: fake.clientId, clientSecret: new Secret(secret, 'env:DING_APP_SECRET'), robotCode: fake.clientId, baseUrl: fake.baseUrl });
  t.like(await checkDingtalkApp(channel(fake.clientSecret)), { mark: 'ok', topic: '钉钉应用机器人', subject: '钉钉应用' });
  const wrong = await checkDingtalkApp(channel('not-the-secret-0000'));
  t.like(wrong, { mark: 'fail' });
  t.regex(wrong.found, /Client ID 和 Client Secret/);
  t.false(JSON.stringify(wrong).includes('not-the-secret-0000'));
});
