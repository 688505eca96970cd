import type { AccountConfig } from '../../config/load.ts';
import { selectAccounts } from '../../sweep/select-accounts.ts';
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
  return (await permittedAccounts(ctx, named, allowed))?.map((a) => a.name) ?? null;
}

/** The named accounts (fuzzy), if the talker may act on all of them; else the reason is replied and null returned. */
export async function permittedAccounts(ctx: CommandContext, named: readonly string[], allowed: readonly string[]): Promise<AccountConfig[] | null> {
  let picked: AccountConfig[];
  try {
    picked = selectAccounts(ctx.config.accounts, named);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    await ctx.reply(error.message);
    return null;
  }
  const refused = picked.filter((a) => !allowed.includes(a.name)).map((a) => a.name);
  if (refused.length > 0) {
    await ctx.reply(`您只能操作自己负责的账号（${allowed.join('、')}），“${refused.join('、')}”不在其中。`);
    return null;
  }
  return picked;
}
