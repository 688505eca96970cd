/**
 * The event XML WeChat pushes when a user taps a menu item (wechat-platform.md §4.4).
 * Extra fields carry plausible sample data so the account's server sees what it
 * would see from a real phone.
 */

export type MenuEvent =
  | 'CLICK'
  | 'scancode_push'
  | 'scancode_waitmsg'
  | 'pic_sysphoto'
  | 'pic_photo_or_album'
  | 'pic_weixin'
  | 'location_select';

export interface EventPush {
  readonly event: MenuEvent;
  readonly key: string;
  /** The account's original id (gh_…). */
  readonly toUser: string;
  /** The synthetic openid the check uses, recognisable in the account's statistics. */
  readonly fromUser: string;
  readonly createTime: number;
}

const cdata = (value: string) => `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

function extra(event: MenuEvent): string {
  switch (event) {
    case 'scancode_push':
    case 'scancode_waitmsg':
      return `<ScanCodeInfo><ScanType>${cdata('qrcode')}</ScanType><ScanResult>${cdata('menu-patrol self-check')}</ScanResult></ScanCodeInfo>`;
    case 'pic_sysphoto':
    case 'pic_photo_or_album':
    case 'pic_weixin':
      return `<SendPicsInfo><Count>1</Count><PicList><item><PicMd5Sum>${cdata('1b5f7c23b5bf75682a53e7b6d163e185')}</PicMd5Sum></item></PicList></SendPicsInfo>`;
    case 'location_select':
      return (
        '<SendLocationInfo><Location_X>' +
        cdata('48.0116') +
        '</Location_X><Location_Y>' +
        cdata('122.7376') +
        '</Location_Y><Scale>' +
        cdata('15') +
        '</Scale><Label>' +
        cdata('内蒙古自治区扎兰屯市') +
        '</Label><Poiname>' +
        cdata('') +
        '</Poiname></SendLocationInfo>'
      );
    case 'CLICK':
      return '';
  }
}

export function eventXml(push: EventPush): string {
  return (
    `<xml><ToUserName>${cdata(push.toUser)}</ToUserName><FromUserName>${cdata(push.fromUser)}</FromUserName>` +
    `<CreateTime>${push.createTime}</CreateTime><MsgType>${cdata('event')}</MsgType>` +
    `<Event>${cdata(push.event)}</Event><EventKey>${cdata(push.key)}</EventKey>${extra(push.event)}</xml>`
  );
}

/**
 * The body WeChat posts in encrypted modes: safe mode carries only the
 * ciphertext, compat mode the plain fields as well.
 */
export function encryptedBody(push: EventPush, encrypted: string, mode: 'safe' | 'compat'): string {
  const envelope = `<Encrypt>${cdata(encrypted)}</Encrypt></xml>`;
  return mode === 'compat' ? eventXml(push).replace(/<\/xml>$/, envelope) : `<xml><ToUserName>${cdata(push.toUser)}</ToUserName>${envelope}`;
}
