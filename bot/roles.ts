import type { Config } from '../config/load.ts';
import type { Person } from '../config/schema.ts';

/**
 * Who is talking, decided by the remark (备注) the bot's WeChat has for them,
 * never by session ids (they change on every login of web-protocol puppets).
 */
export type Role =
  | { readonly kind: 'admin'; readonly name: string }
  | { readonly kind: 'owner'; readonly name: string; readonly accounts: readonly string[] }
  | { readonly kind: 'stranger' };

export interface Talker {
  readonly name: string;
  readonly remark?: string;
}

/** A configured person matches by remark; a person configured without one matches by WeChat name. */
export function isPerson(talker: Talker, person: Person): boolean {
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

/** The accounts with a menu a role may act on (Weibo accounts have none). */
export function accountsOf(role: Role, config: Config): string[] {
  const menus = config.accounts.filter((a) => a.platform !== 'weibo').map((a) => a.name);
  if (role.kind === 'admin') return menus;
  return role.kind === 'owner' ? role.accounts.filter((a) => menus.includes(a)) : [];
}
