/**
 * The closed catalogue of problem codes. Every output (CLI table, --json, chat
 * messages, reports) takes its wording from here, so a clerk sees the same
 * sentence wherever a problem shows up. docs/problems.md is generated from it.
 */
export type Severity = 'fail' | 'warn';

export interface ProblemInfo {
  readonly severity: Severity;
  /** What the citizen experiences, in plain Chinese. */
  readonly title: string;
  /** What the account owner should do about it. */
  readonly hint: string;
}

const catalog = {
  // --- network ---
  'dns-failure': {
    severity: 'fail',
    title: '域名无法解析，市民打不开这个链接',
    hint: '请确认链接里的域名拼写正确、域名没有过期，并联系网站的技术支持检查域名解析。',
  },
  'connect-failure': {
    severity: 'fail',
    title: '无法连接到网站服务器',
    hint: '请联系网站的技术支持确认服务器是否开机、端口是否开放。',
  },
  timeout: {
    severity: 'fail',
    title: '网页长时间打不开（超时）',
    hint: '请在手机微信里打开试试；如果确实很慢或打不开，请联系网站的技术支持检查服务器。',
  },
  'tls-invalid': {
    severity: 'fail',
    title: '网站的安全证书无效，微信会提示“网页存在安全风险”',
    hint: '请联系网站的技术支持更换有效的 HTTPS 证书（证书过期、自签名或域名不符都会这样）。',
  },
  'tls-expiring': {
    severity: 'warn',
    title: '网站的安全证书即将过期',
    hint: '请提醒网站的技术支持在证书到期前续期，否则到期后市民将无法正常打开。',
  },
  'private-address': {
    severity: 'fail',
    title: '链接指向内网地址，市民在手机上打不开',
    hint: '请把菜单链接改成对外公开的网址。',
  },
  // --- HTTP ---
  'http-error': {
    severity: 'fail',
    title: '网页打不开（服务器返回错误）',
    hint: '请在公众号后台核对菜单链接是否正确；如果网页已迁移，请更新为新的网址。',
  },
  'redirect-loop': {
    severity: 'fail',
    title: '网页不停地跳转，无法打开',
    hint: '请联系网站的技术支持检查跳转设置。',
  },
  'too-many-redirects': {
    severity: 'fail',
    title: '网页跳转次数过多，无法打开',
    hint: '请把菜单链接直接改成最终的网址，并联系网站的技术支持检查跳转设置。',
  },
  'redirect-offsite': {
    severity: 'warn',
    title: '链接跳转到了本单位网站以外的地方',
    hint: '请确认跳转后的网站是否可信；如不是本单位的网站，请修改菜单链接。',
  },
  'insecure-http': {
    severity: 'warn',
    title: '链接使用不加密的 http 协议',
    hint: '建议把链接改为 https 开头的网址。',
  },
  // --- content ---
  'empty-page': {
    severity: 'fail',
    title: '网页是空白的',
    hint: '请在手机微信里打开确认；如确实空白，请联系网站的技术支持恢复页面内容。',
  },
  'soft-404': {
    severity: 'fail',
    title: '网页显示“页面不存在”或已被删除',
    hint: '请在公众号后台把这个菜单改成正确的网址，或删除这个菜单项。',
  },
  maintenance: {
    severity: 'fail',
    title: '网页显示“系统维护中”',
    hint: '请确认维护何时结束；如长期维护，请暂时修改或隐藏这个菜单项。',
  },
  'blocked-by-waf': {
    severity: 'warn',
    title: '网站防火墙拦截了巡检程序，需要人工确认',
    hint: '请在手机微信里亲自点开这个菜单确认能否打开。',
  },
  'anti-bot': {
    severity: 'warn',
    title: '网页要求完成验证，巡检程序无法判断，需要人工确认',
    hint: '请在手机微信里亲自点开这个菜单确认能否打开。',
  },
  'parked-domain': {
    severity: 'fail',
    title: '网站的域名已被停放或挂牌出售，打开的不是本单位的网站',
    hint: '请立即停用这个菜单项。域名多半已过期被他人注册：请联系网站的主管部门找回或放弃该域名，把菜单改成本单位现在的网址。',
  },
  'default-page': {
    severity: 'fail',
    title: '网站只显示服务器或建站面板的默认页面，没有本单位的内容',
    hint: '网站可能被重装、迁移，或者域名没有绑定到网站。请联系网站的技术支持恢复网站内容、检查域名绑定。',
  },
  'site-closed': {
    severity: 'fail',
    title: '网站已过期、被关停或因未备案无法访问',
    hint: '请联系网站的主管部门或技术支持续费空间和域名、办理或恢复 ICP 备案；恢复之前请暂时停用这个菜单项。',
  },
  'client-required': {
    severity: 'warn',
    title: '网页只能在微信里打开（需要微信登录授权），需要人工确认',
    hint: '请在手机微信里亲自点开这个菜单确认能否正常使用。',
  },
  // --- WeChat pages ---
  'wechat-article-deleted': {
    severity: 'fail',
    title: '菜单指向的公众号文章已被删除',
    hint: '请在公众号后台把这个菜单改成仍然存在的文章或网页。',
  },
  'wechat-article-violation': {
    severity: 'fail',
    title: '菜单指向的公众号文章因违规无法查看',
    hint: '请更换菜单指向的文章，并检查该文章内容。',
  },
  'wechat-account-blocked': {
    severity: 'fail',
    title: '菜单指向的公众号已被屏蔽或注销，内容无法查看',
    hint: '请把菜单改成本单位正常使用的公众号文章或网页。',
  },
  'wechat-account-migrated': {
    severity: 'fail',
    title: '菜单指向的公众号已迁移，原链接失效',
    hint: '请把菜单改成迁移后新公众号里的文章链接。',
  },
  'wechat-link-expired': {
    severity: 'fail',
    title: '菜单里是临时链接，已经过期',
    hint: '请在公众号后台重新选择已发布的文章（不要使用预览链接）。',
  },
  'wechat-url-blocked': {
    severity: 'fail',
    title: '微信已停止访问该网页',
    hint: '请把菜单改成其他网址，并排查该网页被投诉或被拦截的原因。',
  },
  'wechat-url-warning': {
    severity: 'warn',
    title: '微信提示“非微信官方网页”，市民需要多点一次“继续访问”',
    hint: '请在公众号后台把该网站的域名设置为业务域名或 JS 接口安全域名。',
  },
  // --- integrity ---
  hijacked: {
    severity: 'fail',
    title: '网页出现赌博、色情等违法内容，疑似被篡改',
    hint: '请立即删除或停用这个菜单项，并通知网站的技术支持排查篡改。',
  },
  'hidden-links': {
    severity: 'fail',
    title: '网页里藏有指向外部网站的暗链',
    hint: '请通知网站的技术支持清除暗链并排查网站安全。',
  },
  'hidden-iframe': {
    severity: 'fail',
    title: '网页里藏有悄悄加载其他网站的隐藏框架（iframe），疑似被篡改',
    hint: '请立即停用这个菜单项，并通知网站的技术支持删除隐藏框架、排查网站安全。',
  },
  'script-redirect-offsite': {
    severity: 'fail',
    title: '网页会自动跳转到其他网站，疑似被篡改',
    hint: '请立即停用这个菜单项，并通知网站的技术支持排查。',
  },
  // --- seen only in a browser: what the page's scripts did ---
  'white-screen': {
    severity: 'fail',
    title: '网页打开后是白屏，市民看不到任何内容',
    hint: '网页的内容要靠脚本显示，而脚本没有正常运行（常见原因是脚本文件被删除或出错）。请联系网站的技术支持在手机微信里打开检查，恢复缺失的文件。',
  },
  'render-timeout': {
    severity: 'warn',
    title: '网页在浏览器里长时间没有加载完成',
    hint: '请在手机微信里打开试试；如果一直在加载或卡住，请联系网站的技术支持检查页面脚本。',
  },
  // --- functions: replies from the account's server, materials, articles, mini programs ---
  'click-unconfirmed': {
    severity: 'warn',
    title: '点击这个菜单后服务器只回复了 success 或空内容，需人工确认市民能否收到回复',
    hint: '服务器可能稍后再用客服消息回复，巡检程序看不到这种回复。请在手机微信里点一下这个菜单：收到了回复，请对机器人说“确认 账号名”，服务器的回复方式不变就不再提醒；没有收到，请在公众号服务器（或第三方平台）里为这个菜单的 key 设置回复内容。',
  },
  'click-timeout': {
    severity: 'fail',
    title: '公众号服务器超过 5 秒才回复，市民会看到“该公众号暂时无法提供服务，请稍后再试”',
    hint: '请联系公众号服务器的技术支持，确保 5 秒内回复（耗时的操作应先回复 success，再用客服消息发送）。',
  },
  'click-bad-reply': {
    severity: 'fail',
    title: '公众号服务器的回复格式不对，市民会看到“该公众号暂时无法提供服务，请稍后再试”',
    hint: '请联系公众号服务器的技术支持检查被动回复的 XML 格式、签名和加密设置。',
  },
  'click-server-error': {
    severity: 'fail',
    title: '公众号服务器出错或连不上，市民会看到“该公众号暂时无法提供服务，请稍后再试”',
    hint: '请联系公众号服务器的技术支持确认服务器正常运行，并核对公众平台“基本配置”里的服务器地址。',
  },
  'material-missing': {
    severity: 'fail',
    title: '菜单引用的素材已被删除或不存在，市民点了没反应',
    hint: '请在公众号后台为这个菜单重新选择素材。',
  },
  'article-missing': {
    severity: 'fail',
    title: '菜单引用的文章不存在',
    hint: '请在公众号后台为这个菜单重新选择已发布的文章。',
  },
  'article-deleted': {
    severity: 'fail',
    title: '菜单引用的已发布文章已被删除',
    hint: '请在公众号后台为这个菜单重新选择仍然存在的文章。',
  },
  'miniprogram-invalid': {
    severity: 'fail',
    title: '小程序菜单设置不完整，可能打不开',
    hint: '请在公众号后台核对小程序的 AppID、页面路径和备用网页。',
  },
  // --- the account's content: updates and published articles (通报: 超期, 审核不严) ---
  overdue: {
    severity: 'fail',
    title: '公众号超期未更新，检查时按“内容不更新”单项否决',
    hint: '请尽快发布一条本单位的工作信息，以后至少每周更新一次；发布或群发后请回复“已更新 账号名”，我会登记日期并马上复查。',
  },
  'due-soon': {
    severity: 'warn',
    title: '公众号快要超期未更新了',
    hint: '请在到期前发布一条本单位的工作信息，避免检查时被判超期；发布或群发后请回复“已更新 账号名”，我会登记日期并马上复查。',
  },
  'update-unconfirmed': {
    severity: 'warn',
    title: '无法确认公众号最近一次更新的日期，需要负责人告知',
    hint: '微信接口只能看到“发布”的内容，看不到“群发”（数据统计接口只对已认证的账号开放）。请负责人回复“已更新 账号名 日期”（如“已更新 扎兰屯发布 12月5日”）告诉机器人最近一次群发的日期；以后每次群发后都可以这样登记。',
  },
  'sensitive-word': {
    severity: 'fail',
    title: '已发布的文章里有错敏字，检查时会按“审核不严”扣分',
    hint: '请按括号里的建议在公众号后台改正这篇文章，改不了的请删除后重新发布；如果确实没有写错，请告诉政务公开办把它加入忽略词表。',
  },
  'wording-review': {
    severity: 'warn',
    title: '已发布的文章里有需要人工确认的用词',
    hint: '请对照括号里的说明核对这些用词；确实不妥的请修改，没有问题的请告诉政务公开办把它加入忽略词表。',
  },
  'personal-data': {
    severity: 'fail',
    title: '已发布的文章里有未去标识化的身份证号或手机号',
    hint: '请在公众号后台删除文中的身份证号、手机号，或只保留前几位和后四位（例如 138****5678），改不了的请删除后重新发布。',
  },
  'content-unchecked': {
    severity: 'warn',
    title: '这次没能通过微信接口检查公众号的更新情况和文章，需要人工确认',
    hint: '请在手机微信里看一下这个公众号最近一次发布的日期和最近的文章；微信接口恢复后会自动再检查。',
  },
  // --- the menu itself ---
  'menu-disabled': {
    severity: 'fail',
    title: '公众号的自定义菜单已被关闭，市民看不到任何菜单',
    hint: '请在公众平台“内容与互动 → 自定义菜单”里重新开启菜单。',
  },
  'menu-empty': {
    severity: 'fail',
    title: '公众号没有设置任何菜单',
    hint: '请在公众平台“内容与互动 → 自定义菜单”里设置菜单（至少包括政务公开、办事服务和互动交流）。',
  },
  'menu-structure': {
    severity: 'warn',
    title: '菜单的设置不符合微信的规定，可能显示不全或无法保存',
    hint: '请在公众平台按提示调整这个菜单项。',
  },
  // --- menu items that are not links ---
  'unknown-type': {
    severity: 'warn',
    title: '菜单项类型无法识别，需要人工确认',
    hint: '请在手机微信里亲自点开这个菜单确认能否正常使用。',
  },
  'missing-target': {
    severity: 'fail',
    title: '菜单项没有设置链接或内容，点了没有反应',
    hint: '请在公众号后台为这个菜单设置网址或回复内容，或删除这个菜单项。',
  },
  'text-empty': {
    severity: 'fail',
    title: '菜单的文字回复是空的，点了没有反应',
    hint: '请在公众号后台为这个菜单填写回复内容。',
  },
  'invalid-url': {
    severity: 'fail',
    title: '菜单里的网址格式不对，无法打开',
    hint: '请在公众号后台检查这个菜单的网址，改成完整的 https:// 开头的网址。',
  },
} as const satisfies Record<string, ProblemInfo>;

export type ProblemCode = keyof typeof catalog;

export const problemCatalog: Readonly<Record<ProblemCode, ProblemInfo>> = catalog;

export const problemCodes = Object.keys(catalog) as ProblemCode[];

/** Found by reading the account's published content: unknown, not fixed, when that reading was skipped. */
export const contentCodes: ReadonlySet<ProblemCode> = new Set(['overdue', 'due-soon', 'update-unconfirmed', 'sensitive-word', 'wording-review', 'personal-data', 'content-unchecked']);

/** One thing found wrong with one menu item, with what proves it. */
export interface Problem {
  readonly code: ProblemCode;
  readonly severity: Severity;
  /** The catalogue title, plus the specifics of this case (status code, host …). */
  readonly message: string;
  readonly evidence: Readonly<Record<string, unknown>>;
}

export function problem(code: ProblemCode, detail?: string, evidence: Record<string, unknown> = {}): Problem {
  const info = catalog[code];
  return {
    code,
    severity: info.severity,
    message: detail ? `${info.title}（${detail}）` : info.title,
    evidence,
  };
}
