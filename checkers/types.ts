import type { AccountConfig } from '../config/load.ts';
import type { ItemKind, MenuItem } from '../core/menu.ts';
import type { Trigger, Verdict } from '../core/results.ts';
import type { AccountApi } from '../wechat/client.ts';
import type { ApiCache } from '../store/api-cache.ts';
import type { ClickConfirmation } from '../store/schema.ts';

/** Checks one URL the way a citizen inside WeChat would open it; shared by every checker that has a link. */
/** Judges a URL for an account; only the account's domains matter. */
export type LinkCheck = (url: string, account: Pick<AccountConfig, 'domains'>) => Promise<Verdict>;

export interface CheckContext {
  readonly account: AccountConfig;
  /** Where the menu came from: WeChat's answer just now ('api'), or the inventory in the config. */
  readonly menuSource: 'api' | 'inventory';
  readonly checkLink: LinkCheck;
  /** The account's WeChat API, when it has credentials (materials, articles). */
  readonly api: AccountApi | null;
  /** Remembers quota-limited API answers across sweeps. */
  readonly apiCache: ApiCache;
  /** A recheck asks the quota-limited APIs again instead of using today's answers. */
  readonly trigger?: Trigger;
  /** The synthetic openid pushes come from, so the owner's statistics can leave the checks out. */
  readonly probeOpenId: string;
  readonly now: () => Date;
  /** How long a click waits for the account server's reply; WeChat's 5 s unless a test shortens it. */
  readonly clickReplyDeadlineMs?: number;
  /** This account's click keys confirmed by hand (确认), and the office's zone to date them in. */
  readonly clickConfirmations?: ClickConfirmations;
}

export interface ClickConfirmations {
  readonly byKey: Readonly<Record<string, ClickConfirmation>>;
  readonly timeZone: string;
}

/**
 * One kind of menu item. A checker returns a verdict for every item, broken or
 * not; throwing means a bug in menu-patrol, and the sweep records it as such.
 */
export interface Checker {
  check(item: MenuItem, ctx: CheckContext): Promise<Verdict>;
}

export type CheckerRegistry = Readonly<Record<ItemKind, Checker>>;
