/**
 * What a channel module owns: the fields of its config entry (zod, validated
 * with the rest of the file), how secrets in them become Secrets, and how to
 * build its notifier. notifiers/registry.ts lists the modules; nothing else
 * knows a channel's fields.
 */
import type { z } from 'zod';
import type { Secret } from '../config/secret.ts';
import type { IncomingChat } from '../core/chat.ts';
import type { SeenMessages } from './seen-messages.ts';
import type { Mentions, Notifier } from './types.ts';
import type { DeliveryOptions } from './webhook-notifier.ts';

/** `field`'s `env:NAME` reference as a Secret; a missing variable is reported as a config error at channels[i].field. */
export type SecretResolver = (field: string, ref: string) => Secret;

/** How this channel knows a person, for @-mentions: e.g. `dingtalk: { mobile: "138…" }` on an admin or owner. */
export interface PersonId {
  readonly mobile?: string | undefined;
  readonly userId?: string | undefined;
}

export interface ChannelModule<Fields extends z.ZodRawShape, Resolved extends { readonly name: string }> {
  /** The entry's fields besides `type` (added by the registry, from the module's key). */
  readonly fields: Fields;
  /** The person's id on this channel, under the channel's type in a person's config. */
  readonly person: z.ZodType<PersonId>;
  resolve(raw: z.output<z.ZodObject<Fields>>, secret: SecretResolver): Resolved;
  create(config: Resolved & DeliveryOptions): Notifier;
  /** Two-way channels only: receive people's messages and hand them to the bot until stopped. */
  listen?(config: Resolved, host: ChatHost): ChatConnection;
}

/** What a two-way channel hands its messages to. */
export interface ChatHost {
  handle(chat: IncomingChat): Promise<void>;
  log(line: string): void;
  /** Message ids already handled, shared across reconnections; channels keep their own in memory when absent. */
  readonly seen?: SeenMessages;
}

export interface ChatConnection {
  stop(): Promise<void>;
}

/** Types a channel module: `raw` in `resolve` is typed from `fields`. */
export function defineChannel<Fields extends z.ZodRawShape, Resolved extends { readonly name: string }>(
  module: ChannelModule<Fields, Resolved>,
): ChannelModule<Fields, Resolved> {
  return module;
}

/** The people's ids as one mention list, each once (an admin may also own the account). */
export function mentionsOf(ids: readonly PersonId[]): Mentions {
  return {
    mobiles: [...new Set(ids.flatMap((id) => (id.mobile ? [id.mobile] : [])))],
    userIds: [...new Set(ids.flatMap((id) => (id.userId ? [id.userId] : [])))],
  };
}

/** `baseUrl` when given (tests and private deployments point a channel at another host). */
export function baseUrlOf(raw: { readonly baseUrl?: string | undefined }): { readonly baseUrl?: string } {
  return raw.baseUrl ? { baseUrl: raw.baseUrl } : {};
}
