import { isContentPlace, placeLabel } from '../../core/places.ts';
import type { Finding } from '../../core/findings.ts';
import type { OutgoingMessage } from '../../notifiers/types.ts';
import { screenshotOf } from '../../store/evidence.ts';
import { downFor, findingLines } from './finding-lines.ts';

export interface AccountNotice {
  readonly account: string;
  readonly unit?: string;
  readonly opened: readonly Finding[];
  readonly reminded: readonly Finding[];
  readonly recovered: readonly Finding[];
}

function accountBlock(n: AccountNotice, now: string, timeZone: string): string[] {
  const lines = [`【${n.account}】${n.unit && n.unit !== n.account ? n.unit : ''}`];
  let i = 1;
  for (const f of n.opened) lines.push(...findingLines(f, i++, now, timeZone, f.severity === 'warn' ? '（需要您在手机上亲自确认）' : '（新发现）'));
  for (const f of n.reminded) lines.push(...findingLines(f, i++, now, timeZone, '（仍未修复）'));
  // A place whose problem only changed (due-soon became overdue, a timeout became an error page) has not recovered.
  const stillBroken = new Set([...n.opened, ...n.reminded].map(placeLabel));
  for (const f of n.recovered) if (!stillBroken.has(placeLabel(f))) lines.push(`✓ ${placeLabel(f)} 已恢复正常（${downFor(f)}）`);
  return lines;
}

/** "2 个菜单问题、1 个内容问题": overdue accounts and wrong words are not menu problems, so the title says which is which. */
function countOf(findings: readonly Finding[]): string {
  const content = findings.filter(isContentPlace).length;
  const menu = findings.length - content;
  return [menu > 0 ? `${menu} 个菜单问题` : '', content > 0 ? `${content} 个内容问题` : ''].filter(Boolean).join('、');
}

/** The owner's signed link to the status page (web/), when the office set web.publicUrl. */
export interface OwnerLink {
  readonly url: string;
  readonly days: number;
}

/** Screenshots a digest carries at most: each is a message of its own on the robots' 20 a minute. */
const maxImages = 5;

/**
 * One message per owner per sweep, however many accounts and items: what is
 * broken, since when, what to do, and how to say it is fixed; with the
 * screenshots of the broken pages, for the channels that carry images.
 */
export function ownerDigest(owner: string, notices: readonly AccountNotice[], now: string, timeZone: string, deadline?: string, link?: OwnerLink): OutgoingMessage {
  const broken = notices.flatMap((a) => [...a.opened, ...a.reminded]);
  const recovered = notices.flatMap((a) => a.recovered);
  const title =
    broken.length > 0 ? `【菜单巡检提醒】您负责的公众号有 ${countOf(broken)}需要自查整改` : `【菜单巡检】您负责的公众号有 ${countOf(recovered)}已经解决`;
  const lines = [`${owner}您好：`, broken.length > 0 ? '菜单巡检发现以下问题，请尽快自查整改：' : '以下问题已经解决，感谢您的整改：', ''];
  for (const n of notices) lines.push(...accountBlock(n, now, timeZone), '');
  if (deadline && broken.length > 0) lines.push(deadline);
  const fixable = notices.filter((n) => n.opened.length + n.reminded.length > 0).map((n) => n.account);
  if (fixable.length > 0) lines.push(`改好后请回复“已整改 ${fixable[0]}”，我会马上复查。`);
  if (link) lines.push(`在手机上查看详情和截图：${link.url}（${link.days} 天内有效，只显示您负责的账号）`);
  const text = lines.join('\n').trim();
  const images = [...new Set(broken.flatMap((f) => screenshotOf(f.evidence) ?? []))].slice(0, maxImages);
  return { title, text, markdown: text, ...(images.length > 0 ? { images } : {}) };
}
