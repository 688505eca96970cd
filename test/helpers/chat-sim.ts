import type { ExecutionContext } from 'ava';
import type { Config } from '../../config/load.ts';
import { startChatSandbox, type ChatSandbox } from '../../sandbox/chat-sandbox.ts';
import type { Store } from '../../store/store.ts';

/** The bot in a simulated WeChat, stopped when the test ends. */
export async function chatSim(t: ExecutionContext, config: Config, store: Store): Promise<ChatSandbox> {
  const chat = await startChatSandbox({ config, store });
  t.teardown(() => chat.stop());
  return chat;
}
