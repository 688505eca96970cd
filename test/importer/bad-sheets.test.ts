import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { planImport } from '../../importer/plan-import.ts';
import { csvFile, workDir, xlsxFile } from '../helpers/sheets.ts';

type Rows = (string | number | null)[][];

/** Every problem the sheet has, as [row, message]; the import must not be ready. */
async function problems(t: ExecutionContext, rows: Rows, merges: string[] = [], renames = new Map<number, string>()): Promise<[number, string][]> {
  const dir = await workDir(t);
  const outcome = await planImport(await xlsxFile(dir, 'sheet.xlsx', rows, merges), join(dir, 'menu-patrol.yaml'), renames);
  if (outcome.kind !== 'bad-sheet') throw new Error('a bad sheet was accepted');
  return outcome.problems.map((p) => [p.row, p.message]);
}

const header = ['序号', '账号名称', '账号类型', '主办单位'];

test('a missing required column is named, at the header row', async (t) => {
  t.deepEqual(await problems(t, [['序号', '账号名称', '主办单位'], [1, '扎兰统计', '扎兰屯市统计局']]), [[1, '缺少“账号类型”列。']]);
});

test('an unknown column is refused with a guess, a result column of the notice is skipped', async (t) => {
  const found = await problems(t, [['账号名称', '账号类别', '扣分', '结果', '联系电话'], ['扎兰统计', '微信订阅号', '', '合格', '0470-1234567']]);
  t.deepEqual(found.map(([row]) => row), [1, 1, 1]);
  t.regex(found[0]![1], /^B 列“账号类别”不是可以导入的列（是不是“账号类型”？）/);
  t.regex(found[1]![1], /^E 列“联系电话”不是可以导入的列。可以导入的列：序号、账号名称、账号类型/);
  t.is(found[2]![1], '缺少“账号类型”列。');
});

test('a column with data but no header, and the same column twice, are refused', async (t) => {
  const found = await problems(t, [['账号名称', '账号类型', '', '名称'], ['扎兰统计', '微信订阅号', '多出来的', '扎兰统计']]);
  t.deepEqual(found, [
    [1, 'C 列有内容但没有列名，请补上列名或删除这一列。'],
    [1, 'D 列和 A 列都是“账号名称”，只能有一列。'],
  ]);
});

test('duplicate names are refused at the second row; a Weibo twin of a WeChat account is not a duplicate', async (t) => {
  const found = await problems(t, [header, [1, '扎兰交警', '微信订阅号', ''], [2, '扎兰交警', '新浪微博', ''], [3, '扎兰统计', '微信订阅号', ''], [4, '扎兰统计', '微信服务号', '']]);
  t.deepEqual(found, [[5, '账号名称“扎兰统计”和第 4 行重复。']]);
});

test('a bad account type is refused with the accepted words', async (t) => {
  t.deepEqual(await problems(t, [header, [1, '扎兰统计', '抖音', ''], [2, '扎兰交警', '', '']]), [
    [2, '账号类型“抖音”不认识，应为 微信订阅号、微信服务号、新浪微博 之一（也可写 订阅号、服务号、微博）。'],
    [3, '没有填账号类型。'],
  ]);
});

test('merged cells in the table are refused; a merged title above the header is fine', async (t) => {
  const rows: Rows = [['账号登记表'], header, [1, '扎兰统计', '微信订阅号', '扎兰屯市统计局'], [2, '扎兰统计局', '微信订阅号', '扎兰屯市统计局']];
  t.deepEqual(await problems(t, rows, ['A1:D1', 'D3:D4']), [[3, 'D3:D4 是合并单元格：请取消合并，并在每一行都填上内容。']]);
});

test('an empty row in the middle is refused; trailing empty rows are not', async (t) => {
  t.deepEqual(await problems(t, [header, [1, '扎兰统计', '微信订阅号', ''], [], [2, '扎兰交警', '微信订阅号', ''], [], []]), [[3, '这是空行，请删除（空行下面的账号容易被漏看）。']]);
});

test('names that cannot be real, AppIDs and owners that do not fit, are each refused', async (t) => {
  const rows: Rows = [
    ['账号名称', '账号类型', '负责人', '微信备注', 'AppID'],
    ['欧洲杯比赛投注欧洲足球联赛-官网直播', '微信订阅号', '', '', ''],
    ['扎兰统计', '微信订阅号', '李华', '李华-统计局、王明-统计局', 'wx123'],
    ['扎兰屯政务', '新浪微博', '', '', 'wx0123456789abcdef'],
    ['', '微信订阅号', '', '', ''],
  ];
  t.deepEqual(await problems(t, rows), [
    [2, '账号名称“欧洲杯比赛投注欧洲足球联赛-官网直播”里有博彩、色情词语，像是从被篡改的网页上复制来的。请在表格里改正，或导入时加上 --rename 2=正确名称。'],
    [3, '有 1 位负责人，却有 2 个微信备注：请一一对应，多人用“、”隔开。'],
    [3, 'AppID“wx123”格式不对：应为 wx 开头、共 18 位。'],
    [4, '微博账号没有自定义菜单，不用填 AppID。'],
    [5, '没有填账号名称。'],
  ]);
});

test('--rename must point at a row of the table', async (t) => {
  t.deepEqual(await problems(t, [header, [1, '扎兰统计', '微信订阅号', '']], [], new Map([[9, '扎兰交警']])), [[9, '--rename 指定的第 9 行不是表格里的账号行。']]);
});

test('a sheet without a header, or with no accounts, is refused', async (t) => {
  t.deepEqual(await problems(t, [['扎兰统计', '微信订阅号']]), [[1, '找不到表头：前几行里没有“账号名称”这一列。请让第一行是列名（序号、账号名称、账号类型、主办单位、负责人、微信备注、AppID、备注）。']]);
  t.deepEqual(await problems(t, [header]), [[1, '表格里没有账号。']]);
});

test('a CSV is held to the same rules, with its rows numbered as lines', async (t) => {
  const dir = await workDir(t);
  const file = await csvFile(dir, 'sheet.csv', '账号名称,账号类型\n扎兰统计,微信订阅号\n扎兰统计,微信订阅号\n');
  const outcome = await planImport(file, join(dir, 'menu-patrol.yaml'), new Map());
  t.deepEqual(outcome.kind === 'bad-sheet' ? outcome.problems : [], [{ row: 3, message: '账号名称“扎兰统计”和第 2 行重复。' }]);
});

test('only .xlsx and .csv are read, and an .xls gets told how to convert', async (t) => {
  const dir = await workDir(t);
  const error = await t.throwsAsync(planImport(join(dir, '账号.xls'), join(dir, 'c.yaml'), new Map()));
  t.is(error?.message, `只能导入 .xlsx 或 .csv 表格，${join(dir, '账号.xls')} 不是。请在 Excel 或 WPS 里“另存为” .xlsx 后再导入。`);
  const missing = await t.throwsAsync(planImport(join(dir, '没有.xlsx'), join(dir, 'c.yaml'), new Map()));
  t.regex(missing?.message ?? '', /没有\.xlsx 文件不存在。$/);
});
