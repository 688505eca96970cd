/**
 * The one place channels are registered. A channel module (wecom.ts …) owns
 * its config fields, its secrets and its notifier; adding a channel is that
 * module plus one line here. config/schema.ts composes `channels:` from this.
 */
import { z } from 'zod';
import { mentionsOf, type ChannelModule, type PersonId, type SecretResolver } from './channel-module.ts';
import { dingtalkChannel } from './dingtalk.ts';
import { feishuChannel } from './feishu.ts';
import type { Mentions, Notifier } from './types.ts';
import { wecomChannel } from './wecom.ts';

const channelModules = {
  wecom: wecomChannel,
  dingtalk: dingtalkChannel,
  feishu: feishuChannel,
};

/** The group-robot channels a notifier can post to. */
export type ChannelType = keyof typeof channelModules;

type ResolvedOf<M> = M extends ChannelModule<z.ZodRawShape, infer R> ? R : never;

/** One robot from the config, secrets already resolved to `Secret`s. */
export type ChannelConfig = { [T in ChannelType]: { readonly type: T } & ResolvedOf<(typeof channelModules)[T]> }[ChannelType];

type AnyModule = ChannelModule<z.ZodRawShape, { readonly name: string }>;
const moduleOf = (type: ChannelType) => channelModules[type] as unknown as AnyModule;
const types = Object.keys(channelModules) as ChannelType[];

/** Each channel's entry: its own fields, strict, with `type` as the discriminator. */
export const channelSchemas = types.map((type) => z.strictObject({ type: z.literal(type), ...channelModules[type].fields }));

export const channelSchema = z.discriminatedUnion('type', channelSchemas as [(typeof channelSchemas)[number], ...(typeof channelSchemas)[number][]]);

export type RawChannel = z.output<typeof channelSchema>;

/** A person's ids per channel type (`dingtalk: { mobile }` …), optional, composed into config/schema.ts's person. */
export const personIdFields = Object.fromEntries(types.map((type) => [type, channelModules[type].person.optional()])) as {
  readonly [T in ChannelType]: z.ZodOptional<(typeof channelModules)[T]['person']>;
};

/** The people's @-mentions on a channel of this type: those without an id there are left out; undefined when nobody is left. */
export function mentionsOn(type: ChannelType, people: readonly { readonly [T in ChannelType]?: PersonId | undefined }[]): Mentions | undefined {
  const ids = people.flatMap((p) => (p[type] ? [p[type]] : []));
  return ids.length > 0 ? mentionsOf(ids) : undefined;
}

/** The entry with its secrets resolved by the channel's own module. */
export function resolveChannel(raw: RawChannel, secret: SecretResolver): ChannelConfig {
  const { type, ...fields } = raw;
  return { type, ...moduleOf(type).resolve(fields, secret) } as ChannelConfig;
}

export function createNotifier(config: ChannelConfig): Notifier {
  const { type, ...rest } = config;
  return moduleOf(type).create(rest);
}
