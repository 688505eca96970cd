import type { OutgoingMessage } from '../../core/message.ts';
import { createNotifier, type ChannelConfig } from '../../notifiers/registry.ts';
import type { DoctorLine } from '../types.ts';

/**
 * The test message. Robots with a keyword as their security setting only let
 * through messages containing it, and offices pick the product's name.
 */
export const testMessage: OutgoingMessage = {
  title: '菜单巡检：测试消息',
  text: '这是 menu-patrol doctor 发出的测试消息。收到它，说明这个群机器人设置正确，不需要回复。',
  markdown: '这是 menu-patrol doctor 发出的测试消息。收到它，说明这个群机器人设置正确，不需要回复。',
};

export interface RobotPlatform {
  /** As clerks call it: 企业微信, 钉钉, 飞书. */
  readonly name: string;
  /** What to do about the platform's result codes; codes without advice get a generic line. */
  readonly advice: Readonly<Record<number, string>>;
}

/**
 * A send-only group robot. Its address and secrets resolved when the config
 * loaded, so without --send there is nothing more to learn without posting
 * into the group; with --send one real message goes out and the platform's
 * verdict (its errcode) is read.
 */
export async function checkWebhookRobot(channel: ChannelConfig, send: boolean, platform: RobotPlatform): Promise<DoctorLine> {
  const line = { topic: `${platform.name}群机器人`, subject: channel.name };
  const notifier = createNotifier(channel);
  if (!send) return { ...line, mark: 'ok', found: '地址和密钥已设置（没有发测试消息；加 --send 会往群里真的发一条）' };
  const result = await notifier.send(testMessage);
  if (result.ok) return { ...line, mark: 'ok', found: '测试消息已发出，请到群里看看是否收到' };
  return { ...line, mark: 'fail', ...explain(result.detail, platform) };
}

/** The notifier's detail is for logs (notifiers/judge-webhook-reply.ts words it); clerks get its code in Chinese. */
function explain(detail: string, platform: RobotPlatform): { found: string; fix: string } {
  const network = /network error (\S+)/.exec(detail)?.[1];
  if (network) {
    return { found: `连不上${platform.name}的服务器（${network}）`, fix: '请检查这台电脑能否上网、单位防火墙是否放行；配置里写了 baseUrl 的，请核对它。' };
  }
  const code = /(?:errcode|code|StatusCode) (-?\d+)/.exec(detail)?.[1];
  if (code !== undefined) {
    return {
      found: `群机器人拒绝了测试消息（错误码 ${code}）`,
      fix: platform.advice[Number(code)] ?? `请在${platform.name}群的机器人设置里核对这个机器人（错误码 ${code}），改好后运行 menu-patrol doctor --send 再试。`,
    };
  }
  const status = /HTTP (\d+)/.exec(detail)?.[1];
  return {
    found: status ? `${platform.name}的服务器回答 HTTP ${status}，不是群机器人的应答` : '回答的不是群机器人的应答',
    fix: '地址不对：请核对配置里这个机器人的密钥（webhook 地址里的那一段）和 baseUrl；经过代理或网关的，请确认它们没有拦截。',
  };
}
