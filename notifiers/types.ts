import type { PersonId } from './channel-module.ts';
import type { ChannelType } from './registry.ts';

// The message shape is stored in the outbox, so it lives in core; notifiers speak it.
export type { Mentions, OutgoingMessage } from '../core/message.ts';
import type { OutgoingMessage } from '../core/message.ts';

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
  /**
   * To the channel's group; to one person on channels that can address people
   * (an app robot), given their id there. Group robots post to their group and
   * ignore `to` (they @ people through the message's mentions).
   */
  send(message: OutgoingMessage, to?: PersonId): Promise<SendResult>;
}
