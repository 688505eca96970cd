/** `npm run dev -- <command> …`: the CLI from the TypeScript sources through tsx, for developers; the bin runs dist/. */
import { main } from '../cli/main.ts';

process.exitCode = await main(process.argv.slice(2));
