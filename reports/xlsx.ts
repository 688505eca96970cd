import ExcelJS from 'exceljs';
import { formatLocal } from '../core/time.ts';
import type { Report } from './report-model.ts';
import { noDataLines, overviewLines, reportTitle } from './wording.ts';

/**
 * The workbook a clerk prints as is: the notice's attachment table on the
 * first sheet, every failing item on the second, in 宋体, with widths set,
 * the header frozen and repeated on each A4 landscape page.
 */

type Sheet = ExcelJS.Worksheet;

/** charset 134 (GB2312) tells Excel the face is a Chinese one. */
const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: '宋体', size: 11, charset: 134, ...extra });
const thin: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

const summaryColumns = [
  { header: '序号', width: 6 },
  { header: '新媒体账号名称', width: 28 },
  { header: '账号类型', width: 12 },
  { header: '主办单位', width: 30 },
  { header: '问题数', width: 8 },
  { header: '扣分', width: 8 },
  { header: '合格/不合格', width: 12 },
  { header: '问题类型', width: 42 },
  { header: '审核不严', width: 9 },
  { header: '超期', width: 6 },
] as const;

const detailColumns = [
  { header: '账号', width: 24 },
  { header: '菜单位置', width: 30 },
  { header: '问题', width: 46 },
  { header: '证据链接', width: 40 },
  { header: '首次发现', width: 17 },
  { header: '整改时间', width: 17 },
  { header: '持续天数', width: 9 },
  { header: '互动类', width: 8 },
] as const;

function printSetup(sheet: Sheet, headerRow: number): void {
  sheet.pageSetup = {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    printTitlesRow: `${headerRow}:${headerRow}`,
  };
  sheet.headerFooter = { oddFooter: '第 &P 页，共 &N 页' };
  sheet.views = [{ state: 'frozen', ySplit: headerRow, activeCell: `A${headerRow + 1}` }];
}

/** A line of text across the whole table width. */
function banner(sheet: Sheet, columns: number, text: string, style: Partial<ExcelJS.Font> = {}, lines = 1): void {
  const row = sheet.addRow([text]);
  sheet.mergeCells(row.number, 1, row.number, columns);
  row.getCell(1).font = font(style);
  row.getCell(1).alignment = { wrapText: true, vertical: 'middle', horizontal: style.bold ? 'center' : 'left' };
  row.height = 16 * lines + 4;
}

function table(sheet: Sheet, columns: readonly { header: string; width: number }[], rows: readonly (ExcelJS.CellValue | undefined)[][]): number {
  columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.eachCell((cell) => {
    cell.font = font({ bold: true });
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = thin;
  });
  for (const values of rows) {
    const row = sheet.addRow(values);
    for (let i = 1; i <= columns.length; i++) {
      const cell = row.getCell(i);
      cell.font = font();
      cell.border = thin;
      cell.alignment = { vertical: 'middle', wrapText: true };
    }
  }
  return header.number;
}

function summarySheet(book: ExcelJS.Workbook, report: Report): void {
  const sheet = book.addWorksheet('统计表');
  const width = summaryColumns.length;
  banner(sheet, width, reportTitle(report), { bold: true, size: 16 });
  if (!report.hasData) {
    noDataLines(report).forEach((line) => banner(sheet, width, line, { size: 12 }));
    summaryColumns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
    return;
  }
  const overview = overviewLines(report);
  banner(sheet, width, overview.join('\n'), {}, overview.length);
  const headerRow = table(
    sheet,
    summaryColumns,
    report.rows.map((r) => [r.seq, r.name, r.type, r.unit, r.state === 'scored' ? r.items : undefined, r.deduction ?? undefined, r.result, [r.problemTypes, ...r.vetoes.map((v) => `单项否决：${v}`)].join('\n'), r.articles || undefined, r.overdue || undefined]),
  );
  report.rows.forEach((r, i) => {
    const row = sheet.getRow(headerRow + 1 + i);
    for (const col of [1, 5, 6, 7, 9, 10]) row.getCell(col).alignment = { horizontal: 'center', vertical: 'middle' };
    if (r.result === '不合格') row.getCell(7).font = font({ bold: true, color: { argb: 'FFC0392B' } });
    if (r.state !== 'scored') row.getCell(7).font = font({ color: { argb: 'FF777777' } });
  });
  sheet.addRow([]);
  if (report.repeatOffenders.length > 0) {
    banner(sheet, width, `年内两次及以上不合格（年末考核将扣分）：${report.repeatOffenders.map((o) => `${o.account}（${o.quarters.join('、')}）`).join('；')}`, { bold: false, color: { argb: 'FFC0392B' } });
  }
  if (report.unverified.length > 0) {
    banner(sheet, width, `未核实的菜单项（小程序、图片或语音，请在手机上点开确认）：${report.unverified.map((u) => `${u.account}｜${u.place}`).join('；')}`, { bold: false });
  }
  banner(sheet, width, `注：${report.ruleLines.map((l, i) => `${i + 1}. ${l}`).join('\n')}`, { size: 10 }, report.ruleLines.length);
  printSetup(sheet, headerRow);
}

function detailSheet(book: ExcelJS.Workbook, report: Report): void {
  const sheet = book.addWorksheet('问题明细');
  const headerRow = table(
    sheet,
    detailColumns,
    report.details.map((d) => [
      d.account,
      d.place,
      d.problem,
      d.link ? { text: d.link, hyperlink: d.link } : undefined,
      formatLocal(d.firstSeen, report.period.timeZone),
      d.fixedAt ? `${formatLocal(d.fixedAt, report.period.timeZone)}${d.removed ? '（菜单项已删除）' : ''}` : '未整改',
      d.daysOpen,
      d.critical ? '是' : '',
    ]),
  );
  report.details.forEach((d, i) => {
    const row = sheet.getRow(headerRow + 1 + i);
    if (d.link) row.getCell(4).font = font({ size: 9, color: { argb: 'FF1F4E9E' }, underline: true });
    for (const col of [5, 6, 7, 8]) row.getCell(col).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  if (report.details.length > 0) sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: detailColumns.length } };
  else banner(sheet, detailColumns.length, '本期没有打不开或不能用的菜单项。');
  printSetup(sheet, headerRow);
}

export async function renderXlsx(report: Report): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'menu-patrol';
  book.created = new Date(report.generatedAt);
  book.modified = new Date(report.generatedAt);
  summarySheet(book, report);
  if (report.hasData) detailSheet(book, report);
  return Buffer.from(await book.xlsx.writeBuffer());
}
