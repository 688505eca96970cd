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

export const schemaVersion = 4;

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

/** The page a URL led to when its body was last read, and what the analysis found in it. */
export interface PageMemory {
  /** When the body was last read in full (a 304 does not move it). */
  readonly readAt: string;
  readonly finalUrl: string;
  readonly status: number;
  readonly etag?: string;
  readonly lastModified?: string;
  /** sha-256 of everything the analysis reads: final URL, status, content type and body. */
  readonly pageHash: string;
  /** analysisVersion when `findings` were found: other rules, other findings. */
  readonly analysisVersion: number;
  readonly findings: StoredFindings | null;
}

/**
 * What page analysis found in the page (analysis/analyze-page.ts PageFindings), kept as analysis gave it and handed
 * back only under the same analysisVersion. The store never reads it, so it keeps the shape opaque instead of
 * importing a feature's type.
 */
export type StoredFindings = object;

/**
 * What the last sweep that fetched a menu URL learnt about it, so the next
 * sweep can ask "changed?" instead of fetching and analyzing it again, and
 * start the slow ones first. Kept while some account's last menu links it.
 */
export interface UrlMemory {
  /** When it was last fetched. */
  readonly at: string;
  readonly elapsedMs: number;
  /** Sweeps in a row whose fetch of it ended in a timeout (0: it answered last time). */
  readonly timeouts: number;
  /** Some account's verdict on it was not ok: the next sweep fetches it in full, with no validators. */
  readonly flagged: boolean;
  /** Absent when no page came back. */
  readonly page?: PageMemory;
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
  /** What the last sweeps learnt about each menu URL (validators, page hash, findings, timing). */
  urls: Record<string, UrlMemory>;
  /** Chat message ids already handled, by channel (processed-messages.ts): a redelivered or replayed message is answered once. */
  processed: ProcessedMessages;
}

export function emptyStore(): StoreData {
  return { version: schemaVersion, runs: [], snapshots: {}, findings: [], apiCache: {}, outbox: [], notices: {}, jobRuns: {}, updates: {}, confirmations: {}, urls: {}, processed: {} };
}
