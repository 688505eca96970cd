import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { parse } from 'yaml';
import { loadConfig } from '../../config/load.ts';
import { planImport } from '../../importer/plan-import.ts';
import { writeDemoConfig } from '../../sandbox/demo-config.ts';
import { fixture } from '../helpers/paths.ts';
import { csvFile, workDir } from '../helpers/sheets.ts';
import { sandboxFor } from '../sandbox/helpers.ts';

/** The office's real 2022 Q2 register, as published (copied from ../shared/data). */
const sample = fixture('import', 'zhalantun-2022q2-accounts.csv').path;

/** Excel rows of the three names the hijacked mirror damaged (序号 20, 21, 24), with the names the notice's editors give. */
const corrections = new Map([
  [21, '扎兰屯发布'],
  [22, '扎兰屯发布蒙古文'],
  [25, '平安扎兰屯'],
]);

test('the sample CSV, with its three damaged names corrected, reproduces the demo register', async (t) => {
  const dir = await workDir(t);
  const outcome = await planImport(sample, join(dir, 'menu-patrol.yaml'), corrections);
  if (outcome.kind !== 'ready') return t.fail(JSON.stringify(outcome.problems));
  const imported = (parse(outcome.after) as { accounts: { name: string; platform: string }[] }).accounts;

  const sandbox = await sandboxFor(t);
  const { configPath, env } = await writeDemoConfig(sandbox, dir);
  const demo = await loadConfig(configPath, env);
  t.deepEqual(
    imported.map((a) => `${a.name} ${a.platform}`),
    demo.accounts.map((a) => `${a.name} ${a.platform}`),
  );
  t.is(outcome.plan.changes.length, 31);
  t.true(outcome.after.startsWith('# 菜单巡检配置：账号由 menu-patrol import 从表格导入。'));
});

test('the sample CSV as published is refused, each damaged name with its row and what the notes suggest', async (t) => {
  const dir = await workDir(t);
  const outcome = await planImport(sample, join(dir, 'menu-patrol.yaml'), new Map());
  if (outcome.kind !== 'bad-sheet') return t.fail('a sheet with damaged names was accepted');
  t.deepEqual(outcome.problems.map((p) => [p.row, p.seq]), [
    [21, '20'],
    [22, '21'],
    [25, '24'],
  ]);
  t.regex(outcome.problems[0]!.message, /“（原名称被篡改）”是一段括号里的说明.*--rename 21=扎兰屯发布。$/);
  t.regex(outcome.problems[1]!.message, /--rename 22=扎兰屯发布蒙古文。$/);
  t.regex(outcome.problems[2]!.message, /“_安扎兰屯”里有“_”“\?”之类的占位符，像是缺了字（备注：名称在来源页可能缺字）.*--rename 25=正确名称。$/);
});

test('importing the sample into the demo config finds nothing to change', async (t) => {
  const dir = await workDir(t);
  const sandbox = await sandboxFor(t);
  const { configPath } = await writeDemoConfig(sandbox, dir);
  const before = await readFile(configPath, 'utf8');
  const outcome = await planImport(sample, configPath, corrections);
  if (outcome.kind !== 'ready') return t.fail(JSON.stringify(outcome.problems));
  t.deepEqual(outcome.plan.changes, []);
  t.is(outcome.plan.unchanged, 31);
  t.is(outcome.after, before, 'not a byte of the config moves');
});

test('a GBK-encoded CSV, as Excel on a Chinese Windows saves it, reads the same as UTF-8', async (t) => {
  const dir = await workDir(t);
  const gbk = await csvFile(dir, 'accounts-gbk.csv', await readFile(sample, 'utf8'), 'gbk');
  const fromGbk = await planImport(gbk, join(dir, 'a.yaml'), corrections);
  t.is(fromGbk.kind, 'ready');
  t.deepEqual(fromGbk, await planImport(sample, join(dir, 'b.yaml'), corrections));
});
