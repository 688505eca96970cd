import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { loadConfig } from '../../config/load.ts';
import { demoFor } from '../helpers/demo.ts';
import { fixture } from '../helpers/paths.ts';

const sample = fixture('import', 'zhalantun-2022q2-accounts.csv').path;
const renames = ['--rename', '21=扎兰屯发布', '22=扎兰屯发布蒙古文', '25=平安扎兰屯'];

test('import shows what it would change, writes only with --yes, then has nothing left to do', async (t) => {
  const demo = await demoFor(t);
  const config = join(demo.dir, 'new', 'menu-patrol.yaml');

  const preview = await demo.run('import', sample, '--config', config, ...renames);
  t.is(preview.code, 0, preview.stderr);
  t.regex(preview.stdout, new RegExp(`^从表格导入到 ${config}：新增 31 个账号，修改 0 个，0 个没有变化。\\n  \\+ 扎兰屯网警巡查执法（微博）：账号类型 新浪微博\\n`));
  t.regex(preview.stdout, /配置文件的改动（- 删去的行，\+ 加上的行）：\n@@ 第 1 行附近 @@\n\+ # 菜单巡检配置/);
  t.regex(preview.stdout, /这是预览，配置文件没有改动。确认无误后，加上 --yes 再运行一次。\n$/);
  await t.throwsAsync(access(config), undefined, 'a preview writes nothing');

  const written = await demo.run('import', sample, '--config', config, ...renames, '--yes');
  t.is(written.code, 0, written.stderr);
  t.regex(written.stdout, new RegExp(`已写入 ${config}。\\n$`));
  const loaded = await loadConfig(config, {});
  t.deepEqual(loaded.accounts.map((a) => a.name), demo.sandbox.accounts.map((a) => a.name));

  const again = await demo.run('import', sample, '-c', config, ...renames, '-y');
  t.is(again.code, 0);
  t.regex(again.stdout, /31 个没有变化。\n配置文件已经和表格一致，不需要修改。\n$/);
});

test('import of a sheet with problems lists every one with its row and leaves the config alone', async (t) => {
  const demo = await demoFor(t);
  const before = await readFile(demo.configPath, 'utf8');
  const { code, stdout, stderr } = await demo.run('import', sample, '--config', demo.configPath, '--yes');
  t.is(code, 2);
  t.is(stdout, '');
  t.regex(stderr, /^表格 .*zhalantun-2022q2-accounts\.csv 有 3 处需要改正，配置文件没有改动：\n  - 第 21 行（序号 20）：.*\n  - 第 22 行（序号 21）：.*\n  - 第 25 行（序号 24）：.*\n全部改好后再导入。\n$/);
  t.is(await readFile(demo.configPath, 'utf8'), before);
});

test('import explains a malformed --rename and a JSON config', async (t) => {
  const demo = await demoFor(t);
  const rename = await demo.run('import', sample, '--config', demo.configPath, '--rename', '25:平安扎兰屯');
  t.is(rename.code, 2);
  t.regex(rename.stderr, /--rename 的写法是 行号=名称，例如 --rename 25=平安扎兰屯，而不是“25:平安扎兰屯”/);
  const json = await demo.run('import', sample, '--config', join(demo.dir, 'menu-patrol.json'));
  t.is(json.code, 2);
  t.regex(json.stderr, /导入只能写入 YAML 配置文件/);
});
