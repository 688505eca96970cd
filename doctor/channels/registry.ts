import type { ChannelConfig, ChannelType } from '../../notifiers/registry.ts';
import type { DoctorLine } from '../types.ts';
import { dingtalkRobot } from './dingtalk.ts';
import { feishuRobot } from './feishu.ts';
import { checkWebhookRobot } from './webhook-robot.ts';
import { wecomRobot } from './wecom.ts';

/** Checks one configured channel of type T: its connection or address, and a test message only when `send`. */
export type ChannelCheck<T extends ChannelType> = (channel: Extract<ChannelConfig, { type: T }>, send: boolean) => Promise<DoctorLine>;

/** One check per channel type; the `satisfies` fails to compile until a new channel type has one. */
const channelChecks = {
  wecom: (channel, send) => checkWebhookRobot(channel, send, wecomRobot),
  dingtalk: (channel, send) => checkWebhookRobot(channel, send, dingtalkRobot),
  feishu: (channel, send) => checkWebhookRobot(channel, send, feishuRobot),
} satisfies { [T in ChannelType]: ChannelCheck<T> };

export function checkChannel(channel: ChannelConfig, send: boolean): Promise<DoctorLine> {
  return (channelChecks[channel.type] as ChannelCheck<ChannelType>)(channel, send);
}
