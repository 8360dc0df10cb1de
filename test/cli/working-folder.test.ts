import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const BIN = join(process.cwd(), 'bin', 'harm.js');
const BUILT = existsSync(join(process.cwd(), 'dist', 'main.js'));

describe.skipIf(!BUILT || process.platform === 'win32')('a working folder deleted under harm', () => {
  test.each([['check'], ['validate', 'a.yaml'], ['assess', 'a.yaml'], ['catalog', 'list'], ['score', 'HARM:1/L:P'], ['schema'], ['--help']])(
    'harm %s says so in one sentence, exit 2',
    (...args) => {
      const dir = mkdtempSync(join(tmpdir(), 'harm-gone-'));
      // The shell enters the folder, removes it, and starts harm there.
      const run = spawnSync('sh', ['-c', 'cd "$1" && rmdir "$1" && shift && exec "$@"', 'sh', dir, process.execPath, BIN, ...args], { encoding: 'utf8' });
      expect(run.stderr).toBe('harm: The working folder no longer exists; change to an existing folder and run harm again.\n');
      expect(run.stdout).toBe('');
      expect(run.status).toBe(2);
    },
  );
});
