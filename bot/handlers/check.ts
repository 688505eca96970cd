import { checkReply } from '../messages/check-reply.ts';
import { settingsLines } from '../messages/settings-lines.ts';
import { targetAccounts } from './targets.ts';
import type { CommandHandler } from './types.ts';

/** Acknowledge at once, sweep (or join a running sweep), then one combined answer. */
export const check: CommandHandler = async (ctx) => {
  const names = await targetAccounts(ctx);
  if (!names || names.length === 0) return;
  const joining = ctx.sweeps.running !== undefined;
  await ctx.reply(
    `收到，${joining ? '正在进行的巡检完成后，' : ''}马上检查 ${names.length === 1 ? names[0] : `${names.length} 个账号`}的菜单，完成后把结果发给您。`,
  );
  const { result, changes, warnings } = await ctx.sweeps.sweep(names, 'chat');
  // Only the office can fix the settings; an owner is not troubled with them.
  const settings = ctx.role.kind === 'admin' ? settingsLines(warnings) : [];
  await ctx.reply([checkReply(result, changes, ctx.store.findings), ...settings].join('\n'));
};
