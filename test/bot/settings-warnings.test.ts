import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { notifyAfterSweep } from '../../bot/notify-after-sweep.ts';
import { Outbox } from '../../bot/outbox.ts';
import { SweepService } from '../../sweep/sweep-service.ts';
import type { Config } from '../../config/load.ts';
import { Store } from '../../store/store.ts';
import { admin, botConfig, workGroup } from '../helpers/bot-config.ts';
import { chatSim } from '../helpers/chat-sim.ts';
import { demoFor } from '../helpers/demo.ts';

const brokenDictionary = 'words:\n  - 中华人民共合国 → 中华人民共和国, 国家名称, fail\n  - 扎兰屯市政府 扎兰屯市人民政府\n';

test('a dictionary line that did not load is told to the office in every scheduled summary until it is fixed; the sweep runs regardless', async (t) => {
  const demo = await demoFor(t);
  const full = await botConfig(demo);
  const dictionary = join(demo.dir, 'words.yaml');
  await writeFile(dictionary, brokenDictionary);
  const accounts = full.accounts.filter((a) => a.name === '扎兰屯12333');
  const config: Config = { ...full, accounts, content: { ...full.content, dictionary } };
  const store = await Store.open(demo.db);
  // Not started: the test reads what was queued.
  const outbox = new Outbox(store, { deliver: async () => ({ ok: true, parts: 1 }) }, { gapMs: { min: 0, max: 1 } });
  const sweeps = new SweepService({ config, store, onSwept: (swept) => notifyAfterSweep(swept, config, store, outbox) });
  const toOffice = () => store.outbox.filter((m) => m.to.kind === 'group' && m.to.topic === workGroup).map((m) => m.message.text);

  const swept = await sweeps.sweep(['扎兰屯12333'], 'schedule');
  t.is(swept.result.summary.accounts, 1);
  t.deepEqual(swept.warnings, [`${dictionary} 第 3 行：没有“→”，应写成“错误写法 → 正确写法, 类别, fail 或 warn”，这一行没有加载`]);
  const [summary] = toOffice();
  t.regex(summary ?? '', /请检查设置（改好后下次巡检自动生效）：\n• .*words\.yaml 第 3 行：没有“→”/);

  await writeFile(dictionary, 'words:\n  - 中华人民共合国 → 中华人民共和国, 国家名称, fail\n');
  const fixed = await sweeps.sweep(['扎兰屯12333'], 'schedule');
  t.deepEqual(fixed.warnings, []);
  t.is(toOffice().length, 2);
  t.notRegex(toOffice()[1]!, /请检查设置/);
});

test('an admin who sends 检查 in chat is told about the settings too; an owner, who cannot fix them, is not', async (t) => {
  const demo = await demoFor(t);
  const full = await botConfig(demo);
  const dictionary = join(demo.dir, 'words.yaml');
  await writeFile(dictionary, brokenDictionary);
  const config: Config = { ...full, content: { ...full.content, dictionary } };
  const store = await Store.open(demo.db);
  const chat = await chatSim(t, config, store);
  const account = config.accounts.find((a) => a.name === '扎兰屯12333')!;
  const owner = account.owners[0]!;

  chat.say(chat.person(admin.name, admin.remark), `检查 ${account.name}`);
  const toAdmin = await chat.waitFor((s) => s.where === `私聊:${admin.name}` && s.text.includes('巡检完成'));
  t.regex(toAdmin.text, /请检查设置（改好后下次巡检自动生效）：\n• .*words\.yaml 第 3 行：没有“→”/);

  chat.say(chat.person(owner.name, owner.remark), `检查 ${account.name}`);
  const toOwner = await chat.waitFor((s) => s.where === `私聊:${owner.name}` && s.text.includes('巡检完成'));
  t.notRegex(toOwner.text, /请检查设置|words\.yaml/);
});
