import type { MenuItem } from '../core/menu.ts';
import { problem } from '../core/problems.ts';
import { skipped, verdictOf, type Verdict } from '../core/results.ts';
import { localDateString } from '../core/time.ts';
import { sendEvent, type PushOutcome } from '../wechat/event-push.ts';
import type { MenuEvent } from '../wechat/event-xml.ts';
import { judgePassiveReply } from '../wechat/passive-reply.ts';
import { pushPlan } from './push-plan.ts';
import type { CheckContext, Checker } from './types.ts';

const events: Record<string, MenuEvent> = {
  click: 'CLICK',
  scancode_push: 'scancode_push',
  scancode_waitmsg: 'scancode_waitmsg',
  pic_sysphoto: 'pic_sysphoto',
  pic_photo_or_album: 'pic_photo_or_album',
  pic_weixin: 'pic_weixin',
  location_select: 'location_select',
};

/** The citizen waits for an answer only after a click or a scan-and-wait; photos and locations are sent anyway. */
const replyExpected = new Set<MenuEvent>(['CLICK', 'scancode_waitmsg']);

const noServer =
  '这个菜单的回复由公众号自己的服务器提供。请在配置文件里为本账号填写 server' +
  '（服务器地址 URL、令牌 Token；安全模式还要填 EncodingAESKey，都在公众平台“设置与开发 → 基本配置 → 服务器配置”里），' +
  '巡检程序就能模拟市民点击来检查。在那之前，请在手机微信里点一下这个菜单，确认有正常回复。';

/** A 第三方平台's keys are the vendor's to give; anything else the office has in its own 公众平台. */
function askFor(missing: readonly string[], thirdParty: boolean): string {
  const who = thirdParty ? '这个公众号的服务器由第三方平台托管，请向第三方平台（服务商）索取' : '请在公众平台里查到';
  return `巡检程序还缺少 ${missing.join('、')}，没有模拟点击。${who}后填写在本账号的配置里，就能检查这个菜单。在那之前，请在手机微信里点一下这个菜单，确认有正常回复。`;
}

const answered = { success: '服务器只回复了 success', empty: '服务器回复为空' } as const;

/**
 * `success` or nothing is WeChat's documented way to answer later with a
 * 客服消息, which no probe can see: a person confirms it once on a phone, and
 * that holds while the server keeps answering the same way.
 */
function unconfirmed(answer: 'success' | 'empty', key: string, evidence: Record<string, unknown>, ctx: CheckContext): Verdict {
  const confirmed = ctx.clickConfirmations?.byKey[key];
  if (confirmed?.answer !== answer) return verdictOf([problem('click-unconfirmed', answered[answer], evidence)]);
  const day = localDateString(new Date(confirmed.at), ctx.clickConfirmations!.timeZone);
  return verdictOf([], `已人工确认（${day}，${confirmed.by}）：在手机上点击有回复；${answered[answer]}，回复应是随后用客服消息发出的`);
}

async function judge(outcome: PushOutcome, event: MenuEvent, key: string, ctx: CheckContext): Promise<Verdict> {
  const evidence = { elapsedMs: outcome.elapsedMs, event };
  switch (outcome.kind) {
    case 'timeout':
      return verdictOf([problem('click-timeout', `等了 ${(outcome.elapsedMs / 1000).toFixed(1)} 秒没有回复`, evidence)]);
    case 'unreachable':
      return verdictOf([problem('click-server-error', outcome.detail, { ...evidence, detail: outcome.detail })]);
    case 'http-error':
      return verdictOf([problem('click-server-error', `HTTP ${outcome.status}`, { ...evidence, status: outcome.status, reply: outcome.body })]);
    case 'bad-crypto':
      return verdictOf([problem('click-bad-reply', outcome.detail, { ...evidence, reply: outcome.body })]);
    case 'reply': {
      const reply = judgePassiveReply(outcome.body);
      const withReply = { ...evidence, status: outcome.status, reply: outcome.body.slice(0, 300) };
      if (reply.kind === 'invalid') return verdictOf([problem('click-bad-reply', reply.reason, withReply)]);
      if (reply.kind === 'none') {
        if (!replyExpected.has(event)) return verdictOf([], '服务器已正常接收（这类菜单不需要回复）');
        return unconfirmed(reply.body, key, { ...withReply, key, bytes: Buffer.byteLength(outcome.body), answer: reply.body }, ctx);
      }
      // Links inside a news reply are menu targets too: a citizen taps them next.
      const linked = await Promise.all(reply.urls.map((url) => ctx.checkLink(url, ctx.account)));
      return verdictOf(linked.flatMap((v) => v.problems), `回复了${reply.msgType === 'text' ? '文字' : reply.msgType}：${reply.summary}`);
    }
  }
}

/** Click-type items: push the event the phone would cause and judge the server's passive reply. */
export const clickChecker: Checker = {
  async check(item: MenuItem, ctx) {
    const server = ctx.account.server;
    if (!server) return skipped(noServer);
    const key = item.fields.key;
    if (!key) return verdictOf([problem('missing-target', '菜单没有设置 key', { fields: item.fields })]);
    const plan = pushPlan(ctx.account, server);
    if ('missing' in plan) return skipped(askFor(plan.missing, server.thirdParty));
    const event = events[item.kind] ?? 'CLICK';
    const outcome = await sendEvent(plan.target, { event, key, toUser: plan.toUser, fromUser: ctx.probeOpenId, createTime: Math.floor(ctx.now().getTime() / 1000) }, ctx.clickReplyDeadlineMs);
    return judge(outcome, event, key, ctx);
  },
};
