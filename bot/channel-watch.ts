import type { Config } from '../config/load.ts';
import type { OutgoingMessage } from '../notifiers/types.ts';
import type { Recipient } from '../store/schema.ts';
import { channelLane, personOf } from './deliverer.ts';
import { adminRecipients } from './notify-after-sweep.ts';
import type { Outbox } from './outbox.ts';

/** A person's message sent another way: where to, and the one line that tells them why. */
export interface Reroute {
  readonly to: Recipient;
  readonly note: string;
}

/**
 * Which two-way channels are down and since when. A channel's lane waits
 * while it is down (its messages are kept, not failed); once it has been down
 * longer than bot.rerouteAfterMinutes, each person's messages go through the
 * first of their fallbackChannels that is up, with a note, and the admins are
 * told once (and once more when it is back). A short drop costs nothing: the
 * connection comes back long before that.
 */
export class ChannelWatch {
  readonly #downSince = new Map<string, number>();
  /** Channels the admins were told are down. */
  readonly #told = new Set<string>();

  constructor(
    private readonly config: Config,
    private readonly outbox: Pick<Outbox, 'pause' | 'resume' | 'wake' | 'enqueue'>,
    private readonly now: () => Date,
    private readonly log: (line: string) => void,
  ) {}

  isDown(name: string): boolean {
    return this.#downSince.has(name);
  }

  connected(name: string, up: boolean): void {
    if (!up) {
      if (!this.#downSince.has(name)) this.#downSince.set(name, this.now().getTime());
      this.outbox.pause(channelLane(name));
      return;
    }
    this.#downSince.delete(name);
    this.outbox.resume(channelLane(name));
    if (!this.#told.delete(name)) return;
    this.#tellAdmins({ title: `【菜单巡检】“${name}”已恢复`, text: `“${name}”已重新连上，之后的提醒照常从这个渠道发出。` }).catch((error: unknown) =>
      this.log(`告诉管理员“${name}”已恢复时出错：${(error as Error).message}`),
    );
  }

  /** Run every minute or so: once a channel has been down long enough, tell the admins and let its messages take another way. */
  async check(): Promise<void> {
    for (const [name, since] of this.#downSince) {
      const minutes = Math.floor((this.now().getTime() - since) / 60_000);
      if (minutes < this.config.bot.rerouteAfterMinutes || this.#told.has(name)) continue;
      this.#told.add(name);
      await this.#tellAdmins({
        title: `【菜单巡检】“${name}”已断开 ${minutes} 分钟`,
        text: `“${name}”已连续 ${minutes} 分钟连不上。发给这个渠道的提醒，已改从各人登记的备用渠道（fallbackChannels）发出；没有备用渠道的人，提醒会等它恢复后再发。请运行 menu-patrol doctor 检查这个渠道和本机网络。`,
      });
      this.outbox.wake();
    }
  }

  /** Where a person's message goes instead, while their channel has been down past the limit; undefined to send it as addressed. */
  reroute(to: Recipient): Reroute | undefined {
    if (to.kind !== 'person' || to.channel === undefined || !this.#told.has(to.channel)) return undefined;
    const fallback = personOf(this.config, to)?.fallbackChannels?.find((name) => !this.#downSince.has(name));
    if (!fallback) return undefined;
    return { to: { ...to, channel: fallback }, note: `（“${to.channel}”暂时连不上，这条消息改从“${fallback}”发出。）` };
  }

  async #tellAdmins(message: Omit<OutgoingMessage, 'markdown'>): Promise<void> {
    await this.outbox.enqueue(adminRecipients(this.config).map((to) => ({ to, message: { ...message, markdown: message.text } })));
  }
}
