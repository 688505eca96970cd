import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import test, { type ExecutionContext } from 'ava';
import { Secret } from '../../config/secret.ts';
import { createWecomNotifier } from '../../notifiers/wecom.ts';
import { digest, digestLines, shortMessage } from './digest.ts';
import { startReceiver, type Reply } from './receiver.ts';
import { isImage, screenshotFile } from '../helpers/screenshot-file.ts';

const key = 'wecom-key-5c1e9a77';
const ok: Reply = { json: { errcode: 0, errmsg: 'ok' } };

async function setup(t: ExecutionContext, script: readonly Reply[] = []) {
  const receiver = await startReceiver(t, ok, script);
  const notifier = createWecomNotifier({ name: '扎兰屯政务公开群', key: new Secret(key, 'env:WECOM_KEY'), baseUrl: receiver.baseUrl });
  return { receiver, notifier };
}

test('markdown with userid mentions inline, POSTed as JSON to /cgi-bin/webhook/send?key=', async (t) => {
  const { receiver, notifier } = await setup(t);
  const result = await notifier.send({ ...shortMessage, mentions: { userIds: ['WangMing', 'LiHua'] } });
  t.deepEqual(result, { ok: true, parts: 1 });
  t.is(notifier.channel, 'wecom');
  t.is(notifier.name, '扎兰屯政务公开群');
  const [request] = receiver.requests;
  t.is(request?.method, 'POST');
  t.is(request?.url, `/cgi-bin/webhook/send?key=${key}`);
  t.regex(request?.headers['content-type'] ?? '', /^application\/json/);
  t.deepEqual(request?.body, {
    msgtype: 'markdown',
    markdown: {
      content:
        '### 【菜单巡检】扎兰屯12333 有 2 个菜单打不开\n' +
        '- **办事服务 › 社保查询**：页面不存在（404）\n' +
        '- **便民服务 › 公积金**：网站无法访问\n' +
        '<@WangMing> <@LiHua>',
    },
  });
});

test('mobile mentions switch to a text message with mentioned_list and mentioned_mobile_list', async (t) => {
  const { receiver, notifier } = await setup(t);
  await notifier.send({ ...shortMessage, mentions: { mobiles: ['13800000000'], userIds: ['WangMing'] } });
  t.deepEqual(receiver.requests[0]?.body, {
    msgtype: 'text',
    text: {
      content: '【菜单巡检】扎兰屯12333 有 2 个菜单打不开\n办事服务 › 社保查询：页面不存在（404）\n便民服务 › 公积金：网站无法访问',
      mentioned_list: ['WangMing'],
      mentioned_mobile_list: ['13800000000'],
    },
  });
});

test('@all is a text message with "@all" in mentioned_list', async (t) => {
  const { receiver, notifier } = await setup(t);
  await notifier.send({ ...shortMessage, mentions: { all: true } });
  t.like(receiver.requests[0]?.body, { msgtype: 'text', text: { mentioned_list: ['@all'], mentioned_mobile_list: [] } });
});

test('a 200 reply with a non-zero errcode is a failure; rate limits and busy are retryable', async (t) => {
  const cases: [number, string, boolean][] = [
    [45009, 'api freq out of limit', true],
    [-1, 'system busy', true],
    [93000, 'invalid webhook url', false],
    [40058, 'invalid parameter', false],
    [44004, 'empty content', false],
  ];
  for (const [errcode, errmsg, retryable] of cases) {
    const { notifier } = await setup(t, [{ json: { errcode, errmsg } }]);
    t.deepEqual(
      await notifier.send(shortMessage),
      { ok: false, retryable, reason: retryable ? 'rate-limited' : 'rejected', code: { errcode }, detail: `errcode ${errcode}: ${errmsg}` },
      String(errcode),
    );
  }
});

test('a long markdown digest goes as numbered parts of at most 4096 bytes, in order, mentions on the first', async (t) => {
  const { receiver, notifier } = await setup(t);
  const message = digest(120, { userIds: ['WangMing'] });
  const result = await notifier.send(message);
  const contents: string[] = receiver.requests.map((r) => r.body.markdown.content);
  t.true(contents.length > 2);
  t.deepEqual(result, { ok: true, parts: contents.length });
  contents.forEach((content, i) => {
    t.true(Buffer.byteLength(content) <= 4096, `part ${i + 1}: ${Buffer.byteLength(content)} bytes`);
    t.true(content.startsWith(`### ${message.title}（${i + 1}/${contents.length}）\n`));
    t.is(content.includes('<@WangMing>'), i === 0);
  });
  const sent = contents.flatMap((c) => c.split('\n').filter((l) => l.startsWith('- ')));
  t.deepEqual(sent, digestLines(120).map((l) => `- ${l}`));
});

test('a long text digest (mobile mentions) goes as parts of at most 2048 bytes', async (t) => {
  const { receiver, notifier } = await setup(t);
  await notifier.send(digest(60, { mobiles: ['13800000000'] }));
  const texts = receiver.requests.map((r) => r.body.text);
  t.true(texts.length > 1);
  for (const text of texts) t.true(Buffer.byteLength(text.content) <= 2048);
  t.deepEqual(texts[0].mentioned_mobile_list, ['13800000000']);
  t.false('mentioned_mobile_list' in texts[1], 'later parts ping nobody');
});

test('screenshots follow the text as image messages (base64 + md5); a missing or oversized file leaves the text alone', async (t) => {
  const { receiver, notifier } = await setup(t);
  const shot = await screenshotFile(t);
  const big = await screenshotFile(t, 2000, 2000);
  const huge = big.path.replace(/\.png$/, '-huge.png');
  await writeFile(huge, Buffer.concat([big.data, Buffer.alloc(2 * 1024 * 1024)]));
  const result = await notifier.send({ ...shortMessage, images: [shot.path, '/nonexistent/evidence.jpg', huge] });
  t.deepEqual(result, { ok: true, parts: 2 });
  const [text, image] = receiver.requests;
  t.is(text?.body.msgtype, 'markdown');
  t.is(image?.body.msgtype, 'image');
  const bytes = Buffer.from(image?.body.image.base64 ?? '', 'base64');
  t.true(isImage(bytes));
  t.deepEqual(bytes, shot.data);
  t.is(image?.body.image.md5, createHash('md5').update(shot.data).digest('hex'));
  t.is(receiver.requests.length, 2);
});

test('a picture the robot refuses does not fail the message: the text is in the group already', async (t) => {
  const { receiver, notifier } = await setup(t, [ok, { json: { errcode: 40009, errmsg: 'invalid image size' } }]);
  const shot = await screenshotFile(t);
  t.deepEqual(await notifier.send({ ...shortMessage, images: [shot.path] }), { ok: true, parts: 1 });
  t.is(receiver.requests.length, 2);
});
