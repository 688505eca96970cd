import { access, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { decodeBody } from '../analysis/charset.ts';
import { UsageError } from '../core/errors.ts';

/** A sheet as text: what each cell shows, by the row numbers Excel shows on the left. */
export interface SheetRow {
  readonly number: number;
  readonly cells: readonly string[];
}

export interface RawSheet {
  readonly rows: readonly SheetRow[];
  /** Merged ranges such as "B3:B4" (xlsx only; CSV cannot merge). */
  readonly merges: readonly string[];
}

function rowsOf(sheet: ExcelJS.Worksheet): SheetRow[] {
  const rows: SheetRow[] = [];
  for (let n = 1; n <= sheet.rowCount; n++) {
    const row = sheet.getRow(n);
    const cells: string[] = [];
    // cell.text is what Excel displays: rich text joined, hyperlinks' text, formulas' results.
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(row.getCell(c).text.trim());
    rows.push({ number: n, cells });
  }
  return rows;
}

async function readXlsx(file: string): Promise<RawSheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.worksheets[0];
  if (!sheet) throw new UsageError(`表格 ${file} 里没有工作表。`);
  return { rows: rowsOf(sheet), merges: sheet.model.merges ?? [] };
}

/** Excel on a Chinese Windows saves CSV in GBK unless told otherwise: the bytes decide, not an assumption. */
async function readCsv(file: string): Promise<RawSheet> {
  const { text } = decodeBody(await readFile(file), undefined);
  const book = new ExcelJS.Workbook();
  // Keep every value as typed: no numbers or dates guessed out of names like 12333 or AppIDs.
  const sheet = await book.csv.read(Readable.from([text.replace(/^\uFEFF/, '')]), { map: (value: unknown) => value });
  return { rows: rowsOf(sheet), merges: [] };
}

export async function readSheet(file: string): Promise<RawSheet> {
  const kind = extname(file).toLowerCase();
  if (kind !== '.xlsx' && kind !== '.csv') {
    throw new UsageError(`只能导入 .xlsx 或 .csv 表格，${file} 不是。${kind === '.xls' || kind === '.et' || kind === '.wps' ? '请在 Excel 或 WPS 里“另存为” .xlsx 后再导入。' : ''}`);
  }
  try {
    // exceljs reports a missing file in its own words; ask the file system first.
    await access(file);
    return await (kind === '.xlsx' ? readXlsx(file) : readCsv(file));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : `无法读取（${(error as Error).message}）`;
    throw new UsageError(`表格 ${file} ${reason}。`);
  }
}
