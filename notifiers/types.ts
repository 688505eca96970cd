import type { PersonId } from './channel-module.ts';
import type { ChannelType } from './registry.ts';

// The message shape is stored in the outbox, so it lives in core; notifiers speak it.
export type { Mentions, OutgoingMessage } from '../core/message.ts';
import type { OutgoingMessage } from '../core/message.ts';

export type SendResult = { readonly ok: true; readonly parts: number } | SendFailure;

/**
 * Why a message did not go, in kinds a person can act on; bot/messages/delivery-failure.ts
 * words each kind in Chinese. `detail` stays the English line for logs.
 */
export type FailureKind =
  /** No answer: the network, a firewall, the platform unreachable. */
  | 'network'
  /** The platform answered 5xx. */
  | 'server-error'
  /** 429, or the platform's own "too often / busy" codes. */
  | 'rate-limited'
  /** The platform refused the message with its own code (wrong key, security settings, robot removed). */
  | 'rejected'
  /** An app robot's credentials were refused when asking for its access token. */
  | 'bad-secret'
  /** The platform refused this computer's IP (not in the app's trusted IPs). */
  | 'ip-not-allowed'
  /** The address answered, but not as the platform's robot API does (a wrong baseUrl, a proxy page). */
  | 'not-robot'
  /** Too long for the channel even when split. */
  | 'too-long'
  /** The channel's entry lacks the `setting` it needs to know where to send. */
  | 'bad-config'
  /** The person has no id this channel can address them by (`setting` names it). */
  | 'no-address'
  /** A channel that holds a connection (a long-connection robot) is not connected yet. */
  | 'not-connected'
  /** The configured channel name matches none of the configured channels. */
  | 'unknown-channel'
  /** Personal WeChat is not started, and the recipient has no channel. */
  | 'wechat-off'
  /** The bot's WeChat finds no contact or group by that remark, nickname or topic. */
  | 'no-contact'
  /** The bot's WeChat finds several contacts by that remark or nickname. */
  | 'ambiguous-contact';

/** The technical code a person can quote to IT: the HTTP status, the platform's result code, or the network error's code. */
export type FailureCode = { readonly http: number } | { readonly errcode: number | string } | { readonly network: string };

export interface SendFailure {
  readonly ok: false;
  readonly retryable: boolean;
  readonly detail: string;
  readonly reason: FailureKind;
  readonly code?: FailureCode;
  /** The config field or person id a `bad-config` / `no-address` failure is missing. */
  readonly setting?: string;
  /** The configured channel it went through (the deliverer adds it); absent for the bot's personal WeChat. */
  readonly via?: string;
}

/**
 * One configured robot. `send` never throws for a delivery failure: network
 * errors, HTTP errors and error codes in a 200 reply all come back as
 * `{ ok: false }`, with `retryable` telling the outbox whether to try again.
 */
export interface Notifier {
  readonly channel: ChannelType;
  readonly name: string;
  /**
   * To the channel's group; to one person on channels that can address people
   * (an app robot), given their id there. Group robots post to their group and
   * ignore `to` (they @ people through the message's mentions).
   */
  send(message: OutgoingMessage, to?: PersonId): Promise<SendResult>;
}
