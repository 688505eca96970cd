import type { Config } from '../config/load.ts';
import type { Person } from '../config/schema.ts';
import type { Talker } from '../core/chat.ts';

export type { Talker } from '../core/chat.ts';

/**
 * Who is talking: on an official platform by their id there (DingTalk staff
 * id…, configured under the platform on the person); on personal WeChat by
 * the remark (备注) the bot's WeChat has for them, never by session ids (they
 * change on every login of web-protocol puppets).
 */
export type Role =
  | { readonly kind: 'admin'; readonly name: string }
  | { readonly kind: 'owner'; readonly name: string; readonly accounts: readonly string[] }
  | { readonly kind: 'stranger' };

/** A configured person matches by platform id, else by remark; a person configured without one matches by WeChat name. */
export function isPerson(talker: Talker, person: Person): boolean {
  if (talker.id) {
    const known = person[talker.id.platform];
    return known?.userId === talker.id.userId || (known?.openId !== undefined && known.openId === talker.id.openId);
  }
  return person.remark !== undefined ? talker.remark === person.remark : talker.name === person.name;
}

export function roleOf(talker: Talker, config: Config): Role {
  const admin = config.bot.admins.find((p) => isPerson(talker, p));
  if (admin) return { kind: 'admin', name: admin.name };
  const owned = config.accounts.filter((a) => a.owners.some((o) => isPerson(talker, o)));
  if (owned.length > 0) {
    const name = owned[0]!.owners.find((o) => isPerson(talker, o))!.name;
    return { kind: 'owner', name, accounts: owned.map((a) => a.name) };
  }
  return { kind: 'stranger' };
}

/**
 * The one permission rule: an admin may act on every account, an owner on
 * their own, a stranger on none. Menu commands leave out Weibo accounts (they
 * have no menu); 已更新 counts them (a reported date is all that is known of them).
 */
export function accountsOf(role: Role, config: Config, scope: 'menus' | 'all' = 'menus'): string[] {
  const inScope = config.accounts.filter((a) => scope === 'all' || a.platform !== 'weibo').map((a) => a.name);
  if (role.kind === 'admin') return inScope;
  return role.kind === 'owner' ? inScope.filter((name) => role.accounts.includes(name)) : [];
}
