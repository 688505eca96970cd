/** What the bot says, in every channel's terms; queued messages are stored in this shape. */

export interface Mentions {
  /** Phone numbers registered with the platform (WeCom and DingTalk can @ by mobile). */
  readonly mobiles?: readonly string[];
  /** Platform user ids (WeCom userid, DingTalk userId, Feishu open_id / user_id). */
  readonly userIds?: readonly string[];
  readonly all?: boolean;
}

export interface OutgoingMessage {
  /** One line, e.g. 【菜单巡检】扎兰屯12333 有 2 个菜单打不开 */
  readonly title: string;
  /** Plain-text body (Chinese), used by text-only channels; the title is added by the channel. */
  readonly text: string;
  /** Markdown body for channels that render it; the title is added by the channel. */
  readonly markdown: string;
  readonly mentions?: Mentions;
  /**
   * Evidence screenshots (files in the data folder) for channels that carry
   * images, sent after the text; kept as paths, so the outbox never holds the bytes.
   */
  readonly images?: readonly string[];
}
