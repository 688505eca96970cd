import test from 'ava';
import { defaultTimeZone } from '../../config/schema.ts';
import { ownerDigest } from '../../bot/messages/owner-digest.ts';
import type { Finding } from '../../core/findings.ts';
import { problem, type ProblemCode } from '../../core/problems.ts';

const at = '2026-11-26T01:00:00.000Z';

function finding(code: ProblemCode, menu: string, path: string[], resolvedAt: string | null = null): Finding {
  const p = problem(code);
  return {
    id: JSON.stringify(['扎兰屯环境保护', menu, ...path, code]),
    account: '扎兰屯环境保护',
    menu,
    path,
    scope: 'menu',
    critical: false,
    code,
    severity: p.severity,
    message: p.message,
    target: null,
    evidence: {},
    firstSeen: '2026-11-23T01:00:00.000Z',
    lastSeen: at,
    lastRunId: 'r',
    resolvedAt,
    resolution: resolvedAt ? 'fixed' : null,
  };
}

test('content findings are named by what they are about, in the title too, and due-soon turning overdue is not a recovery', (t) => {
  const overdue = finding('overdue', '内容更新', []);
  const article = finding('sensitive-word', '已发布文章', ['《成吉思汗镇开展秸杆禁烧宣传活动》']);
  const dueSoon = finding('due-soon', '内容更新', [], at);
  const menuItem = finding('http-error', '办事服务', ['社保查询']);
  const { title, text } = ownerDigest('王鹏', [{ account: '扎兰屯环境保护', opened: [overdue, article, menuItem], reminded: [], recovered: [dueSoon] }], at, defaultTimeZone);
  t.is(title, '【菜单巡检提醒】您负责的公众号有 1 个菜单问题、2 个内容问题需要自查整改');
  t.regex(text, /1\. 内容更新（新发现）\n {3}问题：公众号超期未更新/);
  t.regex(text, /2\. 已发布文章《成吉思汗镇开展秸杆禁烧宣传活动》（新发现）/);
  t.notRegex(text, /整个菜单/);
  t.notRegex(text, /已恢复正常/);

  const recovered = ownerDigest('王鹏', [{ account: '扎兰屯环境保护', opened: [], reminded: [], recovered: [finding('overdue', '内容更新', [], at)] }], at, defaultTimeZone);
  t.is(recovered.title, '【菜单巡检】您负责的公众号有 1 个内容问题已经解决');
  t.regex(recovered.text, /以下问题已经解决，感谢您的整改：[^]*✓ 内容更新 已恢复正常（此前有问题约 3 天）/);
});
