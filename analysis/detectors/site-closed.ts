import { problem, type Problem } from '../../core/problems.ts';
import type { ParsedPage } from '../parsed-page.ts';
import { replacement, type ReplacedWording } from '../replaced-page.ts';

const gap = '[^。!?,;\\n]{0,10}?';

/**
 * Notices hosts, panels and cloud providers put up in place of a site:
 * hosting or domain expired (「网站已过期」「空间已到期」), stopped by the
 * panel (「该站点已经被管理员停止运行」), closed or blocked for lack of ICP
 * filing (阿里云「该网站暂时无法进行访问」, 腾讯云「该网站未根据工信部相关法律规则进行备案」),
 * account suspended. Unlike maintenance, nothing says it will come back.
 */
const wording: ReplacedWording = {
  phrase: new RegExp(
    [
      `(网站|站点|空间|主机|虚拟主机|域名|服务器)${gap}(已|已经)(过期|到期|欠费|停机)`,
      `(网站|站点)${gap}(已|已经|被)(管理员)?(停止|关闭|关停|停用|冻结|封停|禁用|注销)`,
      '(该|此)(网站|站点)暂时无法(进行)?访问',
      `(网站|域名|站点)(未|没有)(进行)?(icp)?备案|未(进行)?(icp)?备案|未根据工信部${gap}备案`,
      `备案(信息|号)?${gap}(已被|已|被)(注销|取消|吊销)|(取消|注销)了?(接入|备案)`,
      'account (has been )?suspended|this (account|site|website) has been suspended|(website|hosting|domain) (has )?expired',
    ].join('|'),
    'g',
  ),
  heading: /^(该|此)?(网站|站点|空间|主机|域名)(已|已经)?(过期|到期|停止|关闭|关停|停止运行|欠费停机)了?!?$|^(网站|域名|站点)?未备案|^(该|此)?(网站|站点)暂时无法(进行)?访问!?$|^account suspended$/g,
};

export function siteClosed(page: ParsedPage): Problem[] {
  const found = replacement(page, wording);
  return found ? [problem('site-closed', found.detail, found.evidence)] : [];
}
