import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/** A temp folder for one test's sheets and configs. */
export async function workDir(t: ExecutionContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-import-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** An .xlsx as an office would make it: rows as given, optional merged ranges. */
export async function xlsxFile(dir: string, name: string, rows: readonly (readonly (string | number | null)[])[], merges: readonly string[] = []): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('账号');
  for (const row of rows) sheet.addRow([...row]);
  for (const range of merges) sheet.mergeCells(range);
  const file = join(dir, name);
  await book.xlsx.writeFile(file);
  return file;
}

/** A CSV in UTF-8, or in GBK as Excel on a Chinese Windows saves it. */
export async function csvFile(dir: string, name: string, text: string, encoding: 'utf8' | 'gbk' = 'utf8'): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, encoding === 'gbk' ? iconv.encode(text, 'gbk') : text);
  return file;
}
