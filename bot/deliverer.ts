import type { WechatyInterface } from 'wechaty/impls';
import type { Notifier, OutgoingMessage, SendResult } from '../notifiers/types.ts';
import type { Recipient } from '../store/schema.ts';
import type { Deliverer } from './outbox.ts';
import { sendToGroup, sendToPerson } from './wechaty-chat.ts';

const asText = (m: OutgoingMessage) => `${m.title}\n\n${m.text}`;

/**
 * Routes a queued message to its channel: a webhook robot when the person or
 * office has one configured, the bot's WeChat otherwise.
 */
export function createDeliverer(bot: WechatyInterface | undefined, notifiers: ReadonlyMap<string, Notifier>): Deliverer {
  const viaChannel = (name: string, message: OutgoingMessage): Promise<SendResult> => {
    const notifier = notifiers.get(name);
    return notifier ? notifier.send(message) : Promise.resolve({ ok: false, retryable: false, detail: `没有名为“${name}”的通知渠道` });
  };
  const noWechat: SendResult = { ok: false, retryable: true, detail: '机器人微信未登录' };
  return {
    async deliver(to: Recipient, message: OutgoingMessage): Promise<SendResult> {
      if (to.kind === 'channel') return viaChannel(to.name, message);
      if (to.kind === 'person' && to.channel) return viaChannel(to.channel, message);
      if (!bot) return noWechat;
      return to.kind === 'group' ? sendToGroup(bot, to.topic, asText(message)) : sendToPerson(bot, to, asText(message));
    },
  };
}
