import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { parseConfig } from '../../config/load.ts';
import { diffLines } from '../../importer/line-diff.ts';
import { planImport } from '../../importer/plan-import.ts';
import { fixture } from '../helpers/paths.ts';
import { workDir, xlsxFile } from '../helpers/sheets.ts';

/** The office's sheet: a title across the top, columns in its own order, short type names. */
const sheetRows = [
  ['扎兰屯市政务新媒体账号登记表'],
  ['账号类型', '账号名称', '负责人', '微信备注', '主办单位', 'AppID'],
  ['订阅号', '扎兰屯12333', '王明、李华', '王明-人社局、李华-人社局', '扎兰屯市人力资源和社会保障局', ''],
  ['微信订阅号', '扎兰屯博物馆', '', '', '扎兰屯市文体旅游广电局（博物馆）', ''],
  ['服务号', '扎兰城管', '赵强', '赵强-城管局', '扎兰屯市城市管理综合执法局', 'wx00112233445566aa'],
  ['微博', '扎兰交警', '', '', '扎兰屯市公安局交通管理大队', ''],
];

async function office(t: ExecutionContext) {
  const dir = await workDir(t);
  const config = join(dir, 'menu-patrol.yaml');
  await copyFile(fixture('import', 'office.yaml').path, config);
  const sheet = await xlsxFile(dir, '账号登记表.xlsx', sheetRows, ['A1:F1']);
  return { config, sheet, before: await readFile(config, 'utf8') };
}

test('an import sets only what the sheet fills and leaves every other line of the config as written', async (t) => {
  const { config, sheet, before } = await office(t);
  const outcome = await planImport(sheet, config, new Map());
  if (outcome.kind !== 'ready') return t.fail(JSON.stringify(outcome.problems));
  const { plan, after } = outcome;

  t.deepEqual(
    plan.changes.map((c) => [c.kind, c.name, c.fields.map((f) => `${f.field}:${f.before}→${f.after}`)]),
    [
      ['update', '扎兰屯12333', ['负责人:王明（王明-人社局）→王明（王明-人社局）、李华（李华-人社局）']],
      ['update', '扎兰屯博物馆', ['主办单位:扎兰屯市博物馆→扎兰屯市文体旅游广电局（博物馆）']],
      ['add', '扎兰城管', ['账号类型:→微信服务号', '主办单位:→扎兰屯市城市管理综合执法局', '负责人:→赵强（赵强-城管局）', 'AppID:→wx00112233445566aa']],
      ['add', '扎兰交警（微博）', ['账号类型:→新浪微博', '主办单位:→扎兰屯市公安局交通管理大队']],
    ],
  );
  t.deepEqual(plan.notInSheet, ['扎兰交警']);
  t.deepEqual(plan.secretsToSet, [{ account: '扎兰城管', env: 'APPSECRET_WX00112233445566AA' }]);

  // Exactly two old lines change; comments, secrets and the menu stay byte for byte.
  const ops = diffLines(before.split('\n'), after.split('\n'));
  t.deepEqual(
    ops.filter((o) => o.kind === 'del').map((o) => o.text.trim()),
    ['owners: [{ name: 王明, remark: 王明-人社局, channel: 人社企业微信 }]', 'unit: 扎兰屯市博物馆'],
  );
  for (const line of ['allowPrivateAddresses: false   # 内网地址不检查', 'appSecret: env:ZLT12333_SECRET   # 李华保管', '# 人社局', '- name: 扎兰屯博物馆                 # 没有接口权限，菜单登记在这里', '- { type: view, name: 预约参观, url: "https://bwg.zlt.gov.cn/yuyue" }']) {
    t.true(after.includes(line), line);
  }
  t.regex(after, /owners: \[ \{ name: 王明, remark: 王明-人社局, channel: 人社企业微信 \}, \{ name: 李华, remark: 李华-人社局 \} \]/, 'a person the sheet has no column for keeps their channel');

  const loaded = parseConfig(after, config, { ZLT12333_SECRET: 's1', WECOM_KEY: 'k', APPSECRET_WX00112233445566AA: 's2' });
  t.deepEqual(loaded.accounts.map((a) => [a.name, a.platform, a.unit ?? '']), [
    ['扎兰屯12333', 'wechat-subscription', '扎兰屯市人力资源和社会保障局'],
    ['扎兰屯博物馆', 'wechat-subscription', '扎兰屯市文体旅游广电局（博物馆）'],
    ['扎兰交警', 'wechat-subscription', ''],
    ['扎兰城管', 'wechat-service', '扎兰屯市城市管理综合执法局'],
    ['扎兰交警（微博）', 'weibo', '扎兰屯市公安局交通管理大队'],
  ]);
  t.is(loaded.accounts[3]?.appSecret?.source, 'env:APPSECRET_WX00112233445566AA');
});

test('importing the same sheet twice changes nothing the second time', async (t) => {
  const { config, sheet } = await office(t);
  const first = await planImport(sheet, config, new Map());
  if (first.kind !== 'ready') return t.fail();
  await writeFile(config, first.after);
  const second = await planImport(sheet, config, new Map());
  if (second.kind !== 'ready') return t.fail();
  t.deepEqual(second.plan.changes, []);
  t.is(second.after, first.after);
});

test('a config that is already wrong is refused before any row goes in', async (t) => {
  const { config, sheet } = await office(t);
  const broken = (await readFile(config, 'utf8')).replace('    unit: 扎兰屯市博物馆', '    unti: 扎兰屯市博物馆');
  await writeFile(config, broken);
  const error = await t.throwsAsync(planImport(sheet, config, new Map()));
  t.regex(error?.message ?? '', /accounts\[1\]：不认识的字段 unti（是不是 unit？）/);
  t.is(await readFile(config, 'utf8'), broken);
});

test('a config whose account list is still empty (accounts: []) gets the sheet\'s accounts, its other settings kept', async (t) => {
  const dir = await workDir(t);
  const config = join(dir, 'menu-patrol.yaml');
  await writeFile(config, ['timezone: Asia/Urumqi   # 本办的时区', 'accounts: []', ''].join('\n'));
  const sheet = await xlsxFile(dir, '账号登记表.xlsx', sheetRows, ['A1:F1']);
  const outcome = await planImport(sheet, config, new Map());
  if (outcome.kind !== 'ready') return t.fail(JSON.stringify(outcome.problems));
  t.deepEqual(outcome.plan.changes.map((c) => [c.kind, c.name]), [
    ['add', '扎兰屯12333'],
    ['add', '扎兰屯博物馆'],
    ['add', '扎兰城管'],
    ['add', '扎兰交警'],
  ]);
  t.true(outcome.after.includes('timezone: Asia/Urumqi   # 本办的时区'));
  const loaded = parseConfig(outcome.after, config, { APPSECRET_WX00112233445566AA: 's' });
  t.is(loaded.timezone, 'Asia/Urumqi');
  t.deepEqual(loaded.accounts.map((a) => a.name), ['扎兰屯12333', '扎兰屯博物馆', '扎兰城管', '扎兰交警']);
});

test('an empty account list is still a config error everywhere else, and other mistakes in it still stop the import', async (t) => {
  t.throws(() => parseConfig('accounts: []\n', 'menu-patrol.yaml', {}), { message: /至少要有 1 个账号/ });
  const dir = await workDir(t);
  const config = join(dir, 'menu-patrol.yaml');
  await writeFile(config, 'timezone: Mars/Olympus\naccounts: []\n');
  const sheet = await xlsxFile(dir, '账号登记表.xlsx', sheetRows, ['A1:F1']);
  await t.throwsAsync(planImport(sheet, config, new Map()), { message: /时区/ });
});
