import { readdir } from 'node:fs/promises';
import test from 'ava';
import { Store } from '../../store/store.ts';
import { admin, botConfig } from '../helpers/bot-config.ts';
import { chatSim } from '../helpers/chat-sim.ts';
import { demoFor } from '../helpers/demo.ts';

test('account names crafted as paths or shell are answered as unknown names; nothing runs and nothing is written outside the data folder', async (t) => {
  const demo = await demoFor(t);
  const chat = await chatSim(t, await botConfig(demo, { commandsPerMinute: 100 }), await Store.open(demo.db));
  const staff = chat.person(admin.name, admin.remark);
  const before = await readdir(demo.dir);
  // Names are split on spaces, so each of these arrives whole.
  const crafted = ['../../etc/passwd', '$(touch${IFS}pwned)', '`id`', '|rm${IFS}-rf${IFS}/', '扎兰屯12333/../../x', '%00', '<script>alert(1)</script>'];
  for (const name of crafted) {
    chat.say(staff, `状态 ${name}`);
    chat.say(staff, `已整改 ${name}`);
  }
  for (const name of crafted) await chat.waitFor((s) => s.text.includes(`没有找到名为“${name}”的账号`), 20_000);
  t.deepEqual(await readdir(demo.dir), before);
  t.is(demo.sandbox.api.calls.length, 0, 'no sweep was started for a crafted name');
});

test('very long and control-character messages are handled without a crash', async (t) => {
  const demo = await demoFor(t);
  const chat = await chatSim(t, await botConfig(demo), await Store.open(demo.db));
  const staff = chat.person(admin.name, admin.remark);
  chat.say(staff, `检查 ${'扎兰屯'.repeat(20_000)}`);
  chat.say(staff, '\u0000\u0007帮\u200b助\u0008\u2028');
  const help = await chat.waitFor((s) => s.text.includes('检查 全部'), 20_000);
  t.truthy(help, 'control characters are stripped, the command still understood');
  // The long message came first, so its answer, had there been one, would be in by now.
  t.false(chat.said.some((s) => s.text.includes('扎兰屯扎兰屯扎兰屯')), 'a 60,000-character message is not a command and is not echoed');
  t.false(chat.log.some((l) => l.includes('处理命令出错')));
});
