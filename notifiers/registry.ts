import { createDingtalkNotifier, type DingtalkConfig } from './dingtalk.ts';
import { createFeishuNotifier, type FeishuConfig } from './feishu.ts';
import type { ChannelType, Notifier } from './types.ts';
import { createWecomNotifier, type WecomConfig } from './wecom.ts';

/** One robot from the config, secrets already resolved to `Secret`s. */
export type ChannelConfig =
  | ({ readonly type: 'wecom' } & WecomConfig)
  | ({ readonly type: 'dingtalk' } & DingtalkConfig)
  | ({ readonly type: 'feishu' } & FeishuConfig);

type ConfigOf<T extends ChannelType> = Extract<ChannelConfig, { readonly type: T }>;

/** Every channel type has exactly one factory: adding a type fails to compile until it is registered here. */
const factories = {
  wecom: createWecomNotifier,
  dingtalk: createDingtalkNotifier,
  feishu: createFeishuNotifier,
} satisfies { readonly [T in ChannelType]: (config: ConfigOf<T>) => Notifier };

export function createNotifier(config: ChannelConfig): Notifier {
  // TypeScript cannot correlate `config.type` with the factory it picks; the map's `satisfies` checks each pairing.
  const create = factories[config.type] as (config: ChannelConfig) => Notifier;
  return create(config);
}
