/** `npm run dev -- <command> …`: the CLI from the TypeScript sources through tsx, for developers; the bin runs dist/. */
import { keepHeapTight } from '../cli/heap-policy.ts';
import { main } from '../cli/main.ts';

keepHeapTight();

process.exitCode = await main(process.argv.slice(2));
