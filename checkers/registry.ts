import { clickChecker } from './click.ts';
import { linkChecker } from './link.ts';
import { materialChecker } from './material.ts';
import { mediaValueChecker } from './media-value.ts';
import { miniprogramChecker } from './miniprogram.ts';
import { textChecker } from './text.ts';
import type { CheckerRegistry } from './types.ts';
import { unknownChecker } from './unknown.ts';

/** Every item kind has exactly one checker: adding a kind fails to compile until it is registered here. */
export const checkers = {
  view: linkChecker,
  news: linkChecker,
  video: linkChecker,
  miniprogram: miniprogramChecker,
  text: textChecker,
  click: clickChecker,
  scancode_push: clickChecker,
  scancode_waitmsg: clickChecker,
  pic_sysphoto: clickChecker,
  pic_photo_or_album: clickChecker,
  pic_weixin: clickChecker,
  location_select: clickChecker,
  media_id: materialChecker,
  view_limited: materialChecker,
  article_id: materialChecker,
  article_view_limited: materialChecker,
  img: mediaValueChecker,
  photo: mediaValueChecker,
  voice: mediaValueChecker,
  unknown: unknownChecker,
} as const satisfies CheckerRegistry;
