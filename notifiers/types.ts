import type { ChannelType } from './registry.ts';

export interface Mentions {
  /** Phone numbers registered with the platform (WeCom and DingTalk can @ by mobile). */
  readonly mobiles?: readonly string[];
  /** Platform user ids (WeCom userid, DingTalk userId, Feishu open_id / user_id). */
  readonly userIds?: readonly string[];
  readonly all?: boolean;
}

export interface OutgoingMessage {
  /** One line, e.g. 【菜单巡检】扎兰屯12333 有 2 个菜单打不开 */
  readonly title: string;
  /** Plain-text body (Chinese), used by text-only channels; the title is added by the channel. */
  readonly text: string;
  /** Markdown body for channels that render it; the title is added by the channel. */
  readonly markdown: string;
  readonly mentions?: Mentions;
}

export type SendResult =
  | { readonly ok: true; readonly parts: number }
  | { readonly ok: false; readonly retryable: boolean; readonly detail: string };

/**
 * One configured robot. `send` never throws for a delivery failure: network
 * errors, HTTP errors and error codes in a 200 reply all come back as
 * `{ ok: false }`, with `retryable` telling the outbox whether to try again.
 */
export interface Notifier {
  readonly channel: ChannelType;
  readonly name: string;
  send(message: OutgoingMessage): Promise<SendResult>;
}
