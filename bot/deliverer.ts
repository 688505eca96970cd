import type { WechatyInterface } from 'wechaty/impls';
import type { Config } from '../config/load.ts';
import type { Person } from '../config/schema.ts';
import type { PersonId } from '../notifiers/channel-module.ts';
import { messageImages } from '../notifiers/message-images.ts';
import { personIdOn } from '../notifiers/registry.ts';
import type { Notifier, OutgoingMessage, SendResult } from '../notifiers/types.ts';
import type { Recipient } from '../store/schema.ts';
import type { Reroute } from './channel-watch.ts';
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

/** The configured admin or owner a message is addressed to (by name, remark and channel, as it was queued). */
export function personOf(config: Config, to: Extract<Recipient, { kind: 'person' }>): Person | undefined {
  return [...config.bot.admins, ...config.accounts.flatMap((a) => a.owners)].find((p) => p.name === to.name && p.remark === to.remark && p.channel === to.channel);
}

/** The person's id on the channel the message leaves through (theirs, or a fallback), for channels that write to people one by one. */
function personIdFor(config: Config | undefined, addressed: Recipient, channel: string): PersonId | undefined {
  if (!config || addressed.kind !== 'person') return undefined;
  const type = config.channels.find((c) => c.name === channel)?.type;
  const person = personOf(config, addressed);
  return type && person ? personIdOn(type, person) : undefined;
}

/** The message with the reroute's note in front of its body. */
function noted(message: OutgoingMessage, note: string): OutgoingMessage {
  return { ...message, text: `${note}\n${message.text}`, markdown: `${note}\n\n${message.markdown}` };
}

/**
 * Routes a queued message to its channel: the one the person or office has
 * configured, the bot's WeChat otherwise; `reroute` (bot/channel-watch.ts)
 * sends a person's message another way while their channel stays down.
 * `bot` is undefined when personal WeChat is not used at all: its messages
 * then fail for good, and the admins are told (a wait would hold them forever).
 */
export function createDeliverer(
  bot: WechatyInterface | undefined,
  notifiers: ReadonlyMap<string, Notifier>,
  config?: Config,
  reroute: (to: Recipient) => Reroute | undefined = () => undefined,
): Deliverer {
  const viaChannel = (name: string, message: OutgoingMessage, person: PersonId | undefined): Promise<SendResult> => {
    const notifier = notifiers.get(name);
    if (!notifier) return Promise.resolve({ ok: false, retryable: false, reason: 'unknown-channel', via: name, detail: `no channel named "${name}"` });
    // The failure names the channel it went through: a rerouted message may fail on another channel than the one it was addressed to.
    return notifier.send(message, person).then((result) => (result.ok ? result : { ...result, via: name }));
  };
  const noWechat: SendResult = { ok: false, retryable: false, reason: 'wechat-off', detail: 'personal WeChat is off (serve without --wechat) and the recipient has no channel' };
  return {
    lane: (addressed) => {
      const channel = channelOf(reroute(addressed)?.to ?? addressed);
      return channel === undefined ? wechatLane : channelLane(channel);
    },
    async deliver(addressed: Recipient, original: OutgoingMessage): Promise<SendResult> {
      const rerouted = reroute(addressed);
      const to = rerouted?.to ?? addressed;
      const message = rerouted ? noted(original, rerouted.note) : original;
      const channel = channelOf(to);
      if (channel !== undefined) return viaChannel(channel, message, personIdFor(config, addressed, channel));
      if (!bot) return noWechat;
      const images = await messageImages(message, wechatImageMaxBytes);
      return to.kind === 'group'
        ? sendToGroup(bot, to.topic, asText(message), images)
        : sendToPerson(bot, to as Extract<Recipient, { kind: 'person' }>, asText(message), images);
    },
  };
}
