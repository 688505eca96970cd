/**
 * The 31 accounts of 扎兰屯市's 2022 Q2 new-media notice, embedded because the
 * product cannot read the shared reference data at run time. Rows 20/21 had
 * their names replaced by gambling spam on the mirrored notice and row 24 lost
 * a character; they carry the names the notice's editors suggest.
 */
import type { Platform } from './model.ts';

export type AccessMode =
  /** Read through the API. */
  | 'api'
  /** No API access: the office wrote the menu down in the config. */
  | 'inventory'
  /** API access, but the checker's IP is not on the account's whitelist (40164). */
  | 'ip-blocked'
  /** API access; the menu was made in the web editor, so menu/get answers 46003. */
  | 'web-editor';

export interface AccountRow {
  readonly row: number;
  readonly name: string;
  readonly platform: Platform;
  /** 主办单位. */
  readonly unit: string;
  /** Short unit name for owner remarks (王明-人社局). */
  readonly short: string;
  /** The unit's web site. */
  readonly host: string;
  /** Path prefix when the unit shares its site with another unit. */
  readonly prefix?: string;
  /** Name of the 走进XX button (at most 5 characters, WeChat's top-level limit). */
  readonly intro: string;
  /** Name of the leader's mailbox item. */
  readonly mailbox: string;
  readonly access?: AccessMode;
  /** Domains besides zlt.gov.cn that the account's links legitimately use. */
  readonly extraDomains?: readonly string[];
  /** A personalized menu for followers with this tag. */
  readonly conditionalTag?: string;
  /** The site is an old GB2312/GBK one (many county statistics sites still are). */
  readonly gbkSite?: true;
}

export const accountRows: readonly AccountRow[] = [
  { row: 1, name: '扎兰屯网警巡查执法（微博）', platform: 'weibo', unit: '扎兰屯市公安局网络安全保卫大队', short: '网警大队', host: 'gaj.zlt.gov.cn', prefix: '/wj', intro: '走进网警', mailbox: '队长信箱' },
  { row: 2, name: '扎兰屯网警巡查执法', platform: 'wechat-subscription', unit: '扎兰屯市公安局网络安全保卫大队', short: '网警大队', host: 'gaj.zlt.gov.cn', prefix: '/wj', intro: '走进网警', mailbox: '队长信箱' },
  { row: 3, name: '扎兰屯市民政局党建', platform: 'wechat-subscription', unit: '扎兰屯市民政局', short: '民政局', host: 'mzj.zlt.gov.cn', intro: '走进民政', mailbox: '局长信箱' },
  { row: 4, name: '扎兰屯河西街道', platform: 'wechat-subscription', unit: '扎兰屯市河西街道办事处', short: '河西街道', host: 'hxjd.zlt.gov.cn', intro: '走进河西', mailbox: '主任信箱', access: 'inventory' },
  { row: 5, name: '月亮小镇党建平台', platform: 'wechat-subscription', unit: '中共扎兰屯市柴河镇委员会', short: '柴河镇', host: 'chz.zlt.gov.cn', intro: '走进柴河', mailbox: '书记信箱' },
  { row: 6, name: '成吉思汗镇人民政府', platform: 'wechat-subscription', unit: '扎兰屯市成吉思汗镇人民政府', short: '成吉思汗镇', host: 'cjshz.zlt.gov.cn', intro: '走进成镇', mailbox: '镇长信箱' },
  { row: 7, name: '扎兰屯博物馆', platform: 'wechat-subscription', unit: '扎兰屯市博物馆', short: '博物馆', host: 'bwg.zlt.gov.cn', intro: '走进博物馆', mailbox: '馆长信箱' },
  { row: 8, name: '智慧向阳', platform: 'wechat-subscription', unit: '扎兰屯市向阳街道办事处', short: '向阳街道', host: 'xyjd.zlt.gov.cn', intro: '走进向阳', mailbox: '主任信箱', access: 'web-editor' },
  { row: 9, name: '扎兰屯12333', platform: 'wechat-subscription', unit: '扎兰屯市人力资源和社会保障局', short: '人社局', host: 'rsj.zlt.gov.cn', intro: '走进人社', mailbox: '局长信箱', extraDomains: ['nm12333.cn'] },
  { row: 10, name: '扎兰屯市自然资源局', platform: 'wechat-subscription', unit: '扎兰屯市自然资源局', short: '自然资源局', host: 'zrzyj.zlt.gov.cn', intro: '走进自然', mailbox: '局长信箱', access: 'ip-blocked' },
  { row: 11, name: '扎兰屯市医疗保障局', platform: 'wechat-subscription', unit: '扎兰屯市医疗保障局', short: '医保局', host: 'ybj.zlt.gov.cn', intro: '走进医保', mailbox: '局长信箱' },
  { row: 12, name: '扎兰统计', platform: 'wechat-subscription', unit: '扎兰屯市统计局', short: '统计局', host: 'tjj.zlt.gov.cn', intro: '走进统计', mailbox: '局长信箱', gbkSite: true },
  { row: 13, name: '扎兰屯市洼堤乡人民政府', platform: 'wechat-subscription', unit: '扎兰屯市洼堤乡人民政府', short: '洼堤乡', host: 'wdx.zlt.gov.cn', intro: '走进洼堤', mailbox: '乡长信箱', access: 'inventory' },
  { row: 14, name: '扎兰屯市司法局', platform: 'wechat-subscription', unit: '扎兰屯市司法局', short: '司法局', host: 'sfj.zlt.gov.cn', intro: '走进司法', mailbox: '局长信箱' },
  { row: 15, name: '扎兰屯发展和改革局', platform: 'wechat-service', unit: '扎兰屯市发展和改革委员会', short: '发改委', host: 'fgw.zlt.gov.cn', intro: '走进发改', mailbox: '主任信箱', conditionalTag: '101' },
  { row: 16, name: '扎兰交警', platform: 'wechat-subscription', unit: '扎兰屯市公安局交通管理大队', short: '交警大队', host: 'jjdd.zlt.gov.cn', intro: '走进交警', mailbox: '队长信箱' },
  { row: 17, name: '扎兰交警（微博）', platform: 'weibo', unit: '扎兰屯市公安局交通管理大队', short: '交警大队', host: 'jjdd.zlt.gov.cn', intro: '走进交警', mailbox: '队长信箱' },
  { row: 18, name: '扎兰屯市人力资源和社会保障局', platform: 'wechat-subscription', unit: '扎兰屯市人力资源和社会保障局', short: '人社局', host: 'rsj.zlt.gov.cn', intro: '走进人社', mailbox: '局长信箱' },
  { row: 19, name: '扎兰屯政务', platform: 'weibo', unit: '扎兰屯市人民政府办公室', short: '政府办', host: 'www.zlt.gov.cn', intro: '走进扎兰屯', mailbox: '市长信箱' },
  { row: 20, name: '扎兰屯发布', platform: 'wechat-subscription', unit: '扎兰屯市融媒体中心', short: '融媒体中心', host: 'www.zlt.gov.cn', intro: '走进扎兰屯', mailbox: '市长信箱', extraDomains: ['zltfabu-old.com'] },
  { row: 21, name: '扎兰屯发布蒙古文', platform: 'wechat-subscription', unit: '扎兰屯市融媒体中心', short: '融媒体中心', host: 'www.zlt.gov.cn', intro: '走进扎兰屯', mailbox: '市长信箱' },
  { row: 22, name: '扎兰城管', platform: 'wechat-subscription', unit: '扎兰屯市城市管理综合执法局', short: '城管局', host: 'cgj.zlt.gov.cn', intro: '走进城管', mailbox: '局长信箱' },
  { row: 23, name: '扎兰屯环境保护', platform: 'wechat-subscription', unit: '呼伦贝尔市生态环境局扎兰屯分局', short: '生态环境分局', host: 'sthjj.zlt.gov.cn', intro: '走进环保', mailbox: '局长信箱' },
  { row: 24, name: '平安扎兰屯', platform: 'weibo', unit: '中共扎兰屯市委政法委员会', short: '政法委', host: 'zfw.zlt.gov.cn', intro: '走进政法', mailbox: '书记信箱' },
  { row: 25, name: '扎兰屯市文体旅游广电局', platform: 'wechat-subscription', unit: '扎兰屯市文体旅游广电局', short: '文旅局', host: 'wtlgj.zlt.gov.cn', intro: '走进文旅', mailbox: '局长信箱' },
  { row: 26, name: '扎兰屯市市场监督管理局', platform: 'wechat-subscription', unit: '扎兰屯市市场监督管理局', short: '市场监管局', host: 'scjgj.zlt.gov.cn', intro: '走进市监', mailbox: '局长信箱' },
  { row: 27, name: '扎兰屯市中和镇人民政府', platform: 'wechat-subscription', unit: '扎兰屯市中和镇人民政府', short: '中和镇', host: 'zhz.zlt.gov.cn', intro: '走进中和', mailbox: '镇长信箱', access: 'inventory' },
  { row: 28, name: '扎兰屯教育在线', platform: 'wechat-subscription', unit: '扎兰屯市教育局', short: '教育局', host: 'jyj.zlt.gov.cn', intro: '走进教育', mailbox: '局长信箱' },
  { row: 29, name: '扎兰屯市学生资助中心', platform: 'wechat-subscription', unit: '扎兰屯市学生资助管理中心', short: '资助中心', host: 'jyj.zlt.gov.cn', prefix: '/xszz', intro: '走进资助', mailbox: '主任信箱' },
  { row: 30, name: '扎兰屯市公安局', platform: 'wechat-subscription', unit: '扎兰屯市公安局', short: '公安局', host: 'gaj.zlt.gov.cn', intro: '走进警营', mailbox: '局长信箱' },
  { row: 31, name: '你好大河湾', platform: 'wechat-subscription', unit: '扎兰屯市大河湾镇人民政府', short: '大河湾镇', host: 'dhw.zlt.gov.cn', intro: '走进大河湾', mailbox: '镇长信箱' },
];
