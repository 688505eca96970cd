/**
 * Everything menu-patrol writes to its data file. Features import these
 * record types from here; a change to them is a change to the file's format:
 * bump `schemaVersion` and add the step to migrate.ts (the stored-record
 * snapshot test makes such a change visible in review).
 */
import type { Finding } from '../core/findings.ts';
import type { MenuItem } from '../core/menu.ts';
import type { OutgoingMessage } from '../core/message.ts';
import type { RunResult } from '../core/results.ts';
import type { ProcessedMessages } from './processed-messages.ts';

export const schemaVersion = 3;

export interface MenuSnapshot {
  readonly takenAt: string;
  readonly runId: string;
  readonly source: 'api' | 'inventory';
  readonly items: readonly Pick<MenuItem, 'path' | 'menu' | 'type' | 'target'>[];
}

/** Who a queued message goes to; resolved to a contact, group or webhook only when it is sent. */
export type Recipient =
  | { readonly kind: 'person'; readonly name: string; readonly remark?: string; readonly channel?: string }
  | { readonly kind: 'group'; readonly topic: string }
  | { readonly kind: 'channel'; readonly name: string };

export interface QueuedMessage {
  /** Stable id: a message is sent at least once, and marked sent by this id right after. */
  readonly id: string;
  readonly to: Recipient;
  readonly message: OutgoingMessage;
  readonly createdAt: string;
  attempts: number;
  /** Not before this time (quiet hours, retry back-off). */
  notBefore: string;
  sentAt: string | null;
  /** Given up: kept for the record and told to the admins. */
  failedAt: string | null;
  lastError: string | null;
}

/** A definite answer of a quota-limited WeChat API (never a token or secret). */
export interface CachedAnswer {
  readonly at: string;
  readonly value: unknown;
}

/** What was said about one open finding, so it is not said again too soon. */
export interface NoticeState {
  readonly notifiedAt: string;
  readonly reminders: number;
  readonly escalatedAt: string | null;
}

/** A date an owner reported through the bot (accounts the API cannot read, and Weibo). */
export interface ReportedUpdate {
  /** When the account was last updated. */
  readonly at: string;
  /** Who said so. */
  readonly by: string;
  readonly reportedAt: string;
}

/**
 * Someone tapped a click item on a phone and saw it answer, though its server
 * only says `success` or nothing to a probe (the answer comes later as a 客服消息).
 * It holds while the server keeps answering the probe the same way.
 */
export interface ClickConfirmation {
  /** What the server answered the probe when it was confirmed. */
  readonly answer: 'success' | 'empty';
  /** Who confirmed it in chat. */
  readonly by: string;
  readonly at: string;
}

export interface StoreData {
  version: number;
  runs: RunResult[];
  /** The last menu each account was seen with, to tell a changed menu from a fixed link. */
  snapshots: Record<string, MenuSnapshot>;
  findings: Finding[];
  /** Answers of quota-limited WeChat APIs, by question (never tokens or secrets). */
  apiCache: Record<string, CachedAnswer>;
  /** Messages waiting to be sent, and the recently sent ones. */
  outbox: QueuedMessage[];
  /** What owners were told about each open finding. */
  notices: Record<string, NoticeState>;
  /** When each scheduled job last ran, to catch up once after downtime. */
  jobRuns: Record<string, string>;
  /** The last update owners reported with 已更新, by account (accounts the API cannot read, and Weibo). */
  updates: Record<string, ReportedUpdate>;
  /** Click items confirmed by hand with 确认, by account, then menu key. */
  confirmations: Record<string, Record<string, ClickConfirmation>>;
  /**
   * Chat message ids already handled, by channel (processed-messages.ts). Optional in the file: a file
   * written before it existed opens with an empty one (Store.open), no format version needed.
   */
  processed?: ProcessedMessages;
}

export function emptyStore(): StoreData {
  return { version: schemaVersion, runs: [], snapshots: {}, findings: [], apiCache: {}, outbox: [], notices: {}, jobRuns: {}, updates: {}, confirmations: {} };
}
