import type { Config } from '../../config/load.ts';
import type { Store } from '../../store/store.ts';
import type { CommandName } from '../command-parser.ts';
import type { Role } from '../roles.ts';
import type { SweepService } from '../../sweep/sweep-service.ts';

export interface CommandContext {
  readonly args: readonly string[];
  readonly role: Exclude<Role, { kind: 'stranger' }>;
  readonly config: Config;
  readonly store: Store;
  readonly sweeps: SweepService;
  /** Answer in the conversation the command came from. */
  reply(text: string): Promise<void>;
  /** Send a file to the same conversation. */
  replyFile(path: string): Promise<void>;
  readonly now: () => Date;
}

/** One chat command. Handlers answer through ctx.reply and never throw for a user's mistake. */
export type CommandHandler = (ctx: CommandContext) => Promise<void>;

export type HandlerRegistry = Readonly<Record<CommandName, CommandHandler>>;
