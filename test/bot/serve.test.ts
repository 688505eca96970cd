import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { startService } from '../../bot/serve.ts';
import { parseConfig } from '../../config/load.ts';
import { Store } from '../../store/store.ts';
import { startReceiver } from '../notifiers/receiver.ts';
import { until } from '../helpers/until.ts';

test('with personal WeChat never logged in, the webhook robot still delivers; WeChat messages wait; the session goes beside --db', async (t) => {
  const ding = await startReceiver(t, { json: { errcode: 0, errmsg: 'ok' } });
  const config = parseConfig(
    `
bot: { admins: [{ name: 张丽, remark: 张丽-政务公开办 }], messageGapMs: { min: 0, max: 1 } }
schedule: { quietHours: false }
channels: [{ type: dingtalk, name: 钉钉群, accessToken: env:DING_TOKEN, baseUrl: "${ding.baseUrl}" }]
accounts: [{ name: 扎兰屯12333, platform: wechat-subscription, menu: [{ type: view, name: 首页, url: "https://www.zlt.gov.cn/" }] }]
`,
    'menu-patrol.yaml',
    { DING_TOKEN: 'ding-token' },
  );
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-serve-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  // The data folder does not exist yet: `bot` used to crash here with ENOENT on its session file.
  const store = await Store.open(join(dir, 'not', 'yet', 'menu-patrol.json'));
  const puppet = new PuppetMock({ mocker: new mock.Mocker() });
  const service = await startService({ config, store, log: () => {}, schedules: false, wechat: { puppet } });
  t.teardown(() => service.stop());
  // Nothing is recorded yet: the folder is there for Wechaty's session file (memory card), which it does not create.
  await t.notThrowsAsync(access(join(dir, 'not', 'yet')));

  const message = (title: string) => ({ title, text: title, markdown: title });
  await service.outbox.enqueue([
    { to: { kind: 'person', name: '张丽', remark: '张丽-政务公开办' }, message: message('发往个人微信') },
    { to: { kind: 'channel', name: '钉钉群' }, message: message('发往钉钉群') },
  ]);
  await until(() => ding.requests.length === 1, 'the DingTalk robot message');
  await service.outbox.idle();
  t.is(ding.requests[0]!.body.markdown.title, '发往钉钉群');
  t.deepEqual(
    service.outbox.pending().map((m) => m.message.title),
    ['发往个人微信'],
  );
});
