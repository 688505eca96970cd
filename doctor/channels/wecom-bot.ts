import { badBotSecretHint, openWecomBotSocket } from '../../notifiers/wecom-bot-socket.ts';
import type { WecomBotConfig } from '../../notifiers/wecom-bot.ts';
import type { DoctorLine } from '../types.ts';

/**
 * The two-way WeCom 智能机器人: open its long connection and subscribe with
 * the Bot ID and Secret, then close. The platform keeps one connection per
 * bot, so a running service is pushed off for a moment and reconnects by
 * itself. Nothing is sent; the secret is never shown.
 */
export async function checkWecomBot(channel: WecomBotConfig, timeoutMs = 10_000): Promise<DoctorLine> {
  const line = { topic: '企业微信智能机器人', subject: channel.name };
  const failures: string[] = [];
  const socket = openWecomBotSocket(channel, () => undefined, (l) => failures.push(l), { refusedWaitMs: timeoutMs, backoffMs: { first: timeoutMs, max: timeoutMs } });
  const deadline = Date.now() + timeoutMs;
  while (socket.state().kind === 'connecting' && failures.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const state = socket.state();
  await socket.stop();
  if (state.kind === 'ready') return { ...line, mark: 'ok', found: `Bot ID ${channel.botId} 连上了 ${new URL(channel.wsUrl).host}，身份验证通过，可以收发消息` };
  if (state.kind === 'refused') {
    return { ...line, mark: 'fail', found: `身份验证没有通过（错误码 ${state.code}）`, fix: `${badBotSecretHint}。Secret 只在创建时显示一次，找不到时请在那里重新获取，放进环境变量。` };
  }
  return {
    ...line,
    mark: 'fail',
    found: `连不上 ${new URL(channel.wsUrl).host}`,
    fix: '请检查这台电脑能否访问外网 443 端口（单位防火墙要放行这个地址）；政务微信请向运维方确认长连接地址，写在 wsUrl 里。',
  };
}
