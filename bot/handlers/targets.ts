import { selectAccounts } from '../../cli/select-accounts.ts';
import { UsageError } from '../../core/errors.ts';
import { accountsOf } from '../roles.ts';
import type { CommandContext } from './types.ts';

const everything = new Set(['全部', '所有', 'all']);

/**
 * The accounts a command is about: the named ones (fuzzy), or all the
 * talker may act on. A name the talker does not own, or one that matches
 * nothing or several, is answered and yields null.
 */
export async function targetAccounts(ctx: CommandContext): Promise<string[] | null> {
  const allowed = accountsOf(ctx.role, ctx.config);
  const named = ctx.args.filter((a) => !everything.has(a.toLowerCase()));
  if (named.length === 0) return allowed;
  let picked: string[];
  try {
    picked = selectAccounts(ctx.config.accounts, named).map((a) => a.name);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    await ctx.reply(error.message);
    return null;
  }
  const refused = picked.filter((name) => !allowed.includes(name));
  if (refused.length > 0) {
    await ctx.reply(`您只能操作自己负责的账号（${allowed.join('、')}），“${refused.join('、')}”不在其中。`);
    return null;
  }
  return picked;
}
