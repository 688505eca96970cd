import { recheckReply } from '../messages/recheck-reply.ts';
import { targetAccounts } from './targets.ts';
import type { CommandHandler } from './types.ts';

/** The owner says it is fixed: recheck those accounts now and say what is fixed and what is not. */
export const fixed: CommandHandler = async (ctx) => {
  const names = await targetAccounts(ctx);
  if (!names) return;
  if (ctx.args.length === 0 && names.length > 1) {
    await ctx.reply(`请告诉我是哪个账号改好了，例如：已整改 ${names[0]}`);
    return;
  }
  const before = ctx.store.openFindings().filter((f) => names.includes(f.account));
  await ctx.reply(`收到，马上复查 ${names.join('、')}……`);
  const { result } = await ctx.sweeps.sweep(names, 'recheck');
  const after = ctx.store.openFindings().filter((f) => names.includes(f.account));
  await ctx.reply(recheckReply(names, before, after, result));
};
