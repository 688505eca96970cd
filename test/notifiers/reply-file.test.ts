import test, { type ExecutionContext } from 'ava';
import { Secret } from '../../config/secret.ts';
import type { IncomingChat } from '../../core/chat.ts';
import type { ChatConnection } from '../../notifiers/channel-module.ts';
import { connectDingtalkStream } from '../../notifiers/dingtalk-stream.ts';
import { connectFeishuWs } from '../../notifiers/feishu-ws.ts';
import { listenWecomApp } from '../../notifiers/wecom-app.ts';
import { listenWecomBot } from '../../notifiers/wecom-bot.ts';
import { startFakeDingtalk } from '../../sandbox/gateways/dingtalk-stream.ts';
import { startFakeFeishu } from '../../sandbox/gateways/feishu-ws.ts';
import { newCallbackToken, newEncodingAESKey, startFakeWecomApi } from '../../sandbox/gateways/wecom-api.ts';
import { startFakeWecomBot } from '../../sandbox/gateways/wecom-bot.ts';
import { fileOfSize, reportXlsx } from '../helpers/report-xlsx.ts';
import { until } from '../helpers/until.ts';

const zipSignature = Buffer.from('PK\x03\x04', 'latin1');

/** A host that answers every message by sending the file at `path` back, and keeps what replyFile threw. */
function fileHost(path: string) {
  const errors: string[] = [];
  return {
    errors,
    host: {
      log: () => {},
      handle: (chat: IncomingChat) => chat.replyFile(path).catch((error: unknown) => void errors.push((error as Error).message)),
    },
  };
}

function stopAfter(t: ExecutionContext, connection: ChatConnection) {
  t.teardown(() => connection.stop());
}

test('a file asked for on DingTalk goes back as a file message, one-to-one and in the group, byte for byte', async (t) => {
  const fake = await startFakeDingtalk();
  t.teardown(() => fake.close());
  const xlsx = await reportXlsx(t);
  const { host, errors } = fileHost(xlsx.path);
  const config = { name: '钉钉应用', clientId: fake.clientId, clientSecret: new Secret(fake.clientSecret, 'env:DING'), robotCode: fake.clientId, baseUrl: fake.baseUrl };
  stopAfter(t, connectDingtalkStream(config, host));
  await until(() => fake.connected(), 'the robot connected');

  fake.say({ staffId: 'staff-zhangli', nick: '张丽' }, '报告');
  fake.say({ staffId: 'staff-zhangli', nick: '张丽' }, '报告', '政务新媒体工作群');
  await until(() => fake.said.filter((l) => l.file).length === 2 || errors.length > 0, 'two file messages');
  t.deepEqual(errors, []);
  const direct = fake.said.find((l) => l.file && l.via === 'oToMessages');
  const group = fake.said.find((l) => l.file && l.via === 'groupMessages');
  t.is(direct?.to, 'staff-zhangli');
  t.is(group?.to, 'cid-政务新媒体工作群');
  sameXlsx(t, direct?.file, xlsx);
  sameXlsx(t, group?.file, xlsx);
});

test('a file over DingTalk’s 20 MB is refused in plain words before anything is uploaded', async (t) => {
  const fake = await startFakeDingtalk();
  t.teardown(() => fake.close());
  const big = await fileOfSize(t, 21 * 1024 * 1024);
  const { host, errors } = fileHost(big);
  const config = { name: '钉钉应用', clientId: fake.clientId, clientSecret: new Secret(fake.clientSecret, 'env:DING'), robotCode: fake.clientId, baseUrl: fake.baseUrl };
  stopAfter(t, connectDingtalkStream(config, host));
  await until(() => fake.connected(), 'the robot connected');
  fake.say({ staffId: 'staff-zhangli', nick: '张丽' }, '报告');
  await until(() => errors.length === 1, 'the refusal');
  t.snapshot(errors[0], 'what the 报告 command puts in its answer');
  t.false(fake.said.some((l) => l.file));
});

/** What a file message carried is the xlsx itself: the zip signature, its size, its bytes. */
function sameXlsx(t: ExecutionContext, got: { name: string; data: Buffer } | undefined, xlsx: { name: string; data: Buffer }) {
  t.is(got?.name, xlsx.name);
  t.true(got!.data.subarray(0, 4).equals(zipSignature));
  t.is(got!.data.length, xlsx.data.length);
  t.true(got!.data.equals(xlsx.data));
}

test('a file asked for on Feishu is uploaded to im/v1/files and sent as a file message in the same chat', async (t) => {
  const fake = await startFakeFeishu();
  t.teardown(() => fake.close());
  const xlsx = await reportXlsx(t);
  const { host, errors } = fileHost(xlsx.path);
  stopAfter(t, connectFeishuWs({ name: '飞书应用', appId: fake.appId, appSecret: new Secret(fake.appSecret, 'env:FEISHU'), domain: fake.domain }, host));
  await until(() => fake.connected(), 'the bot connected');

  fake.say({ openId: 'ou_zhangli' }, '报告');
  fake.say({ openId: 'ou_zhangli' }, '@_user_1 报告', { chatId: 'oc_work' });
  await until(() => fake.said.filter((l) => l.file).length === 2 || errors.length > 0, 'two file messages');
  t.deepEqual(errors, []);
  sameXlsx(t, fake.said.find((l) => l.file && l.to === 'oc_p2p_ou_zhangli')?.file, xlsx);
  sameXlsx(t, fake.said.find((l) => l.file && l.to === 'oc_work')?.file, xlsx);
});

test('a file asked for on the WeCom app is uploaded (media/upload type=file) and sent to the person as a file message', async (t) => {
  const fake = await startFakeWecomApi();
  t.teardown(() => fake.close());
  const xlsx = await reportXlsx(t);
  const { host, errors } = fileHost(xlsx.path);
  const log: string[] = [];
  const secrets = { token: newCallbackToken(), encodingAESKey: newEncodingAESKey() };
  const config = {
    name: '企业微信应用',
    corpId: fake.corpId,
    agentId: fake.agentId,
    secret: new Secret(fake.secret, 'env:WECOM_APP_SECRET'),
    apiBase: fake.apiBase,
    callback: {
      listen: { host: '127.0.0.1', port: 0 },
      path: '/wecom/callback',
      token: new Secret(secrets.token, 'env:WECOM_CALLBACK_TOKEN'),
      encodingAESKey: new Secret(secrets.encodingAESKey, 'env:WECOM_CALLBACK_AESKEY'),
    },
  };
  stopAfter(t, listenWecomApp(config, { ...host, log: (l) => log.push(l) }));
  await until(() => log.some((l) => /在 http:\S+ 接收消息/.test(l)), 'the callback listening');
  const url = /在 (http:\S+) 接收消息/.exec(log.find((l) => /在 http:\S+ 接收消息/.test(l))!)![1]!;

  t.is((await fake.say({ url, ...secrets }, 'ZhangLi', '报告')).status, 200);
  await until(() => fake.sent.some((l) => l.file) || errors.length > 0, 'the file message');
  t.deepEqual(errors, []);
  const line = fake.sent.find((l) => l.file)!;
  t.is(line.touser, 'ZhangLi');
  sameXlsx(t, line.file, xlsx);
});

test('the WeCom 智能机器人 cannot send files: it says so in one plain line and how to get the report, without failing', async (t) => {
  const fake = await startFakeWecomBot();
  t.teardown(() => fake.close());
  const xlsx = await reportXlsx(t);
  const { host, errors } = fileHost(xlsx.path);
  stopAfter(t, listenWecomBot({ name: '企业微信机器人', botId: fake.botId, secret: new Secret(fake.secret, 'env:WECOM_BOT'), wsUrl: fake.wsUrl }, host));
  await until(() => fake.connected(), 'the bot connected');
  fake.say({ userid: 'ZhangLi' }, '报告');
  await until(() => fake.said.length === 1 || errors.length > 0, 'the answer');
  t.deepEqual(errors, []);
  t.is(fake.said[0]!.to, 'ZhangLi');
  t.snapshot(fake.said[0]!.text, 'the answer instead of the file');
});
