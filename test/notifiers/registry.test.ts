import test from 'ava';
import { Secret } from '../../config/secret.ts';
import { createNotifier, type ChannelConfig } from '../../notifiers/registry.ts';
import { shortMessage } from './digest.ts';
import { startReceiver } from './receiver.ts';

test('createNotifier builds the notifier of each channel type, pointed at its endpoint', async (t) => {
  const receiver = await startReceiver(t, { json: { errcode: 0, code: 0 } });
  const configs: ChannelConfig[] = [
    { type: 'wecom', name: '企业微信群', key: new Secret('k1', 'env:K'), baseUrl: receiver.baseUrl },
    { type: 'dingtalk', name: '钉钉群', accessToken: new Secret('t2', 'env:T'), secret: new Secret('s2', 'env:S'), baseUrl: receiver.baseUrl },
    { type: 'feishu', name: '飞书群', hookToken: new Secret('h3', 'env:H'), baseUrl: receiver.baseUrl },
  ];
  for (const config of configs) {
    const notifier = createNotifier(config);
    t.is(notifier.channel, config.type);
    t.is(notifier.name, config.name);
    t.deepEqual(await notifier.send(shortMessage), { ok: true, parts: 1 });
  }
  t.deepEqual(
    receiver.requests.map((r) => r.url.replace(/&timestamp=.*/, '')),
    ['/cgi-bin/webhook/send?key=k1', '/robot/send?access_token=t2', '/open-apis/bot/v2/hook/h3'],
  );
});

test('a malformed base URL fails at setup, not at send time', (t) => {
  t.throws(() => createNotifier({ type: 'wecom', name: '群', key: new Secret('k', 'env:K'), baseUrl: 'not a url' }), { instanceOf: TypeError });
});
