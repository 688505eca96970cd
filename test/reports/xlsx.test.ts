import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import ExcelJS from 'exceljs';
import { defaultTimeZone } from '../../config/schema.ts';
import { buildReport } from '../../reports/build-report.ts';
import { parsePeriod } from '../../reports/period.ts';
import { reportTargets, writeReportFiles } from '../../reports/report-files.ts';
import { defaultRules, register, reportNow, reportStore } from '../helpers/report-fixture.ts';

/** Write the quarter's xlsx to disk and read it back the way Excel would get it. */
async function workbook(t: ExecutionContext, quarter: string): Promise<ExcelJS.Workbook> {
  const store = await reportStore(t);
  const report = buildReport({ register, runs: store.runs, findings: store.findings, rules: defaultRules, period: parsePeriod({ quarter }, defaultTimeZone), now: reportNow });
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-xlsx-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const [file] = await writeReportFiles(report, reportTargets(report, 'xlsx', dir));
  t.is(file, join(dir, `菜单巡检报告-${quarter}.xlsx`));
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file!);
  return book;
}

const values = (sheet: ExcelJS.Worksheet, row: number) => (sheet.getRow(row).values as unknown[]).slice(1);

test('the summary sheet is the notice attachment table, ready to print', async (t) => {
  const book = await workbook(t, '2026Q4');
  t.deepEqual(book.worksheets.map((s) => s.name), ['统计表', '问题明细']);
  const sheet = book.getWorksheet('统计表')!;
  t.is(sheet.getCell('A1').text, '政务新媒体菜单巡检情况统计表（2026年第四季度）');
  t.regex(sheet.getCell('A2').text, /^统计期间：2026-10-01 至 2026-12-31，2026-11-30 12:00 生成\n巡检 2 次/);
  t.deepEqual(values(sheet, 3), ['序号', '新媒体账号名称', '账号类型', '主办单位', '问题数', '扣分', '合格/不合格', '问题类型', '审核不严', '超期']);
  t.deepEqual(values(sheet, 4), [1, '扎兰屯12333', '微信订阅号', '扎兰屯市人力资源和社会保障局', 1, 1, '不合格', '栏目无法打开 1 项']);
  t.deepEqual(values(sheet, 5), [2, '扎兰统计', '微信订阅号', '扎兰屯市统计局', 2, 2, '不合格', '互动功能不可用 1 项、栏目无法打开 1 项（单项否决）\n单项否决：互动交流 > 局长信箱：互动功能不可用']);
  t.deepEqual(values(sheet, 6), [3, '扎兰城管', '微信订阅号', '扎兰屯市城市管理综合执法局', 0, 0, '合格', '']);
  t.deepEqual(values(sheet, 8).slice(0, 7), [5, '扎兰屯市自然资源局', '微信订阅号', '扎兰屯市自然资源局', undefined, undefined, '未能读取菜单']);
  t.deepEqual(values(sheet, 10).slice(0, 3), [7, '扎兰屯政务', '新浪微博']);
  t.regex(sheet.getCell('A12').text, /^年内两次及以上不合格（年末考核将扣分）：扎兰屯12333（第三季度、第四季度）/);
  t.is(sheet.getCell('A13').text, '未核实的菜单项（小程序、图片或语音，请在手机上点开确认）：扎兰城管｜便民服务 > 停车缴费');
  t.regex(sheet.getCell('A14').text, /^注：1\. 每个打不开或不能用的菜单项扣 1 分/);

  t.like(sheet.getCell('B4').font, { name: '宋体', size: 11 });
  t.like(sheet.getCell('G4').font, { bold: true, color: { argb: 'FFC0392B' } });
  t.like(sheet.getCell('B3').font, { name: '宋体', bold: true });
  t.is(sheet.getColumn(2).width, 28);
  t.is(sheet.getColumn(8).width, 42);
  t.like(sheet.views[0], { state: 'frozen', ySplit: 3 });
  t.like(sheet.pageSetup, { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
  t.true(sheet.model.merges.includes('A1:J1'));
});

test('the detail sheet lists every failing item with evidence, dates and days open', async (t) => {
  const sheet = (await workbook(t, '2026Q4')).getWorksheet('问题明细')!;
  t.deepEqual(values(sheet, 1), ['账号', '菜单位置', '问题', '证据链接', '首次发现', '整改时间', '持续天数', '互动类']);
  t.is(sheet.rowCount, 5);
  const first = values(sheet, 2);
  t.deepEqual([first[0], first[1], first[4], first[5], first[6], first[7]], ['扎兰屯12333', '办事服务 > 医保缴费', '2026-10-12 08:30', '未整改', 49, '']);
  t.regex(String(first[2]), /^网页显示“页面不存在”或已被删除/);
  const link = sheet.getCell('D2').value as { text: string; hyperlink: string };
  t.is(link.hyperlink, link.text);
  t.regex(link.hyperlink, /^https:\/\/www\.zlt\.gov\.cn\//);
  t.deepEqual(values(sheet, 3).slice(4), ['2026-10-12 08:30', '2026-11-02 08:30', 21, '']);
  t.deepEqual(values(sheet, 4).slice(0, 2), ['扎兰统计', '互动交流 > 局长信箱']);
  t.is(values(sheet, 4)[7], '是');
  t.like(sheet.views[0], { state: 'frozen', ySplit: 1 });
  t.like(sheet.pageSetup, { orientation: 'landscape', paperSize: 9, printTitlesRow: '1:1' });
  t.like(sheet.getCell('C2').font, { name: '宋体' });
});

test('a quarter without sweeps gives a sheet that says so, and no empty table', async (t) => {
  const book = await workbook(t, '2026Q1');
  t.deepEqual(book.worksheets.map((s) => s.name), ['统计表']);
  const sheet = book.getWorksheet('统计表')!;
  t.is(sheet.getCell('A2').text, '2026年第一季度（2026-01-01 至 2026-03-31）没有巡检记录，无法评定各账号是否合格。');
  t.regex(sheet.getCell('A3').text, /2026-08-10 至 2026-11-02/);
  t.is(sheet.rowCount, 3);
});
