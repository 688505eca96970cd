import { XMLParser } from 'fast-xml-parser';

/** What a citizen sees after tapping: nothing, a message, or WeChat's 「该公众号暂时无法提供服务」. */
export type ReplyJudgement =
  | { readonly kind: 'none'; readonly body: 'empty' | 'success' }
  | { readonly kind: 'message'; readonly msgType: string; readonly urls: readonly string[]; readonly summary: string }
  | { readonly kind: 'invalid'; readonly reason: string };

const parser = new XMLParser({ processEntities: true, parseTagValue: false, isArray: (name) => name === 'item' });

type Node = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const node = (v: unknown): Node => (typeof v === 'object' && v !== null ? (v as Node) : {});

function judgeMessage(msg: Node): ReplyJudgement {
  const msgType = text(msg.MsgType);
  switch (msgType) {
    case 'text': {
      const content = text(msg.Content);
      return content ? { kind: 'message', msgType, urls: [], summary: content.slice(0, 60) } : { kind: 'invalid', reason: '文字回复的内容是空的' };
    }
    case 'image':
    case 'voice':
    case 'video': {
      const media = node(msg[msgType[0]!.toUpperCase() + msgType.slice(1)]);
      return text(media.MediaId) ? { kind: 'message', msgType, urls: [], summary: `${msgType} ${text(media.MediaId)}` } : { kind: 'invalid', reason: `${msgType} 回复缺少 MediaId` };
    }
    case 'music':
      return { kind: 'message', msgType, urls: [], summary: text(node(msg.Music).Title) };
    case 'transfer_customer_service':
      return { kind: 'message', msgType, urls: [], summary: '转人工客服' };
    case 'news': {
      const items = (node(msg.Articles).item as unknown[] | undefined)?.map(node) ?? [];
      if (items.length === 0) return { kind: 'invalid', reason: '图文回复里没有文章' };
      if (items.length > 8) return { kind: 'invalid', reason: `图文回复有 ${items.length} 篇文章，微信最多只显示 8 篇，会发送失败` };
      const urls = items.map((i) => text(i.Url)).filter(Boolean);
      return { kind: 'message', msgType, urls, summary: items.map((i) => text(i.Title)).join('、').slice(0, 60) };
    }
    case '':
      return { kind: 'invalid', reason: '回复的 XML 缺少 MsgType' };
    default:
      return { kind: 'invalid', reason: `回复的消息类型 ${msgType} 微信不支持` };
  }
}

/** Judge a passive reply body the way WeChat would before showing it to the user. */
export function judgePassiveReply(body: string): ReplyJudgement {
  const trimmed = body.trim();
  if (trimmed === '') return { kind: 'none', body: 'empty' };
  if (trimmed === 'success') return { kind: 'none', body: 'success' };
  if (!trimmed.startsWith('<')) return { kind: 'invalid', reason: '回复不是 XML（微信只接受 XML 格式的被动回复）' };
  let parsed: Node;
  try {
    parsed = node(parser.parse(trimmed, true));
  } catch (error) {
    return { kind: 'invalid', reason: `回复的 XML 格式错误（${(error as Error).message.split('\n')[0]}）` };
  }
  return parsed.xml === undefined ? { kind: 'invalid', reason: '回复的 XML 没有 <xml> 根元素' } : judgeMessage(node(parsed.xml));
}
