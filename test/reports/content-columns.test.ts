import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import ExcelJS from 'exceljs';
import { demoFor, sweptQuarter } from '../helpers/demo.ts';

test('the 通报 table fills 审核不严 and 超期 from the sweep’s findings, at the notice’s 1 point per article and per overdue account', async (t) => {
  const demo = await demoFor(t);
  await demo.run('check', '--config', demo.configPath, '--db', demo.db);
  const quarter = await sweptQuarter(demo);
  const out = join(demo.dir, 'reports');
  t.is((await demo.run('report', '-q', quarter.slug, '-f', 'all', '--config', demo.configPath, '--db', demo.db, '--out', out)).code, 0);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(join(out, `菜单巡检报告-${quarter.slug}.xlsx`));
  const sheet = book.getWorksheet('统计表')!;
  t.deepEqual([9, 10].map((c) => sheet.getCell(3, c).text), ['审核不严', '超期']);
  const rows = new Map(Array.from({ length: 31 }, (_, i) => [sheet.getCell(4 + i, 2).text, sheet.getRow(4 + i)]));
  const filled = [...rows].filter(([, r]) => r.getCell(9).text || r.getCell(10).text).map(([name, r]) => [name, r.getCell(9).text, r.getCell(10).text]);
  t.deepEqual(
    filled.sort(),
    [
      ['成吉思汗镇人民政府', '1', ''],
      ['扎兰屯发布', '2', ''],
      ['扎兰屯市司法局', '1', ''],
      ['扎兰屯教育在线', '1', ''],
      ['扎兰屯环境保护', '', '1'],
    ].sort(),
  );
  // 扎兰屯环境保护 has nothing else wrong: its only deduction is the overdue point.
  const overdue = rows.get('扎兰屯环境保护')!;
  t.deepEqual([overdue.getCell(5).text, overdue.getCell(6).text, overdue.getCell(7).text, overdue.getCell(8).text], ['1', '1', '不合格', '超期 1 项']);
  t.regex(rows.get('扎兰屯发布')!.getCell(8).text, /错敏字 2 项/);
  const details = book.getWorksheet('问题明细')!;
  const places = Array.from({ length: details.rowCount - 1 }, (_, i) => details.getCell(2 + i, 2).text);
  t.true(places.includes('内容更新') && places.includes('已发布文章《我市持续深入推进打黑除恶专项斗争》'));

  // The overview counts content problems apart: an overdue account is not a menu item that fails to open.
  const markdown = await readFile(join(out, `菜单巡检报告-${quarter.slug}.md`), 'utf8');
  t.regex(markdown, /打不开或不能用的菜单项 \d+ 个，已整改 0 个，还有 \d+ 个没有整改；内容问题（超期未更新、错敏字、未遮盖的个人信息）7 个，已整改 0 个，还有 7 个没有整改/);
});
