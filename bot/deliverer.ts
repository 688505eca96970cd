import type { WechatyInterface } from 'wechaty/impls';
import type { Config } from '../config/load.ts';
import type { PersonId } from '../notifiers/channel-module.ts';
import { messageImages } from '../notifiers/message-images.ts';
import { personIdOn } from '../notifiers/registry.ts';
import type { Notifier, OutgoingMessage, SendResult } from '../notifiers/types.ts';
import type { Recipient } from '../store/schema.ts';
import type { Deliverer } from './outbox.ts';
import { sendToGroup, sendToPerson } from './wechaty-chat.ts';

const asText = (m: OutgoingMessage) => `${m.title}\n\n${m.text}`;

/** WeChat takes far larger pictures; a screenshot is some 100 KB. */
const wechatImageMaxBytes = 10 * 1024 * 1024;

/** The bot's personal WeChat (Wechaty), paused while it is logged out. */
export const wechatLane = 'wechat';

/** The lane of a configured channel, by its name. */
export const channelLane = (name: string) => `channel:${name}`;

/** The configured channel a message goes through, if not the bot's WeChat. */
function channelOf(to: Recipient): string | undefined {
  return to.kind === 'channel' ? to.name : to.kind === 'person' ? to.channel : undefined;
}

/** The person's id on the channel they get messages through, for channels that write to people one by one. */
function personIdFor(config: Config | undefined, to: Recipient, channel: string): PersonId | undefined {
  if (!config || to.kind !== 'person') return undefined;
  const type = config.channels.find((c) => c.name === channel)?.type;
  const person = [...config.bot.admins, ...config.accounts.flatMap((a) => a.owners)].find((p) => p.name === to.name && p.remark === to.remark && p.channel === channel);
  return type && person ? personIdOn(type, person) : undefined;
}

/**
 * Routes a queued message to its channel: the one the person or office has
 * configured, the bot's WeChat otherwise. `bot` is undefined when personal
 * WeChat is not used at all: its messages then fail for good, and the admins
 * are told (a wait would hold them forever).
 */
export function createDeliverer(bot: WechatyInterface | undefined, notifiers: ReadonlyMap<string, Notifier>, config?: Config): Deliverer {
  const viaChannel = (name: string, message: OutgoingMessage, person: PersonId | undefined): Promise<SendResult> => {
    const notifier = notifiers.get(name);
    return notifier ? notifier.send(message, person) : Promise.resolve({ ok: false, retryable: false, detail: `没有名为“${name}”的通知渠道` });
  };
  const noWechat: SendResult = { ok: false, retryable: false, detail: '没有启用个人微信（menu-patrol serve 未加 --wechat），又没有给收件人设置 channel' };
  return {
    lane: (to) => {
      const channel = channelOf(to);
      return channel === undefined ? wechatLane : channelLane(channel);
    },
    async deliver(to: Recipient, message: OutgoingMessage): Promise<SendResult> {
      const channel = channelOf(to);
      if (channel !== undefined) return viaChannel(channel, message, personIdFor(config, to, channel));
      if (!bot) return noWechat;
      const images = await messageImages(message, wechatImageMaxBytes);
      return to.kind === 'group'
        ? sendToGroup(bot, to.topic, asText(message), images)
        : sendToPerson(bot, to as Extract<Recipient, { kind: 'person' }>, asText(message), images);
    },
  };
}
