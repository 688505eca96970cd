import test from 'ava';
import ExcelJS from 'exceljs';
import { defaultTimeZone } from '../../config/schema.ts';
import { quarterContaining } from '../../reports/period.ts';
import { Store } from '../../store/store.ts';
import { admin, botConfig, workGroup } from '../helpers/bot-config.ts';
import { chatSim } from '../helpers/chat-sim.ts';
import { demoFor } from '../helpers/demo.ts';

async function sheetOf(data: Buffer): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  // exceljs types its input as an ArrayBuffer; the bytes are the file as sent.
  await book.xlsx.load(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer);
  return book.getWorksheet('统计表')!;
}

test('报告 sends the quarter summary and then the xlsx as a file to whoever asked', async (t) => {
  const demo = await demoFor(t);
  await demo.run('check', '--config', demo.configPath, '--db', demo.db);
  const config = await botConfig(demo);
  const chat = await chatSim(t, config, await Store.open(demo.db));
  const quarter = quarterContaining(new Date().toISOString(), defaultTimeZone);

  chat.say(chat.person(admin.name, admin.remark), '报告', true);
  const summary = await chat.waitFor((s) => s.where === `群:${workGroup}` && s.text.includes('统计表'));
  t.regex(summary.text, new RegExp(`^@${admin.name} # 政务新媒体菜单巡检情况统计表（${quarter.label}）`));
  t.regex(summary.text, /## 不合格账号/);
  t.regex(summary.text, /统计表（Excel，可直接打印）随后以文件发送。$/);
  const file = await chat.waitFor((s) => s.where === `群:${workGroup}` && s.file !== undefined);
  t.is(file.file?.name, `菜单巡检报告-${quarter.slug}.xlsx`);
  t.true(chat.said.indexOf(summary) < chat.said.indexOf(file), 'the summary comes first');
  const sheet = await sheetOf(file.file!.data);
  t.is(sheet.getCell('A3').text, '序号');
  t.is(sheet.getCell(4 + 30, 2).text, demo.sandbox.accounts[30]!.name, 'all 31 accounts, Weibo ones included');

  const account = config.accounts.find((a) => a.owners.length > 0 && a.platform !== 'weibo')!;
  const owner = account.owners[0]!;
  chat.say(chat.person(owner.name, owner.remark), '报告');
  const own = await chat.waitFor((s) => s.where === `私聊:${owner.name}` && s.file !== undefined);
  const ownSheet = await sheetOf(own.file!.data);
  const owned = config.accounts.filter((a) => a.owners.some((o) => o.remark === owner.remark)).map((a) => a.name);
  t.deepEqual(Array.from({ length: owned.length }, (_, i) => ownSheet.getCell(4 + i, 2).text), owned);
  t.is(ownSheet.getCell(4 + owned.length, 2).text, '', 'nobody else’s accounts');
});

test('报告 for a quarter without sweeps says so and sends no file; a wrong quarter is explained', async (t) => {
  const demo = await demoFor(t);
  const chat = await chatSim(t, await botConfig(demo), await Store.open(demo.db));
  const staff = chat.person(admin.name, admin.remark);
  chat.say(staff, '报告 2020Q1');
  const answer = await chat.waitFor((s) => s.text.includes('2020年第一季度'), 10_000);
  t.regex(answer.text, /没有巡检记录，无法评定各账号是否合格/);
  chat.say(staff, '报告 去年');
  await chat.waitFor((s) => s.text.includes('季度“去年”写法不对'), 10_000);
  t.false(chat.said.some((s) => s.file !== undefined));
});
