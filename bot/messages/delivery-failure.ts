import { Secret } from '../../config/secret.ts';
import type { ChannelConfig, ChannelType } from '../../notifiers/registry.ts';
import type { FailureCode, FailureKind, SendFailure } from '../../notifiers/types.ts';
import type { Recipient } from '../../store/schema.ts';

/** Each channel type as the office knows it. */
const channelTypeNames = {
  wecom: '企业微信群机器人',
  dingtalk: '钉钉群机器人',
  feishu: '飞书群机器人',
  'dingtalk-app': '钉钉应用机器人',
  'feishu-app': '飞书应用机器人',
  'wecom-bot': '企业微信智能机器人',
  'wecom-app': '企业微信应用',
} as const satisfies Record<ChannelType, string>;

interface Facts {
  /** The channel, as 企业微信群机器人「值班群」, or 个人微信. */
  readonly where: string;
  /** Its secrets by where they come from (env:NAME, or the config path of one written inline): safe to show, unlike the secrets. */
  readonly keys: string;
  /** Who the message was for. */
  readonly who: string;
  readonly setting: string;
  /** The configured channel name the failure went through, when there is no such channel. */
  readonly via: string;
  /** Attempts made, for failures that were retried until the outbox gave up. */
  readonly tried: string;
}

/** What happened and what to do, one sentence per kind; the table does not compile without every kind. */
const sentences = {
  network: (f) => `${f.where}连不上平台，${f.tried}请检查这台电脑能否上网、能否访问该平台（单位防火墙、代理是否放行）。`,
  'server-error': (f) => `${f.where}所在平台的服务器出错，是平台那边的问题，${f.tried}平台恢复后新的提醒会照常发出。`,
  'rate-limited': (f) => `${f.where}发得太频繁或平台正忙，被暂时拒收，${f.tried}如果常常这样，请减少发到这里的消息。`,
  rejected: (f) => `${f.where}拒收了这条消息：可能是密钥不对、机器人已被移出群或停用，或没有通过安全设置（关键词、加签、IP 白名单）。请在配置里核对${f.keys}，并在平台后台或群的机器人设置里核对；改好后可运行 menu-patrol doctor --send 试发一条。`,
  'bad-secret': (f) => `${f.where}的应用凭证没有通过平台验证：请在配置里核对${f.keys}和应用的 ID，与平台后台的是否一致。`,
  'ip-not-allowed': (f) => `${f.where}不接受这台电脑的 IP：请在平台管理后台把本机的出口 IP 加入这个应用的“企业可信IP”。`,
  'not-robot': (f) => `${f.where}的地址回复的不是机器人接口（地址写错了，或被代理拦下）：请在配置里核对这个渠道的地址（baseUrl）。`,
  'too-long': (f) => `这条提醒太长，${f.where}分段后也发不下，请人工转告。`,
  'bad-config': (f) => `${f.where}在配置里没有设置 ${f.setting}，不知道发到哪里：请在配置文件里给它补上 ${f.setting}。`,
  'no-address': (f) => `${f.who}在${f.where}上没有登记 ${f.setting}，没法单独发给对方：请在配置里给这个人补上 ${f.setting}。`,
  'not-connected': (f) => `${f.where}一直没有连上平台，${f.tried}请检查这台电脑能否访问该平台，并在配置里核对${f.keys}。`,
  'unknown-channel': (f) => `配置里没有名为「${f.via}」的通知渠道：请核对收件人的 channel 是否写对。`,
  'wechat-off': () => '没有启用个人微信，收件人又没有设置 channel：请在配置里给收件人设置 channel，或用 menu-patrol serve --wechat 启用个人微信。',
  'no-contact': (f) => `机器人的微信里找不到${f.who}，${f.tried}请把对方加为机器人微信的好友并设好备注（群要保存到通讯录）。`,
  'ambiguous-contact': (f) => `机器人的微信里有不止一个${f.who}，不知道发给谁：请把对方的备注改成唯一的。`,
} as const satisfies Record<FailureKind, (facts: Facts) => string>;

function whoOf(to: Recipient): string {
  if (to.kind === 'group') return `名为“${to.topic}”的群`;
  if (to.kind === 'channel') return `通知渠道「${to.name}」`;
  return to.remark ? `备注为“${to.remark}”的联系人` : `“${to.name}”`;
}

/** The code IT can look up, in brackets at the end. */
function codeText(code: FailureCode | undefined): string {
  if (!code) return '';
  if ('network' in code) return `（${code.network}）`;
  if ('http' in code) return `（HTTP ${code.http}）`;
  return `【错误码 ${code.errcode}】`;
}

/**
 * A failed delivery as admins read it: the channel by its configured name and
 * type, what happened, what to do, and the technical code in brackets. Built
 * only from the failure's kind and codes and the config's names, never from
 * its English `detail` (which may echo what the platform said back).
 */
export function deliveryFailureText(failure: SendFailure, context: { readonly channel: ChannelConfig | undefined; readonly to: Recipient; readonly attempts: number }): string {
  const { channel } = context;
  const secrets = channel ? Object.values(channel).filter((value): value is Secret => value instanceof Secret) : [];
  const facts: Facts = {
    where: channel ? `${channelTypeNames[channel.type]}「${channel.name}」` : '个人微信',
    keys: secrets.length > 0 ? ` ${secrets.map((s) => s.source).join('、')} 指向的密钥` : '这个渠道的密钥',
    who: whoOf(context.to),
    setting: failure.setting ?? '',
    via: failure.via ?? '',
    tried: failure.retryable ? `已试了 ${context.attempts} 次仍没有成功；` : '',
  };
  return sentences[failure.reason](facts) + codeText(failure.code);
}
