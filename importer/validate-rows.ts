import type { Platform } from '../config/schema.ts';
import { platformLabels } from '../reports/account-types.ts';
import { fieldNames, findHeader, type Field, type RowProblem } from './columns.ts';
import { nameDamage } from './name-checks.ts';
import type { RawSheet, SheetRow } from './read-sheet.ts';

export interface Owner {
  readonly name: string;
  readonly remark?: string;
}

/** One account as the sheet has it, checked. Absent fields leave the config's value alone. */
export interface ImportRow {
  readonly row: number;
  readonly name: string;
  readonly platform: Platform;
  readonly unit?: string;
  readonly owners?: readonly Owner[];
  readonly appId?: string;
}

export interface ValidateOptions {
  /** The config's accounts by name: a Weibo row named like a WeChat account gets 「（微博）」 as the demo's register does. */
  readonly existing: ReadonlyMap<string, Platform>;
  /** Names a person gave for rows by row number (--rename 25=平安扎兰屯). */
  readonly renames: ReadonlyMap<number, string>;
}

const weiboSuffix = '（微博）';

const platformWords: Readonly<Record<string, Platform>> = {
  ...Object.fromEntries(Object.entries(platformLabels).map(([platform, label]) => [label, platform as Platform])),
  订阅号: 'wechat-subscription',
  服务号: 'wechat-service',
  微博: 'weibo',
  'wechat-subscription': 'wechat-subscription',
  'wechat-service': 'wechat-service',
  weibo: 'weibo',
};

const split = (text: string) => text.split(/[、,，;；\s]+/).filter(Boolean);

/** "B3:C4" → its first and last row. */
function mergeRows(range: string): [number, number] {
  const rows = [...range.matchAll(/\d+/g)].map((m) => Number(m[0]));
  return [Math.min(...rows), Math.max(...rows)];
}

function checkRow(r: SheetRow, get: (f: Field) => string, renamed: string | undefined): { row?: ImportRow; problems: string[] } {
  const problems: string[] = [];
  const name = renamed ?? get('name');
  if (name === '') problems.push(`没有填${fieldNames.name}。`);
  const damage = renamed === undefined && name !== '' ? nameDamage(name) : null;
  if (damage) {
    const notes = get('notes');
    const suggestion = /“([^”]+)”/.exec(notes)?.[1];
    problems.push(`${fieldNames.name}“${name}”${damage}${notes ? `（备注：${notes}）` : ''}。请在表格里改正，或导入时加上 --rename ${r.number}=${suggestion ?? '正确名称'}。`);
  }
  const typeText = get('platform');
  const platform = platformWords[typeText.normalize('NFKC').replace(/\s+/g, '').toLowerCase()];
  if (typeText === '') problems.push(`没有填${fieldNames.platform}。`);
  else if (!platform) problems.push(`${fieldNames.platform}“${typeText}”不认识，应为 ${Object.values(platformLabels).join('、')} 之一（也可写 订阅号、服务号、微博）。`);
  const owners = split(get('owners'));
  const remarks = split(get('remarks'));
  if (remarks.length > 0 && remarks.length !== owners.length) {
    problems.push(`有 ${owners.length} 位${fieldNames.owners}，却有 ${remarks.length} 个${fieldNames.remarks}：请一一对应，多人用“、”隔开。`);
  }
  const appId = get('appId');
  if (appId !== '' && !/^wx[0-9a-f]{16}$/i.test(appId)) problems.push(`AppID“${appId}”格式不对：应为 wx 开头、共 18 位。`);
  if (appId !== '' && platform === 'weibo') problems.push('微博账号没有自定义菜单，不用填 AppID。');
  if (problems.length > 0 || !platform) return { problems };
  const unit = get('unit');
  return {
    problems,
    row: {
      row: r.number,
      name,
      platform,
      ...(unit ? { unit } : {}),
      ...(owners.length > 0 ? { owners: owners.map((o, i) => (remarks[i] ? { name: o, remark: remarks[i] } : { name: o })) } : {}),
      ...(appId ? { appId } : {}),
    },
  };
}

/** Every row checked before anything is written: the result has rows only when there are no problems. */
export function validateRows(sheet: RawSheet, options: ValidateOptions): { rows: ImportRow[]; problems: RowProblem[] } {
  const { header, problems } = findHeader(sheet.rows);
  // Without the name and type columns every row would repeat the header's problem.
  if (!header?.complete) return { rows: [], problems };
  for (const range of sheet.merges) {
    const [first, last] = mergeRows(range);
    if (last < header.row) continue; // a title across the top
    problems.push({ row: first, message: `${range} 是合并单元格：请取消合并，并在${first === last ? '每一格' : '每一行'}都填上内容。` });
  }
  const data = sheet.rows.filter((r) => r.number > header.row);
  const isEmpty = (r: SheetRow) => r.cells.every((c) => c === '');
  const lastFilled = data.findLastIndex((r) => !isEmpty(r));
  const checked: ImportRow[] = [];
  const accountRows = new Set<number>();
  for (const r of data.slice(0, lastFilled + 1)) {
    if (isEmpty(r)) {
      problems.push({ row: r.number, message: '这是空行，请删除（空行下面的账号容易被漏看）。' });
      continue;
    }
    accountRows.add(r.number);
    const get = (f: Field) => r.cells[header.columns.get(f) ?? -1] ?? '';
    const result = checkRow(r, get, options.renames.get(r.number));
    const seq = get('seq');
    problems.push(...result.problems.map((message) => ({ row: r.number, ...(seq ? { seq } : {}), message })));
    if (result.row) checked.push(result.row);
  }
  for (const row of options.renames.keys()) {
    if (!accountRows.has(row)) problems.push({ row, message: `--rename 指定的第 ${row} 行不是表格里的账号行。` });
  }

  const wechatNames = new Set([...checked.filter((r) => r.platform !== 'weibo').map((r) => r.name), ...[...options.existing].filter(([, p]) => p !== 'weibo').map(([n]) => n)]);
  const rows = checked.map((r) =>
    r.platform === 'weibo' && (wechatNames.has(r.name) || options.existing.get(r.name + weiboSuffix) === 'weibo') ? { ...r, name: r.name + weiboSuffix } : r,
  );
  const firstRow = new Map<string, number>();
  for (const r of rows) {
    const first = firstRow.get(r.name);
    if (first === undefined) firstRow.set(r.name, r.row);
    else problems.push({ row: r.row, message: `${fieldNames.name}“${r.name}”和第 ${first} 行重复。` });
  }
  problems.sort((a, b) => a.row - b.row);
  return { rows: problems.length > 0 ? [] : rows, problems };
}
