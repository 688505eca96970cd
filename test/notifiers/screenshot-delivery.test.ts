import type { EventEmitter } from 'node:events';
import test from 'ava';
import { WechatyBuilder } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { createDeliverer } from '../../bot/deliverer.ts';
import { Secret } from '../../config/secret.ts';
import { createDingtalkAppNotifier } from '../../notifiers/dingtalk-app.ts';
import { createDingtalkNotifier } from '../../notifiers/dingtalk.ts';
import { createFeishuNotifier } from '../../notifiers/feishu.ts';
import { startFakeDingtalk } from '../../sandbox/gateways/dingtalk-stream.ts';
import { isImage, screenshotFile } from '../helpers/screenshot-file.ts';
import { until } from '../helpers/until.ts';
import { shortMessage } from './digest.ts';
import { startReceiver } from './receiver.ts';

test('personal WeChat: the digest, then the screenshot as a picture; a missing file leaves the text alone', async (t) => {
  const mocker = new mock.Mocker();
  const bot = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) });
  t.teardown(() => bot.stop());
  await bot.start();
  const me = mocker.createContact({ name: '巡检机器人' });
  mocker.createContact({ name: '王明', alias: '王明-人社局' });
  const loggedIn = new Promise((resolve) => bot.once('login', resolve));
  mocker.login(me);
  await loggedIn;
  const sent: { text: string; file?: Buffer }[] = [];
  (me as unknown as EventEmitter).on('message', (m: mock.MessageMock) => {
    if (m.talker()?.id !== me.id) return;
    const box = mocker.cacheFileBoxPayload.get(m.id);
    sent.push({ text: m.text() ?? '', ...(box && 'base64' in box ? { file: Buffer.from(box.base64, 'base64') } : {}) });
  });
  const shot = await screenshotFile(t);
  const deliverer = createDeliverer(bot, new Map());
  const result = await deliverer.deliver({ kind: 'person', name: '王明', remark: '王明-人社局' }, { ...shortMessage, images: ['/nonexistent/evidence.jpg', shot.path] }, 'm1');
  t.deepEqual(result, { ok: true, parts: 2 });
  await until(() => sent.length === 2, 'the text and the picture');
  t.regex(sent[0]?.text ?? '', /^【菜单巡检】扎兰屯12333 有 2 个菜单打不开/);
  t.true(isImage(sent[1]?.file ?? Buffer.alloc(0)));
  t.is(sent[1]?.file?.length, shot.data.length);
});

test('DingTalk app robot: the picture is uploaded (media/upload) and sent as sampleImageMsg after the digest', async (t) => {
  const fake = await startFakeDingtalk();
  t.teardown(() => fake.close());
  const notifier = createDingtalkAppNotifier({ name: '钉钉应用', clientId: fake.clientId, clientSecret: new Secret(fake.clientSecret, 'env:DING_APP_SECRET'), robotCode: fake.clientId, baseUrl: fake.baseUrl });
  const shot = await screenshotFile(t);
  t.deepEqual(await notifier.send({ ...shortMessage, images: [shot.path] }, { userId: 'staff-owner' }), { ok: true, parts: 2 });
  const [text, picture] = fake.said;
  t.regex(text?.text ?? '', /社保查询/);
  t.is(picture?.to, 'staff-owner');
  t.true(isImage(picture?.image ?? Buffer.alloc(0)));
  t.deepEqual(picture?.image, shot.data);
});

test('robots that cannot carry a picture (DingTalk and Feishu group robots) send the text alone, and succeed', async (t) => {
  const ok = { json: { errcode: 0, code: 0, msg: 'success', StatusCode: 0 } };
  const shot = await screenshotFile(t);
  for (const create of [
    (baseUrl: string) => createDingtalkNotifier({ name: '钉钉群', accessToken: new Secret('ding-token', 'env:DING_TOKEN'), baseUrl }),
    (baseUrl: string) => createFeishuNotifier({ name: '飞书群', hookToken: new Secret('feishu-token', 'env:FEISHU_TOKEN'), baseUrl }),
  ]) {
    const receiver = await startReceiver(t, ok);
    const result = await create(receiver.baseUrl).send({ ...shortMessage, images: [shot.path] });
    t.deepEqual(result, { ok: true, parts: 1 });
    t.is(receiver.requests.length, 1);
    t.false(JSON.stringify(receiver.requests[0]?.body).includes(shot.data.toString('base64').slice(0, 40)));
  }
});
