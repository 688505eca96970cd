import { reportReply } from '../messages/report-reply.ts';
import { accountsOf } from '../roles.ts';
import type { CommandHandler } from './types.ts';

export const report: CommandHandler = async (ctx) => {
  await ctx.reply(reportReply(accountsOf(ctx.role, ctx.config), ctx.store, ctx.now().toISOString()));
};
