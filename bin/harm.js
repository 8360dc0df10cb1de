#!/usr/bin/env node
// The only place that sets the exit code: everything below returns it.
import { main } from '../dist/main.js';

// A reader that stops reading (`harm … | head -1`) closes the pipe: stop at once
// and quietly, with the status of a Unix tool ended by SIGPIPE (128 + 13), so
// that `set -o pipefail` does not take an unread report for a pass.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exitCode = 141;
    process.exit();
  });
}

process.exitCode = await main(process.argv.slice(2));
