/**
 * 确认 <账号名>: someone tapped the account's 需人工确认 click items on a phone
 * and got an answer. A server that answers a probe with `success` or nothing
 * may reply later by 客服消息, which only a phone shows; the confirmation is
 * kept per menu key and holds while the server keeps answering the same way.
 */
import type { Finding } from '../../core/findings.ts';
import { placeLabel } from '../../core/places.ts';
import { targetAccounts } from './targets.ts';
import type { CommandHandler } from './types.ts';

const samePlace = (a: Finding, b: Finding) => a.account === b.account && a.menu === b.menu && a.path.join('\n') === b.path.join('\n');

export const confirm: CommandHandler = async (ctx) => {
  const names = await targetAccounts(ctx);
  if (!names) return;
  // A finding carried over from an older data file has no key until the next sweep sees it again.
  const pending = ctx.store.openFindings().filter((f) => f.code === 'click-unconfirmed' && names.includes(f.account) && typeof f.evidence.key === 'string');
  if (pending.length === 0) {
    await ctx.reply(`${ctx.args.length > 0 ? names.join('、') : '您负责的账号'}没有需要人工确认的点击菜单。`);
    return;
  }
  const accounts = [...new Set(pending.map((f) => f.account))];
  if (ctx.args.length === 0 && accounts.length > 1) {
    await ctx.reply(`请告诉我确认的是哪个账号，例如：确认 ${accounts[0]}（${accounts.join('、')} 都有需要人工确认的点击菜单）`);
    return;
  }
  const at = ctx.now().toISOString();
  await ctx.store.recordConfirmations(
    pending.map((f) => ({ account: f.account, key: String(f.evidence.key), confirmation: { answer: f.evidence.answer as 'success' | 'empty', by: ctx.role.name, at } })),
  );
  await ctx.reply(
    [`已登记人工确认（${ctx.role.name}）：以下点击菜单在手机上有回复，服务器的回复方式不变就不再提醒；回复方式变了我会重新检查。`, ...pending.map((f) => `  · ${f.account}｜${placeLabel(f)}`), '马上复查……'].join('\n'),
  );
  await ctx.sweeps.sweep(accounts, 'recheck');
  // What the recheck found where each confirmed item sits: nothing, or what the server does now (its answer changed).
  const open = ctx.store.openFindings();
  const lines = pending.map((f) => {
    const there = open.filter((o) => samePlace(o, f));
    return there.length === 0 ? `✓ ${f.account}｜${placeLabel(f)}：已确认` : there.map((o) => `✗ ${o.account}｜${placeLabel(o)}：${o.message}`).join('\n');
  });
  await ctx.reply(`复查完成：\n${lines.join('\n')}`);
};
