import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describePlan, describeProblems } from '../../importer/describe-plan.ts';
import { renderDiff } from '../../importer/line-diff.ts';
import { parseRenames, planImport } from '../../importer/plan-import.ts';
import { exitCodes, type CliIo } from '../io.ts';

export interface ImportOptions {
  readonly file: string;
  readonly config: string;
  /** Write without asking again; without it the command only shows what it would do. */
  readonly yes: boolean;
  readonly rename: readonly string[];
}

/** Show what the sheet changes in the config; write it only with --yes, and never when a row is wrong. */
export async function runImport(options: ImportOptions, io: CliIo): Promise<number> {
  const outcome = await planImport(options.file, options.config, parseRenames(options.rename));
  if (outcome.kind === 'bad-sheet') {
    io.stderr(describeProblems(outcome.problems, options.file));
    return exitCodes.badSetup;
  }
  const { plan, before, after } = outcome;
  io.stdout(describePlan(plan, options.config));
  if (before === after) {
    io.stdout('配置文件已经和表格一致，不需要修改。\n');
    return exitCodes.ok;
  }
  io.stdout(`\n配置文件的改动（- 删去的行，+ 加上的行）：\n${renderDiff(before, after)}\n`);
  if (!options.yes) {
    io.stdout('\n这是预览，配置文件没有改动。确认无误后，加上 --yes 再运行一次。\n');
    return exitCodes.ok;
  }
  // A crash mid-write must not leave half a config: write beside it, then swap.
  const temp = `${options.config}.${process.pid}.tmp`;
  await mkdir(dirname(options.config), { recursive: true });
  await writeFile(temp, after, 'utf8');
  await rename(temp, options.config);
  io.stdout(`\n已写入 ${options.config}。\n`);
  return exitCodes.ok;
}
