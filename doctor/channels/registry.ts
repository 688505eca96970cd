import type { ChannelConfig, ChannelType } from '../../notifiers/registry.ts';
import type { DoctorContext, DoctorLine } from '../types.ts';
import { dingtalkRobot } from './dingtalk.ts';
import { checkDingtalkApp } from './dingtalk-app.ts';
import { feishuRobot } from './feishu.ts';
import { checkFeishuApp } from './feishu-app.ts';
import { checkWebhookRobot } from './webhook-robot.ts';
import { wecomRobot } from './wecom.ts';
import { checkWecomApp } from './wecom-app.ts';
import { checkWecomBot } from './wecom-bot.ts';

/**
 * Checks one configured channel of type T: its address or connection, and a
 * test message only when `context.send`. Several lines are fine (a two-way
 * channel may say whether it connected and whose ids it found); the context
 * holds the whole config for that.
 */
export type ChannelCheck<T extends ChannelType> = (channel: Extract<ChannelConfig, { type: T }>, context: DoctorContext) => Promise<readonly DoctorLine[]>;

/** One check per channel type; the `satisfies` fails to compile until a new channel type has one. */
const channelChecks = {
  wecom: async (channel, { send }) => [await checkWebhookRobot(channel, send, wecomRobot)],
  dingtalk: async (channel, { send }) => [await checkWebhookRobot(channel, send, dingtalkRobot)],
  feishu: async (channel, { send }) => [await checkWebhookRobot(channel, send, feishuRobot)],
  'dingtalk-app': async (channel) => [await checkDingtalkApp(channel)],
  'feishu-app': async (channel) => [await checkFeishuApp(channel)],
  'wecom-bot': async (channel) => [await checkWecomBot(channel)],
  'wecom-app': (channel, { send }) => checkWecomApp(channel, send),
} satisfies { [T in ChannelType]: ChannelCheck<T> };

export function checkChannel(channel: ChannelConfig, context: DoctorContext): Promise<readonly DoctorLine[]> {
  return (channelChecks[channel.type] as ChannelCheck<ChannelType>)(channel, context);
}
