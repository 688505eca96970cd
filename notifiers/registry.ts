/**
 * The one place channels are registered. A channel module (wecom.ts …) owns
 * its config fields, its secrets and its notifier; adding a channel is that
 * module plus one line here. config/schema.ts composes `channels:` from this.
 */
import { z } from 'zod';
import type { Platform } from '../core/chat.ts';
import { mentionsOf, type ChannelModule, type ChatConnection, type ChatHost, type PersonId, type SecretResolver } from './channel-module.ts';
import { dingtalkChannel } from './dingtalk.ts';
import { dingtalkAppChannel } from './dingtalk-app.ts';
import { feishuChannel } from './feishu.ts';
import { feishuAppChannel } from './feishu-app.ts';
import type { Mentions, Notifier } from './types.ts';
import { wecomChannel } from './wecom.ts';
import { wecomAppChannel } from './wecom-app.ts';
import { wecomBotChannel } from './wecom-bot.ts';

const channelModules = {
  wecom: wecomChannel,
  dingtalk: dingtalkChannel,
  'dingtalk-app': dingtalkAppChannel,
  feishu: feishuChannel,
  'feishu-app': feishuAppChannel,
  'wecom-bot': wecomBotChannel,
  'wecom-app': wecomAppChannel,
};

/** The platform each channel type is on: people carry one id per platform, whichever of its channels is used. */
const platformOf = {
  wecom: 'wecom',
  dingtalk: 'dingtalk',
  'dingtalk-app': 'dingtalk',
  feishu: 'feishu',
  'feishu-app': 'feishu',
  'wecom-bot': 'wecom',
  'wecom-app': 'wecom',
} as const satisfies Record<keyof typeof channelModules, Platform>;

/** How each platform knows a person, from its group-robot module. */
const personIds = { wecom: wecomChannel.person, dingtalk: dingtalkChannel.person, feishu: feishuChannel.person } as const satisfies Record<Platform, unknown>;

/** The channels a notifier can post to (group robots, app robots). */
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

/** A person's ids per platform (`dingtalk: { mobile }` …), optional, composed into config/schema.ts's person. */
export const personIdFields = Object.fromEntries(Object.entries(personIds).map(([platform, schema]) => [platform, schema.optional()])) as {
  readonly [P in Platform]: z.ZodOptional<(typeof personIds)[P]>;
};

/** A person's id on the platform of a channel of this type. */
export function personIdOn(type: ChannelType, person: { readonly [P in Platform]?: PersonId | undefined }): PersonId | undefined {
  return person[platformOf[type]];
}

/** The people's @-mentions on a channel of this type: those without an id there are left out; undefined when nobody is left. */
export function mentionsOn(type: ChannelType, people: readonly { readonly [P in Platform]?: PersonId | undefined }[]): Mentions | undefined {
  const ids = people.flatMap((p) => {
    const id = personIdOn(type, p);
    return id ? [id] : [];
  });
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

/** Whether people can talk to the bot on this channel (an app robot), not only hear from it. */
export function isTwoWay(config: ChannelConfig): boolean {
  return moduleOf(config.type).listen !== undefined;
}

/** Start receiving on a two-way channel; undefined for send-only robots. */
export function listenOn(config: ChannelConfig, host: ChatHost): ChatConnection | undefined {
  const { type, ...rest } = config;
  return moduleOf(type).listen?.(rest, host);
}
