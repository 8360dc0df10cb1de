#!/usr/bin/env node
// The only place that sets the exit code: everything below returns it.
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
