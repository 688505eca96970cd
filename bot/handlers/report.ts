import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../core/errors.ts';
import { buildReport } from '../../reports/build-report.ts';
import { parsePeriod, quarterContaining, type Period } from '../../reports/period.ts';
import { reportFileName } from '../../reports/report-files.ts';
import { renderXlsx } from '../../reports/xlsx.ts';
import { reportReply } from '../messages/report-reply.ts';
import type { CommandContext, CommandHandler } from './types.ts';

/** 报告 → this quarter; 报告 2026Q3 → that one. Null (after saying why) for anything else. */
async function periodOf(ctx: CommandContext): Promise<Period | null> {
  const [quarter] = ctx.args;
  if (quarter === undefined) return quarterContaining(ctx.now().toISOString(), ctx.config.timezone);
  try {
    return parsePeriod({ quarter }, ctx.config.timezone);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    await ctx.reply(`${error.message}不写季度就是本季度的报告。`);
    return null;
  }
}

/** The quarter's summary to whoever asked, then the printable xlsx as a file; an owner gets their own accounts only. */
export const report: CommandHandler = async (ctx) => {
  const period = await periodOf(ctx);
  if (!period) return;
  const built = buildReport({
    register: ctx.config.accounts,
    // An admin's report is the whole register, Weibo accounts included, as the notice's table is.
    only: ctx.role.kind === 'owner' ? new Set(ctx.role.accounts) : undefined,
    runs: ctx.store.runs,
    findings: ctx.store.findings,
    rules: ctx.config.scoring,
    period,
    now: ctx.now().toISOString(),
  });
  await ctx.reply(reportReply(built));
  if (!built.hasData) return;
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-report-'));
  try {
    const file = join(dir, reportFileName(built, 'xlsx'));
    await writeFile(file, await renderXlsx(built));
    await ctx.replyFile(file);
  } catch (error) {
    await ctx.reply(`统计表文件没能发出（${(error as Error).message}）。可以在电脑上运行 menu-patrol report --quarter ${period.slug} 生成。`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
