import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { startFakeDingtalk } from '../../sandbox/gateways/dingtalk-stream.ts';
import { startFakeWecomApi } from '../../sandbox/gateways/wecom-api.ts';
import { isBuildFresh } from '../../scripts/build-stamp.mjs';
import { repoRoot } from '../helpers/paths.ts';
import { startReceiver } from '../notifiers/receiver.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

const kills = 4;
const perChannel = 15;

test(`personal WeChat never logged in, ${kills} SIGKILLs mid-delivery: every DingTalk, WeCom and webhook message arrives`, async (t) => {
  // About 40 s here: each life loads the service and Wechaty's puppet afresh.
  t.timeout(90_000);
  t.true(isBuildFresh(), 'dist/ is not a build of these sources: run `npm run build` (npm test does)');
  const ding = await startFakeDingtalk();
  t.teardown(() => ding.close());
  const wecom = await startFakeWecomApi();
  t.teardown(() => wecom.close());
  const robot = await startReceiver(t, { json: { errcode: 0, errmsg: 'ok' } });
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-serve-crash-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));

  const yaml = `
timezone: Asia/Shanghai
schedule: { quietHours: false }
bot: { admins: [{ name: 张丽, remark: 张丽-政务公开办 }], messageGapMs: { min: 120, max: 160 } }
channels:
  - { type: dingtalk-app, name: 钉钉应用, clientId: ${ding.clientId}, clientSecret: env:DING_APP_SECRET, baseUrl: "${ding.baseUrl}" }
  - { type: wecom-app, name: 企业微信应用, corpId: ${wecom.corpId}, agentId: ${wecom.agentId}, secret: env:WECOM_APP_SECRET, apiBase: "${wecom.apiBase}" }
  - { type: dingtalk, name: 钉钉群, accessToken: env:DING_TOKEN, baseUrl: "${robot.baseUrl}" }
accounts:
  - { name: 扎兰屯博物馆, platform: weibo, owners: [{ name: 王明, channel: 钉钉应用, dingtalk: { userId: staff-wang } }, { name: 李华, channel: 企业微信应用, wecom: { userId: LiHua } }] }
`;
  const env = { DING_APP_SECRET: ding.clientSecret, WECOM_APP_SECRET: wecom.secret, DING_TOKEN: 'ding-token' };
  const message = (title: string) => ({ title, text: title, markdown: title });
  const batch = Array.from({ length: perChannel }, (_, i) => [
    { to: { kind: 'person', name: '王明', channel: '钉钉应用' }, message: message(`钉钉应用-${i}`) },
    { to: { kind: 'person', name: '李华', channel: '企业微信应用' }, message: message(`企业微信应用-${i}`) },
    { to: { kind: 'channel', name: '钉钉群' }, message: message(`钉钉群-${i}`) },
    { to: { kind: 'person', name: '张丽', remark: '张丽-政务公开办' }, message: message(`个人微信-${i}`) },
  ]).flat();
  await writeFile(join(dir, 'setup.json'), JSON.stringify({ yaml, env, batch }));

  const random = seededRandom(15);
  /** One life; `killAfterMs` counts from its `ready` (the batch queued, delivery starting). */
  const life = (killAfterMs?: number) =>
    new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [join(repoRoot, 'test/helpers/serve-crash-worker.mjs'), dir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'ignore'] });
      let timer: NodeJS.Timeout | undefined;
      child.stdout.once('data', () => {
        if (killAfterMs !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      });
      child.on('exit', (code) => (clearTimeout(timer), resolve(code)));
    });

  let killed = 0;
  let lives = 0;
  for (; killed < kills && lives < kills * 2; lives++) if ((await life(Math.floor(100 + 600 * random()))) === null) killed++;
  const beforeLast = ding.said.length + wecom.sent.length + robot.requests.length;
  t.true(beforeLast > 0 && beforeLast < perChannel * 3, `the kills fell mid-delivery (${beforeLast} delivered before the last life)`);
  t.is(await life(), 0, 'the last life delivers everything left');
  t.true(killed >= 2, `killed mid-delivery ${killed} times`);

  const received = [
    ...ding.said.filter((l) => l.via === 'oToMessages' && l.to === 'staff-wang').map((l) => l.text),
    ...wecom.sent.filter((l) => l.touser === 'LiHua').map((l) => l.text),
    ...robot.requests.map((r) => String(r.body?.markdown?.title ?? '')),
  ];
  const wanted = batch.filter((m) => !m.message.title.startsWith('个人微信')).map((m) => m.message.title);
  const missing = wanted.filter((title) => !received.some((text) => text.includes(title)));
  t.deepEqual(missing, [], 'nothing queued for an official channel is lost');
  const duplicates = received.length - wanted.length;
  t.true(duplicates >= 0 && duplicates <= killed * 3, `${duplicates} duplicates: at most one per channel per kill`);
  t.false(received.some((text) => text.includes('个人微信')), 'personal-WeChat messages wait for its login');
  t.log(`${lives + 1} lives, ${killed} killed, ${wanted.length} messages, ${duplicates} duplicates`);
});
