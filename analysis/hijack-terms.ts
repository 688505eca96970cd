/**
 * Gambling and porn vocabulary of black-hat SEO, in folded form (simplified,
 * lower-case ASCII). Brand names and compounds are "strong"; everyday words
 * that a 福彩 notice or a police report also uses are "plain" and only ever
 * support a strong hit. Bare words that are also place or trade names are
 * tied to a context here: 金沙 (金沙县, 金沙城区, 金沙国际大酒店), 开户 (银行开户),
 * 娱乐城 (a KTV's name), A片区 (a planning zone).
 */

import { scanByPrefixes } from './prefixes.ts';

const gamblingBrands = [
  '欧洲杯.{0,8}?投注',
  '世界杯.{0,8}?(投注|下注|买球)',
  '官网直播',
  '365bet|bet365|beat365|bat365|365(体育|娱乐)',
  '澳门金沙|金沙(娱乐|博彩|棋牌|赌场|官网|平台|app|线上)',
  '威尼斯人(娱乐|官网|平台|app|赌场)|澳门(赌场|博彩|威尼斯人|新葡京)|新葡京',
  '皇冠(体育|娱乐|现金网|足球|平台|app|hg)',
  '必赢(体育|国际|亚洲|娱乐|官网|app|平台)?',
  'manbetx|万博(体育|官网|app|娱乐)',
  '开元棋牌|(ag|bbin)(真人|视讯|平台)|沙巴体育|亚博(体育|app)|开云(体育|app|官网)',
  'dafabet|1xbet|188bet|12bet|betway',
];

const gamblingCompounds = [
  '百家乐|六合彩|时时彩|老虎机|现金网',
  '真人(娱乐|视讯|荷官)',
  '(在线|网上|线上|真人)娱乐城|娱乐城(官网|开户|注册|平台|app|网址|登录)',
  '(博彩|投注|娱乐|网投|赌场|真人|在线)开户|开户(即)?送(彩金)?',
  '注册(即|就)?送(彩金|体验金|\\d+)|首存(送|优惠)',
  '(网上|线上|在线|网络)赌场|真钱(游戏|赌博|棋牌|娱乐)',
  '博彩(网站|平台|导航|公司|app|娱乐|开户|代理)|(体育|足球)博彩',
  '赌球(网站|平台|app)|外围(投注|网站|平台|赌球)|菠菜(网|平台|导航)|买球(app|平台|网站)',
];

const porn = [
  '成人(视频|电影|影院|网站|直播|小说)',
  'a片(?!区)|毛片|三级片|黄片|av(女优|在线|电影|网站|天堂)',
  '约炮|裸聊|一夜情|无码|人妻',
  '(国产|日韩|欧美|亚洲|日本)(精品|av|无码|自拍|偷拍)|自拍偷拍|偷拍自拍|久久(精品|视频|综合|热)',
  '色情(网站|视频|电影|直播|小说)|黄色(网站|视频|电影)',
  'pornhub|xvideos',
];

/** Scanned by its prefixes (prefixes.ts): dozens of alternatives, tried by V8 wherever 国, 在 or 人 stands. */
export const strongTerms = scanByPrefixes(new RegExp([...gamblingBrands, ...gamblingCompounds, ...porn].join('|'), 'g'));

export const plainTerms =
  /博彩|赌场|投注|下注|押注|赌球|轮盘|彩金|滚球|棋牌|电子游艺|娱乐城|开户|色情|在线观看|体育直播|赔率|盘口/g;

/**
 * Words that frame gambling or porn as something to fight or regulate: a hit
 * with one of these nearby is a 禁赌 notice, a police report or a lottery
 * notice talking about it, not an advert for it.
 */
export const opposingContext =
  /打击|严禁|禁止|禁赌|拒绝|远离|抵制|切勿|谨防|警惕|防范|查处|查获|破获|侦破|抓获|捣毁|取缔|整治|治理|举报|涉嫌|涉赌|涉黄|违法|犯罪|非法|警方|公安|民警|派出所|拘留|判处|判决|刑事|嫌疑人|赌博|赌资|参赌|诈骗|反诈|福利彩票|体育彩票|福彩|体彩|竞彩|彩票(中心|管理|发行|销售)|扫黄|打非|不得|危害|受害|被骗|立案/;

/** TLDs favoured by throwaway spam domains. */
export const spamTld = /\.(pro|xyz|pw|top|loan|win|bid|online|tk|ga|gq|ml|cf)$/;
