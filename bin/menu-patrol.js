#!/usr/bin/env node
import { loadMain } from './runtime.js';

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
