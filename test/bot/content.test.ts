import test from 'ava';
import { Store } from '../../store/store.ts';
import { admin, botConfig, workGroup } from '../helpers/bot-config.ts';
import { chatSim } from '../helpers/chat-sim.ts';
import { demoFor } from '../helpers/demo.ts';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

test('owners hear about an overdue account and one about to be, and 已更新 records a date for an account the API cannot read', async (t) => {
  const demo = await demoFor(t);
  const config = await botConfig(demo);
  const store = await Store.open(demo.db);
  const inventory = config.accounts.find((a) => a.name === '扎兰屯河西街道')!;
  // A date an owner reported a month ago: the account is overdue by what menu-patrol knows.
  await store.recordUpdate(inventory.name, { at: daysAgo(30), by: inventory.owners[0]!.name, reportedAt: daysAgo(30) });
  const chat = await chatSim(t, config, store);
  const staff = chat.person(admin.name, admin.remark);
  const ownerOf = (name: string) => config.accounts.find((a) => a.name === name)!.owners[0]!;
  // Owners are in the bot's contacts, as they are on the office's phone.
  const contacts = new Map(['扎兰屯环境保护', '扎兰屯市医疗保障局', '扎兰屯市司法局', inventory.name].map((name) => [name, chat.person(ownerOf(name).name, ownerOf(name).remark)]));
  const digestTo = (name: string) => chat.waitFor((s) => s.where === `私聊:${ownerOf(name).name}` && s.text.includes('菜单巡检提醒') && s.text.includes(`【${name}】`));

  chat.say(staff, '检查 全部', true);
  const summary = await chat.waitFor((s) => s.where === `群:${workGroup}` && s.text.includes('巡检完成'));
  t.regex(summary.text, /扎兰屯河西街道｜内容更新：公众号超期未更新/);

  const overdue = await digestTo('扎兰屯环境保护');
  t.regex(overdue.text, /\d+\. 内容更新（新发现）\n {3}问题：公众号超期未更新，检查时按“内容不更新”单项否决（据微信(?:接口的发布记录|数据统计（含群发）)，最近一次更新是 \d{4}-\d\d-\d\d，已经 2[01] 天没有更新，规定 14 天内要更新）/);
  t.regex(overdue.text, /怎么改：请尽快发布一条本单位的工作信息/);
  t.regex(overdue.text, /距离“呼伦贝尔市政务新媒体服务项专项检查”（\d{4}-\d\d-\d\d）还有 19 天/, 'the inspection countdown applies');
  t.regex(overdue.text, /已整改 扎兰屯环境保护/);

  const soon = await digestTo('扎兰屯市医疗保障局');
  t.regex(soon.text, /内容更新（需要您在手机上亲自确认）\n {3}问题：公众号快要超期未更新了（据微信(?:接口的发布记录|数据统计（含群发）)，最近一次更新是 \d{4}-\d\d-\d\d，最迟 \d{4}-\d\d-\d\d 要发布新内容，还有 [12] 天）/);

  const words = await digestTo('扎兰屯市司法局');
  t.regex(words.text, /已发布文章《市司法局召开扫黑除恶常态化工作推进会》（新发现）\n {3}问题：已发布的文章里有错敏字，检查时会按“审核不严”扣分（第 1 段：“扫黑险恶”应为“扫黑除恶”）/);

  const stale = await digestTo(inventory.name);
  t.regex(stale.text, /据负责人报告，最近一次更新是 \d{4}-\d\d-\d\d，已经 30 天没有更新/);

  // The owner publishes and says so; the date is kept and the finding clears at once.
  chat.say(contacts.get(inventory.name)!, `已更新 ${inventory.name}`);
  const registered = await chat.waitFor((s) => s.where === `私聊:${ownerOf(inventory.name).name}` && s.text.includes('已登记'));
  t.regex(registered.text, new RegExp(`已登记：${inventory.name} 在 \\d{4}-\\d\\d-\\d\\d 有更新（${ownerOf(inventory.name).name}报告），下次最迟 \\d{4}-\\d\\d-\\d\\d 要再更新`));
  const rechecked = await chat.waitFor((s) => s.where === `私聊:${ownerOf(inventory.name).name}` && s.text.includes('复查完成'));
  t.regex(rechecked.text, new RegExp(`✓ ${inventory.name}：更新情况正常`));
  t.true(Date.parse(store.reportedUpdates[inventory.name]!.at) > Date.parse(daysAgo(1)));
  const finding = store.findings.find((f) => f.account === inventory.name && f.code === 'overdue');
  t.is(finding?.resolution, 'fixed');
});

test('已更新 for Weibo: a date the owner gives makes it checkable; a date to come or an API account are answered plainly', async (t) => {
  const demo = await demoFor(t);
  const config = await botConfig(demo);
  const store = await Store.open(demo.db);
  const chat = await chatSim(t, config, store);
  const staff = chat.person(admin.name, admin.remark);
  const said = (text: string) => chat.waitFor((s) => s.where === `私聊:${admin.name}` && s.text.includes(text));

  chat.say(staff, '已更新 扎兰屯政务 2099-01-01');
  t.regex((await said('还没有到')).text, /2099-01-01 还没有到/);
  chat.say(staff, '已更新 扎兰屯政务 2月30日');
  t.regex((await said('不是有效的日期')).text, /“2月30日”不是有效的日期/);

  chat.say(staff, '已更新 扎兰屯政务 昨天');
  await said('已登记：扎兰屯政务');
  t.regex((await said('复查完成')).text, /✓ 扎兰屯政务：更新情况正常/);
  t.is(store.reportedUpdates['扎兰屯政务']?.by, admin.name);
  t.true(store.lastRun()!.accounts.some((a) => a.name === '扎兰屯政务' && a.platform === 'weibo'), 'the Weibo account is in the run now');
  t.true(store.lastRun()!.notChecked.every((n) => n.name !== '扎兰屯政务'));

  // An API account: WeChat shows only an old date (today's 群发 is a day away from the data cube); the owner's newer date wins.
  chat.say(staff, '已更新 扎兰屯环境保护');
  t.regex((await said('已登记：扎兰屯环境保护')).text, /和微信接口读到的日期一起看，以最新的为准/);
  await chat.waitFor((s) => s.where === `私聊:${admin.name}` && s.text.includes('✓ 扎兰屯环境保护：更新情况正常'));
  t.is(store.reportedUpdates['扎兰屯环境保护']?.by, admin.name);
});
