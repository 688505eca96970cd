import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { issueText } from '../config/issue-text.ts';
import { configSchema } from '../config/schema.ts';
import { yamlErrorText } from '../config/yaml-error-text.ts';
import { ConfigError, UsageError } from '../core/errors.ts';
import type { RowProblem } from './columns.ts';
import { readSheet } from './read-sheet.ts';
import { applyRows, existingAccounts, renderUpdated, type ImportPlan } from './update-config.ts';
import { validateRows } from './validate-rows.ts';

export type ImportOutcome =
  /** The sheet has problems: nothing may change until every one is fixed. */
  | { readonly kind: 'bad-sheet'; readonly problems: readonly RowProblem[] }
  | { readonly kind: 'ready'; readonly plan: ImportPlan; readonly before: string; readonly after: string };

async function configSource(file: string): Promise<string> {
  if (/\.json$/i.test(file)) throw new UsageError(`导入只能写入 YAML 配置文件，${file} 是 JSON。`);
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    // A first import creates the config.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new UsageError(`配置文件 ${file} 无法读取（${(error as Error).message}）。`);
  }
}

/** "25=平安扎兰屯" → row 25 is named 平安扎兰屯. */
export function parseRenames(values: readonly string[]): Map<number, string> {
  return new Map(
    values.map((v) => {
      const m = /^\s*(\d+)\s*[=＝]\s*(.+?)\s*$/.exec(v);
      if (!m) throw new UsageError(`--rename 的写法是 行号=名称，例如 --rename 25=平安扎兰屯，而不是“${v}”。`);
      return [Number(m[1]), m[2]!];
    }),
  );
}

/**
 * The config must be valid before rows go into it: a broken file is fixed by
 * a person first (secrets are not needed for that, so none are read).
 */
function checkConfig(raw: unknown, file: string): void {
  const checked = configSchema.safeParse(raw);
  if (checked.success) return;
  // An empty account list (`accounts: []`) is what the import is about to fill.
  const issues = checked.error.issues.filter((issue) => !(issue.code === 'too_small' && issue.path.join('.') === 'accounts'));
  if (issues.length === 0) return;
  throw new ConfigError(
    file,
    issues.map((issue) => ({
      path: issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, ''),
      message: issueText(issue, issue.path.reduce<unknown>((v, p) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined), raw)),
    })),
  );
}

/**
 * Read the sheet and the config, check every row, and work out the new config
 * text. Nothing is written here: the caller shows the diff and writes on --yes.
 */
export async function planImport(sheetFile: string, configFile: string, renames: ReadonlyMap<number, string>): Promise<ImportOutcome> {
  const sheet = await readSheet(sheetFile);
  const before = await configSource(configFile);
  const lines = new LineCounter();
  const doc = parseDocument(before, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ConfigError(configFile, doc.errors.map((e) => ({ path: '', line: lines.linePos(e.pos[0]).line, message: yamlErrorText(e) })));
  }
  // An empty (or comments-only) file is a first import; anything else must already be a valid config.
  if (doc.contents !== null) checkConfig(doc.toJS(), configFile);
  else if (before.trim() === '') doc.commentBefore = ' 菜单巡检配置：账号由 menu-patrol import 从表格导入。\n 密钥不写进文件：appSecret 写成 env:变量名，真实值放在环境变量里。';
  const { rows, problems } = validateRows(sheet, { existing: existingAccounts(doc), renames });
  if (problems.length > 0) return { kind: 'bad-sheet', problems };
  if (rows.length === 0) return { kind: 'bad-sheet', problems: [{ row: 1, message: '表格里没有账号。' }] };
  const plan = applyRows(doc, rows);
  const after = before === '' ? doc.toString({ lineWidth: 0 }) : renderUpdated(before, doc);
  return { kind: 'ready', plan, before, after };
}
