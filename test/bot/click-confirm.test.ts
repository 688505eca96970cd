import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { parseConfig } from '../../config/load.ts';
import { Store } from '../../store/store.ts';
import { chatSim } from '../helpers/chat-sim.ts';
import { startDocumentedServer } from '../helpers/documented-account-server.ts';
import { until } from '../helpers/until.ts';

test('a click answered with success is 需人工确认 until its owner says 确认; a changed answer asks again', async (t) => {
  const answers: Record<string, 'success' | 'empty' | { text: string }> = { ZIXUN: 'success', CONTACT: { text: '办公电话：0470-3212345' } };
  const server = await startDocumentedServer(t, { token: 'party-token', originalId: 'gh_7e3a9c0b1d2f', answers });
  const config = parseConfig(
    [
      'schedule: { quietHours: false }',
      'browser: { enabled: false }',
      'bot: { admins: [{ name: 张丽, remark: 张丽-政务公开办 }], workGroup: 菜单巡检工作群, messageGapMs: { min: 0, max: 5 } }',
      'accounts:',
      '  - name: 月亮小镇党建平台',
      '    platform: wechat-subscription',
      '    owners: [{ name: 赵敏, remark: 赵敏-月亮小镇 }]',
      '    originalId: gh_7e3a9c0b1d2f',
      `    server: { url: "${server.url}", token: party-token }`,
      '    menu: [{ type: click, name: 党员咨询, key: ZIXUN }, { type: click, name: 联系我们, key: CONTACT }]',
      '  - name: 扎兰屯发布',
      '    platform: wechat-subscription',
      '    owners: [{ name: 李娜, remark: 李娜-融媒体中心 }]',
      '    menu: [{ type: view, name: 政务公开, url: "https://www.zlt.gov.cn/" }]',
    ].join('\n'),
    'click-confirm.yaml',
    {},
  );
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-confirm-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const store = await Store.open(join(dir, 'menu-patrol.json'));
  const chat = await chatSim(t, { ...config, bot: { ...config.bot, session: join(dir, 'bot') } }, store);
  const owner = chat.person('赵敏', '赵敏-月亮小镇');
  const other = chat.person('李娜', '李娜-融媒体中心');
  const toOwner = (text: string) => chat.waitFor((s) => s.where === '私聊:赵敏' && s.text.includes(text));
  const unconfirmed = () => store.openFindings('月亮小镇党建平台').filter((f) => f.code === 'click-unconfirmed');

  chat.say(owner, '确认');
  t.is((await toOwner('没有需要人工确认')).text, '您负责的账号没有需要人工确认的点击菜单。');

  chat.say(owner, '检查');
  // The answer comes once the sweep is over: a 确认 sent earlier would join that sweep instead of rechecking.
  t.regex((await toOwner('巡检完成')).text, /! 月亮小镇党建平台｜党员咨询：点击这个菜单后服务器只回复了 success 或空内容，需人工确认市民能否收到回复（服务器只回复了 success）/);
  t.is(unconfirmed().length, 1);
  t.like(unconfirmed()[0]!.evidence, { key: 'ZIXUN', status: 200, bytes: 7, reply: 'success' });
  t.is(unconfirmed()[0]!.severity, 'warn');

  chat.say(other, '确认 月亮小镇');
  const refused = await chat.waitFor((s) => s.where === '私聊:李娜' && s.text.includes('只能操作自己负责的账号'));
  t.regex(refused.text, /“月亮小镇党建平台”不在其中/);

  chat.say(owner, '确认 月亮小镇');
  t.is((await toOwner('已登记人工确认')).text, '已登记人工确认（赵敏）：以下点击菜单在手机上有回复，服务器的回复方式不变就不再提醒；回复方式变了我会重新检查。\n  · 月亮小镇党建平台｜党员咨询\n马上复查……');
  t.is((await toOwner('复查完成')).text, '复查完成：\n✓ 月亮小镇党建平台｜党员咨询：已确认');
  t.like(store.confirmations['月亮小镇党建平台']?.ZIXUN, { answer: 'success', by: '赵敏' });
  const item = store.lastRun()!.accounts[0]!.items.find((i) => i.path.join('') === '党员咨询')!;
  t.is(item.status, 'ok');
  t.regex(item.note ?? '', /^已人工确认（\d{4}-\d\d-\d\d，赵敏）/);

  // The server now answers with nothing: not what was confirmed, so it is asked again.
  answers.ZIXUN = 'empty';
  const runs = store.runs.length;
  chat.say(owner, '检查');
  await until(() => chat.said.filter((s) => s.where === '私聊:赵敏' && s.text.startsWith('巡检完成')).length === 2, 'the second check answered');
  t.true(store.runs.length > runs);
  t.is(unconfirmed().length, 1);
  t.like(unconfirmed()[0]!.evidence, { bytes: 0, answer: 'empty' });
  t.deepEqual(server.refused, []);
});
