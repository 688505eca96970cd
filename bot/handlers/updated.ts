/**
 * 已更新 <账号名> [日期]: an owner says the account was updated. Accounts the
 * API cannot read (an inventory menu, Weibo) have no other way to tell menu-patrol
 * when they last published; the date is kept in the store and the account is
 * rechecked at once, so an overdue warning clears while the owner is still in the chat.
 */
import type { AccountConfig } from '../../config/load.ts';
import { freshness } from '../../content/freshness.ts';
import { UsageError } from '../../core/errors.ts';
import { updatesPlace } from '../../core/places.ts';
import { localDateString, localParts, zonedDate } from '../../core/time.ts';
import { accountsOf } from '../roles.ts';
import { permittedAccounts } from './targets.ts';
import type { CommandContext, CommandHandler } from './types.ts';

/** "2026-05-03", "2026年5月3日", "5月3日", "今天", "昨天". */
function parseDate(word: string, now: Date, timeZone: string): Date | null {
  const today = localParts(now, timeZone);
  if (word === '今天') return now;
  if (word === '昨天') return zonedDate(today.year, today.month, today.day - 1, 12, 0, 0, timeZone);
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(word);
  const short = /^(\d{1,2})月(\d{1,2})日?$/.exec(word);
  const [y, m, d] = full ? [full[1], full[2], full[3]].map(Number) : short ? [today.year, Number(short[1]), Number(short[2])] : [];
  if (y === undefined || m === undefined || d === undefined) return null;
  const at = zonedDate(y, m, d, 12, 0, 0, timeZone);
  // 5月31 → 6月1 would be a silent rollover: only real calendar dates count.
  const p = localParts(at, timeZone);
  if (p.year !== y || p.month !== m || p.day !== d) return null;
  return at;
}

const isDateWord = (word: string) => /^(今天|昨天|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}月\d{1,2}日?)$/.test(word);

/** Unlike the menu commands, Weibo accounts count here: a reported date is the only thing known about them. */
async function reportedAccounts(ctx: CommandContext, named: readonly string[]): Promise<AccountConfig[] | null> {
  const allowed = accountsOf(ctx.role, ctx.config, 'all');
  if (named.length === 0) {
    if (allowed.length === 1) return ctx.config.accounts.filter((a) => a.name === allowed[0]);
    await ctx.reply(`请告诉我是哪个账号更新了，例如：已更新 ${allowed[0] ?? '账号名'}（可以加上日期，如“已更新 ${allowed[0] ?? '账号名'} 5月3日”，不写就是今天）`);
    return null;
  }
  return permittedAccounts(ctx, named, allowed);
}

export const updated: CommandHandler = async (ctx) => {
  const now = ctx.now();
  const timeZone = ctx.config.timezone;
  const dates = ctx.args.filter(isDateWord);
  const accounts = await reportedAccounts(ctx, ctx.args.filter((a) => !isDateWord(a)));
  if (!accounts) return;
  const parsed = dates.length > 0 ? parseDate(dates[0]!, now, timeZone) : now;
  if (!parsed) return ctx.reply(`“${dates[0]}”不是有效的日期，请写成 2026-05-03 或 5月3日。`);
  if (localDateString(parsed, timeZone) > localDateString(now, timeZone)) return ctx.reply(`${localDateString(parsed, timeZone)} 还没有到，请写实际更新的那一天。`);
  const at = parsed > now ? now : parsed;
  const rules = { ...ctx.config.content, timeZone };

  const lines: string[] = [];
  for (const a of accounts) {
    // Kept for API accounts too: the API cannot see 群发 on unverified accounts, nor today's on any.
    await ctx.store.recordUpdate(a.name, { at: at.toISOString(), by: ctx.role.name, reportedAt: now.toISOString() });
    const api = a.appId && a.appSecret ? '，和微信接口读到的日期一起看，以最新的为准' : '';
    lines.push(`已登记：${a.name} 在 ${localDateString(at, timeZone)} 有更新（${ctx.role.name}报告${api}），下次最迟 ${freshness(at, now, rules).deadline} 要再更新。`);
  }
  await ctx.reply([...lines, '马上复查……'].join('\n'));

  const names = accounts.map((a) => a.name);
  await ctx.sweeps.sweep(names, 'recheck');
  const open = ctx.store.openFindings().filter((f) => names.includes(f.account) && f.menu === updatesPlace);
  const result = names.map((name) => {
    const mine = open.filter((f) => f.account === name);
    return mine.length === 0 ? `✓ ${name}：更新情况正常。` : mine.map((f) => `${f.severity === 'fail' ? '✗' : '!'} ${name}：${f.message}`).join('\n');
  });
  await ctx.reply(`复查完成：\n${result.join('\n')}`);
};
