/** A chat message as every channel hands it to the bot: who said it, and how to answer in the same conversation. */

/** Platforms whose people carry an id in the config (`dingtalk: { userId }` on an admin or owner). */
export type Platform = 'wecom' | 'dingtalk' | 'feishu';

export interface Talker {
  readonly name: string;
  /** The 备注 the bot's personal WeChat has for them. */
  readonly remark?: string;
  /** Who they are on an official platform (DingTalk staff id…): decides their role there, never their display name. */
  readonly id?: { readonly platform: Platform; readonly userId: string; readonly openId?: string };
}

export interface IncomingChat {
  readonly text: string;
  readonly talker: Talker;
  /** The group's name when said in a group (with the bot @-mentioned). */
  readonly room?: string;
  reply(text: string): Promise<void>;
  /** Send a file (the report's xlsx) to the same conversation. */
  replyFile(path: string): Promise<void>;
}
