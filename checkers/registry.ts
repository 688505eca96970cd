import { clickChecker } from './click.ts';
import { linkChecker } from './link.ts';
import { notYetChecked } from './not-yet-checked.ts';
import { textChecker } from './text.ts';
import type { CheckerRegistry } from './types.ts';
import { unknownChecker } from './unknown.ts';

const material = notYetChecked('这个菜单发送的是公众号素材或已发布的文章');
const media = notYetChecked('这个菜单发送的是图片或语音素材');

/** Every item kind has exactly one checker: adding a kind fails to compile until it is registered here. */
export const checkers = {
  view: linkChecker,
  news: linkChecker,
  video: linkChecker,
  miniprogram: linkChecker,
  text: textChecker,
  click: clickChecker,
  scancode_push: clickChecker,
  scancode_waitmsg: clickChecker,
  pic_sysphoto: clickChecker,
  pic_photo_or_album: clickChecker,
  pic_weixin: clickChecker,
  location_select: clickChecker,
  media_id: material,
  view_limited: material,
  article_id: material,
  article_view_limited: material,
  img: media,
  photo: media,
  voice: media,
  unknown: unknownChecker,
} as const satisfies CheckerRegistry;
