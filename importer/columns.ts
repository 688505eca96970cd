import { didYouMean } from '../config/did-you-mean.ts';
import type { SheetRow } from './read-sheet.ts';

/** A problem with the sheet, located by the row number Excel shows. */
export interface RowProblem {
  readonly row: number;
  /** The row's 序号, when the sheet has one: clerks find rows by it as often as by Excel's number. */
  readonly seq?: string;
  readonly message: string;
}

export type Field = 'seq' | 'name' | 'platform' | 'unit' | 'owners' | 'remarks' | 'appId' | 'notes';

/** Header words offices use for each field, compared without spaces, case or full-width forms. */
const headerWords: Readonly<Record<Field, readonly string[]>> = {
  seq: ['序号', '编号'],
  name: ['账号名称', '新媒体账号名称', '公众号名称', '名称'],
  platform: ['账号类型', '类型', '平台'],
  unit: ['主办单位', '单位'],
  owners: ['负责人', '联系人'],
  remarks: ['微信备注', '备注名'],
  appId: ['appid', '开发者id'],
  /** Not imported: read only to quote what the sheet's editor noted about a row. */
  notes: ['备注', '说明'],
};

/**
 * The quarterly notice's result columns. A sheet saved from last quarter's 通报
 * carries them; they say nothing about the register, so they are skipped, not refused.
 */
const resultColumns = ['审核不严', '扣分', '扣分原因', '结果', '合格/不合格', '问题数', '问题类型', '错敏字/栏目更新'];

const required: readonly Field[] = ['name', 'platform'];

export const fieldNames: Readonly<Record<Field, string>> = {
  seq: '序号',
  name: '账号名称',
  platform: '账号类型',
  unit: '主办单位',
  owners: '负责人',
  remarks: '微信备注',
  appId: 'AppID',
  notes: '备注',
};

/** 帐号 and 账号 are both in everyday use. */
const normalize = (text: string) => text.normalize('NFKC').replace(/\s+/g, '').replace(/帐/g, '账').toLowerCase();

/** Edit distance alone suggests 联系人 for 联系电话; a guess must share all but one character. */
function guessFor(header: string): string | undefined {
  const guess = didYouMean(header, Object.values(headerWords).flat());
  if (!guess) return undefined;
  const shared = [...guess].filter((c) => header.includes(c)).length;
  return shared >= Math.max(guess.length, [...header].length) - 1 ? guess : undefined;
}

/** 开发者ID(AppID) counts as either of its words. */
function fieldOf(header: string): Field | 'result' | undefined {
  const key = normalize(header);
  const forms = [key, key.replace(/\(.*?\)/g, ''), ...[...key.matchAll(/\((.*?)\)/g)].map((m) => m[1]!)];
  if (forms.some((f) => resultColumns.includes(f))) return 'result';
  return (Object.keys(headerWords) as Field[]).find((field) => headerWords[field].some((w) => forms.includes(normalize(w))));
}

const columnLetter = (index: number): string =>
  (index >= 26 ? columnLetter(Math.floor(index / 26) - 1) : '') + String.fromCharCode(65 + (index % 26));

export interface Header {
  readonly row: number;
  readonly columns: ReadonlyMap<Field, number>;
  /** Every required column is there, so rows can be checked. */
  readonly complete: boolean;
}

/** Title rows may sit above the header: it is the first of the top rows that names the account column. */
export function findHeader(rows: readonly SheetRow[]): { header: Header | null; problems: RowProblem[] } {
  const candidate = rows.slice(0, 5).find((r) => r.cells.some((c) => fieldOf(c) === 'name'));
  if (!candidate) {
    return { header: null, problems: [{ row: rows[0]?.number ?? 1, message: `找不到表头：前几行里没有“${fieldNames.name}”这一列。请让第一行是列名（${Object.values(fieldNames).join('、')}）。` }] };
  }
  const problems: RowProblem[] = [];
  const columns = new Map<Field, number>();
  const below = rows.filter((r) => r.number > candidate.number);
  candidate.cells.forEach((text, index) => {
    const where = `${columnLetter(index)} 列`;
    if (text === '') {
      if (below.some((r) => (r.cells[index] ?? '') !== '')) problems.push({ row: candidate.number, message: `${where}有内容但没有列名，请补上列名或删除这一列。` });
      return;
    }
    const field = fieldOf(text);
    if (field === 'result') return;
    if (field === undefined) {
      const guess = guessFor(text);
      problems.push({
        row: candidate.number,
        message: `${where}“${text}”不是可以导入的列${guess ? `（是不是“${guess}”？）` : ''}。可以导入的列：${Object.values(fieldNames).join('、')}；请改名或删除这一列。`,
      });
      return;
    }
    const first = columns.get(field);
    if (first !== undefined) problems.push({ row: candidate.number, message: `${where}和 ${columnLetter(first)} 列都是“${fieldNames[field]}”，只能有一列。` });
    else columns.set(field, index);
  });
  const missing = required.filter((field) => !columns.has(field));
  for (const field of missing) problems.push({ row: candidate.number, message: `缺少“${fieldNames[field]}”列。` });
  return { header: { row: candidate.number, columns, complete: missing.length === 0 }, problems };
}
