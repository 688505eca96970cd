import test from 'ava';
import { Store } from '../../store/store.ts';
import { admin, botConfig, workGroup } from '../helpers/bot-config.ts';
import { chatSim } from '../helpers/chat-sim.ts';
import { demoFor, repairPage } from '../helpers/demo.ts';
import { until } from '../helpers/until.ts';

test('a check from the group reaches the owners, who fix, reply 已整改 and get a confirmed recheck', async (t) => {
  const demo = await demoFor(t);
  const config = await botConfig(demo);
  const store = await Store.open(demo.db);
  const chat = await chatSim(t, config, store);
  const staff = chat.person(admin.name, admin.remark);
  const broken = demo.sandbox.expected.find((e) => e.code === 'http-error' && e.url && e.menu === '默认菜单')!;
  const account = config.accounts.find((a) => a.name === broken.account)!;
  const owner = account.owners[0]!;
  const ownerContact = chat.person(owner.name, owner.remark);

  chat.say(staff, '检查 全部', true);
  const ack = await chat.waitFor((s) => s.where === `群:${workGroup}` && s.text.includes('收到'), 20_000);
  t.regex(ack.text, /^@张丽/);
  const result = await chat.waitFor((s) => s.where === `群:${workGroup}` && s.text.includes('巡检完成'));
  t.regex(result.text, new RegExp(`${broken.account}｜${broken.path.join(' > ')}`));

  const digest = await chat.waitFor((s) => s.where === `私聊:${owner.name}` && s.text.includes('菜单巡检提醒'));
  t.regex(digest.text, new RegExp(`${owner.name}您好`));
  t.regex(digest.text, new RegExp(broken.path.join(' > ')));
  t.regex(digest.text, /怎么改：/);
  t.regex(digest.text, new RegExp(`已整改 ${broken.account}`));
  t.is(chat.said.filter((s) => s.where === `私聊:${owner.name}`).length, 1, 'one digest per owner, never a message per item');

  await repairPage(demo, broken.url!);
  chat.say(ownerContact, `已整改 ${broken.account}`);
  const recheck = await chat.waitFor((s) => s.where === `私聊:${owner.name}` && s.text.includes('复查完成'));
  t.regex(recheck.text, /已修复 1 个/);
  const finding = store.findings.find((f) => f.account === broken.account && f.code === 'http-error');
  t.truthy(finding?.resolvedAt);
  t.is(finding?.resolution, 'fixed');
});

test('a stranger is refused once, politely, then ignored', async (t) => {
  const demo = await demoFor(t);
  const chat = await chatSim(t, await botConfig(demo), await Store.open(demo.db));
  const stranger = chat.person('路人甲');
  chat.say(stranger, '检查 全部');
  const refusal = await chat.waitFor((s) => s.where === '私聊:路人甲', 20_000);
  t.regex(refusal.text, /只为政务公开办和各账号负责人服务/);
  chat.say(stranger, '检查 全部');
  chat.say(stranger, '帮助');
  // The bot logs each decision as it makes it: once both are logged as ignored, no reply can follow.
  await until(() => chat.log.filter((l) => l.includes('已忽略：路人甲')).length === 2, 'both later messages ignored');
  t.is(chat.said.filter((s) => s.where === '私聊:路人甲').length, 1);
});

test('commands tolerate full-width text; unknown commands and names get a plain answer; floods get one notice', async (t) => {
  const demo = await demoFor(t);
  const chat = await chatSim(t, await botConfig(demo, { commandsPerMinute: 4 }), await Store.open(demo.db));
  const staff = chat.person(admin.name, admin.remark);
  chat.say(staff, 'ＨＥＬＰ');
  await chat.waitFor((s) => s.text.includes('检查 全部'), 20_000);
  chat.say(staff, '你好');
  await chat.waitFor((s) => s.text.includes('没听懂“你好”'), 20_000);
  chat.say(staff, '状态 不存在的账号');
  await chat.waitFor((s) => s.text.includes('没有找到名为“不存在的账号”的账号'), 20_000);
  chat.say(staff, '状态 扎兰屯市');
  await chat.waitFor((s) => s.text.includes('对应多个账号'), 20_000);
  // Four commands this minute already: all five are over the limit, the first gets the notice, the rest are logged as ignored.
  for (let i = 0; i < 5; i++) chat.say(staff, '帮助');
  await chat.waitFor((s) => s.text.includes('请稍等一分钟'), 20_000);
  await until(() => chat.log.filter((l) => l.includes('发送命令过快，已忽略')).length === 4, 'the other four ignored');
  t.is(chat.said.filter((s) => s.text.includes('请稍等一分钟')).length, 1);
});

test('an owner may only act on their own accounts', async (t) => {
  const demo = await demoFor(t);
  const config = await botConfig(demo);
  const chat = await chatSim(t, config, await Store.open(demo.db));
  const account = config.accounts.find((a) => a.owners.length > 0 && a.platform !== 'weibo')!;
  const owner = account.owners[0]!;
  const other = config.accounts.find((a) => a.platform !== 'weibo' && !a.owners.some((o) => o.remark === owner.remark))!;
  const contact = chat.person(owner.name, owner.remark);
  chat.say(contact, `检查 ${other.name}`);
  const answer = await chat.waitFor((s) => s.where === `私聊:${owner.name}`, 20_000);
  t.regex(answer.text, /只能操作自己负责的账号/);
});

test('an owner remark that matches two contacts is never guessed: the admins are asked to pass the message on', async (t) => {
  const demo = await demoFor(t);
  const config = await botConfig(demo);
  const chat = await chatSim(t, config, await Store.open(demo.db));
  const staff = chat.person(admin.name, admin.remark);
  const broken = demo.sandbox.expected.find((e) => e.code === 'http-error' && e.menu === '默认菜单')!;
  const owner = config.accounts.find((a) => a.name === broken.account)!.owners[0]!;
  chat.person(owner.name, owner.remark);
  chat.person(`${owner.name}（旧号）`, owner.remark);
  chat.say(staff, `检查 ${broken.account}`, true);
  const relay = await chat.waitFor((s) => s.where === `群:${workGroup}` && s.text.includes('没能送达'));
  t.regex(relay.text, new RegExp(`机器人的微信里有不止一个备注为“${owner.remark}”的联系人`));
  t.false(chat.said.some((s) => s.where.startsWith('私聊:') && s.text.includes('菜单巡检提醒')), 'neither contact got the digest');
});
