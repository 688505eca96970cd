/**
 * WeChat errcodes a clerk meets while menu-patrol reads a menu, each with what
 * to do about it. Match on the number, never on errmsg (it carries rid/hint suffixes).
 */

/** The token was refused: fetch a fresh one and try the call once more. */
export const tokenErrors: ReadonlySet<number> = new Set([40001, 40014, 42001]);

/** The platform was busy: back off and retry. */
export const busyErrors: ReadonlySet<number> = new Set([-1, 45011]);

/** No API menu / no permission for menu/get: the default menu from selfmenu info is all there is. */
export const noConditionalMenu: ReadonlySet<number> = new Set([46003, 48001, 65306]);

export const unreachableErrcode = -9999;

export function hintFor(errcode: number, errmsg: string): string {
  switch (errcode) {
    case 40164:
    case 61004: {
      const ip = /invalid ip ([0-9a-f.:]+)/i.exec(errmsg)?.[1];
      return `微信拒绝了本机的 IP 地址${ip ? ` ${ip}` : ''}：请公众号管理员登录公众平台，在“设置与开发 → 基本配置 → IP白名单”里加入这个 IP，几分钟后再检查。`;
    }
    case 40001:
    case 40014:
    case 42001:
      return '访问令牌（access_token）失效，重新获取后仍然失败：请确认 AppSecret 最近没有被重置；如已重置，请更新环境变量里的 AppSecret。';
    case 40013:
      return 'AppID 不正确：请在公众平台“设置与开发 → 基本配置”里核对开发者ID（AppID），并改正配置文件。';
    case 40125:
      return 'AppSecret 不正确或已被重置：请管理员在公众平台“设置与开发 → 基本配置”重置并复制 AppSecret，更新到环境变量里。';
    case 40243:
      return 'AppSecret 已被冻结：请公众号管理员在公众平台“基本配置”里解冻 AppSecret。';
    case 45009:
      return '今天调用微信接口的次数已用完（每日限额），明天会自动恢复；急需检查可由管理员在公众平台把接口调用次数清零。';
    case 45011:
    case -1:
      return '微信接口暂时繁忙，多次重试后仍失败，请稍后再检查。';
    case 48001:
      return '这个公众号没有读取菜单的接口权限（常见于未认证的订阅号）：请在配置文件里用 menu 清单登记它的菜单，或完成微信认证。';
    case 46003:
      return '这个公众号没有设置自定义菜单。';
    case unreachableErrcode:
      return '连不上微信接口服务器：请检查本机网络和代理设置，稍后再检查。';
    default:
      return `微信接口返回了未知错误（${errcode} ${errmsg.split(' rid:')[0]}），请稍后再试；如一直出现，请把这段话发给技术支持。`;
  }
}
