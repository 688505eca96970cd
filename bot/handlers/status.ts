import { statusReply } from '../messages/status-reply.ts';
import { targetAccounts } from './targets.ts';
import type { CommandHandler } from './types.ts';

export const status: CommandHandler = async (ctx) => {
  const names = await targetAccounts(ctx);
  if (!names) return;
  await ctx.reply(statusReply(names, ctx.store, ctx.now().toISOString(), ctx.config.timezone));
};
