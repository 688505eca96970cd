import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import qrcodeTerminal from 'qrcode-terminal';
import { ScanStatus, WechatyBuilder } from 'wechaty';
import type { WechatyInterface } from 'wechaty/impls';
import type { Config } from '../config/load.ts';
import { createNotifier, listenOn } from '../notifiers/registry.ts';
import type { ChatConnection } from '../notifiers/channel-module.ts';
import type { Store } from '../store/store.ts';
import { ChannelWatch } from './channel-watch.ts';
import { createChatApp } from './chat-app.ts';
import { createDeliverer, wechatLane } from './deliverer.ts';
import { deliveryFailureText } from './messages/delivery-failure.ts';
import { adminRecipients, notifyAfterSweep } from './notify-after-sweep.ts';
import { Outbox } from './outbox.ts';
import { SweepService } from '../sweep/sweep-service.ts';
import { listen } from './wechaty-chat.ts';
import { releaseAt } from '../schedules/quiet-hours.ts';
import { Scheduler } from '../schedules/scheduler.ts';
import { LiveUpdates } from '../web/live.ts';
import { startWeb, type WebServer } from '../web/server.ts';

type Puppet = NonNullable<Parameters<typeof WechatyBuilder.build>[0]>['puppet'];

export interface ServeOptions {
  readonly config: Config;
  readonly store: Store;
  readonly log: (line: string) => void;
  readonly now?: () => Date;
  /** Run the job table (daily patrol, month end, countdown). Off in tests that drive sweeps by hand. */
  readonly schedules?: boolean;
  /**
   * Personal WeChat through Wechaty, one optional channel: off unless asked
   * for. A puppet instance (tests use wechaty-puppet-mock); otherwise Wechaty
   * picks one from WECHATY_PUPPET.
   */
  readonly wechat?: false | { readonly puppet?: Puppet };
  /**
   * The status page (web/), when the config does not turn it off. Off unless
   * asked for, so tests of the rest do not bind web.listen; `listen` overrides
   * it (tests use port 0).
   */
  readonly web?: false | { readonly listen?: string };
}

export interface RunningService {
  /** Present when personal WeChat is on. */
  readonly wechaty: WechatyInterface | undefined;
  readonly outbox: Outbox;
  readonly sweeps: SweepService;
  readonly scheduler: Scheduler;
  /** Which two-way channels are down; reroutes their people's messages after a while. */
  readonly channels: ChannelWatch;
  /** Present when the status page is on. */
  readonly web: WebServer | undefined;
  stop(): Promise<void>;
}

/** Wechaty's session file: the configured one, or beside the data file (its folder created, as Wechaty does not). */
async function sessionPath(config: Config, store: Store): Promise<string> {
  const session = config.bot.session ?? join(dirname(store.file), 'menu-patrol-bot');
  await mkdir(dirname(session), { recursive: true });
  return session;
}

/**
 * The long-running process: schedules and sweeps, the outbox with a lane per
 * channel, and the chat channels (every two-way channel in the config, each
 * answering on itself with the same handlers and roles). Personal WeChat is one of them: while it is
 * logged out (or never logs in) only its lane waits; the robots keep sending.
 */
export async function startService(options: ServeOptions): Promise<RunningService> {
  const { config, store, log } = options;
  const now = options.now ?? (() => new Date());
  const wechaty = options.wechat ? WechatyBuilder.build({ name: await sessionPath(config, store), ...(options.wechat.puppet ? { puppet: options.wechat.puppet } : {}) }) : undefined;
  const notifiers = new Map(config.channels.map((c) => [c.name, createNotifier(c)]));
  // The watch needs the outbox and the outbox's deliverer asks the watch: the arrow defers the lookup.
  const outbox: Outbox = new Outbox(store, createDeliverer(wechaty, notifiers, config, (to) => channels.reroute(to)), {
    gapMs: config.bot.messageGapMs,
    log,
    releaseAt: (now) => releaseAt(now, config.schedule.quietHours, config.timezone),
    now,
    onGiveUp: async (message, failure, attempts) => {
      const toAdmins = adminRecipients(config);
      if (toAdmins.some((r) => JSON.stringify(r) === JSON.stringify(message.to))) return;
      const reason = deliveryFailureText(failure, { channel: config.channels.find((c) => c.name === failure.via), to: message.to, attempts });
      await outbox.enqueue(toAdmins.map((to) => ({ to, message: { title: '【菜单巡检】有一条提醒没能送达，请人工转告', text: `原因：${reason}\n\n${message.message.title}\n${message.message.text}`, markdown: `原因：${reason}\n\n${message.message.markdown}` } })));
    },
  });
  const channels = new ChannelWatch(config, outbox, now, log);
  const live = new LiveUpdates();
  // Started after the sweep service it serves; digests carry its owner links only where owners' phones can reach it.
  let web: WebServer | undefined;
  const ownerLink = (owner: string) => (config.web && config.web.publicUrl && web ? { url: web.ownerLink(owner), days: config.web.linkDays } : undefined);
  const sweeps = new SweepService({
    config,
    store,
    now,
    onSwept: async (swept) => {
      try {
        await notifyAfterSweep(swept, config, store, outbox, ownerLink);
      } finally {
        live.publish(swept.result.run.id);
      }
    },
  });
  const scheduler = new Scheduler({ config, store, sweeps, log, now });
  const handle = createChatApp({ config, store, sweeps, log, now });
  // First of what listens or connects: a taken port fails the start before anything else runs.
  web = options.web && config.web ? await startWeb({ config, web: config.web, store, sweeps, live, log, now, ...(options.web.listen ? { listen: options.web.listen } : {}) }) : undefined;

  if (wechaty) {
    outbox.pause(wechatLane);
    wechaty.on('scan', (qrcode, status) => {
      if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) return;
      log('请用机器人的微信扫描下面的二维码登录：');
      qrcodeTerminal.generate(qrcode, { small: true }, (art: string) => log(art));
      log(`如果二维码显示不全，可在浏览器打开：https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}`);
    });
    wechaty.on('login', (user) => {
      log(`机器人已登录：${user.name()}`);
      outbox.resume(wechatLane);
    });
    wechaty.on('logout', (user, reason) => {
      log(`机器人已退出登录：${user.name()}${reason ? `（${reason}）` : ''}。发往个人微信的提醒会保留，重新登录后继续发送；其他渠道照常发送。`);
      outbox.pause(wechatLane);
    });
    wechaty.on('error', (error) => log(`微信连接出错：${error.message}`));
    listen(wechaty, config.bot.workGroup, handle, log);
    await wechaty.start();
  }
  // Two-way channels: people's commands arrive here, answers go back on the same channel.
  const processed = store.processedIds(now);
  const connections: ChatConnection[] = config.channels.flatMap(
    (channel) => listenOn(channel, { handle, log, processed, connected: (up) => channels.connected(channel.name, up) }) ?? [],
  );
  const watching = setInterval(() => channels.check().catch((error: unknown) => log(`检查渠道状态出错：${(error as Error).message}`)), 60_000);
  outbox.start();
  if (options.schedules !== false) {
    scheduler.start();
    scheduler.catchUp().catch((error: unknown) => log(`补做定时巡检出错：${(error as Error).message}`));
  }
  return {
    wechaty,
    outbox,
    sweeps,
    scheduler,
    channels,
    web,
    async stop() {
      clearInterval(watching);
      await web?.close();
      await scheduler.stop();
      await Promise.all(connections.map((c) => c.stop()));
      await outbox.stop();
      await wechaty?.stop();
    },
  };
}
