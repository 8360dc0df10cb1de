import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRepositoryInfo, toRepositoryUri } from '../../src/io/git-provenance.js';
import { makeTempDir } from '../helpers/files.js';
import { runCli } from '../helpers/run-cli.js';

const HAS_GIT = spawnSync('git', ['--version']).status === 0;

describe('toRepositoryUri', () => {
  it.each([
    ['https://github.com/acme/product.git', 'https://github.com/acme/product.git'],
    ['https://x-access-token:ghs_secret@github.com/acme/product.git', 'https://github.com/acme/product.git'],
    ['https://gitlab-ci-token:glcbt-secret@gitlab.example.com/group/product', 'https://gitlab.example.com/group/product'],
    ['git@github.com:acme/product.git', 'ssh://github.com/acme/product.git'],
    ['ssh://git@github.com/acme/product.git', 'ssh://github.com/acme/product.git'],
    ['github.com:acme/product.git', 'ssh://github.com/acme/product.git'],
    ['file:///srv/git/product.git', 'file:///srv/git/product.git'],
  ])('%s → %s, never with credentials', (remote, uri) => {
    expect(toRepositoryUri(remote)).toBe(uri);
  });

  it('gives nothing for what is not a URL', () => {
    expect(toRepositoryUri('../relative/path')).toBeUndefined();
  });
});

describe.skipIf(!HAS_GIT)('readRepositoryInfo', () => {
  const git = (cwd: string, ...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' }).stdout.trim();

  it('names the remote, the commit and the branch of a checkout, and nothing without a remote', async () => {
    const dir = makeTempDir('harm-git-');
    git(dir, 'init', '-q', '-b', 'trunk');
    expect(readRepositoryInfo(dir)).toBeUndefined();
    writeFileSync(join(dir, 'a.harm.yaml'), 'apiVersion: harm/v1\nkind: Assessment\n');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'first');
    git(dir, 'remote', 'add', 'origin', 'https://user:token@example.com/acme/product.git');
    const head = git(dir, 'rev-parse', 'HEAD');
    expect(readRepositoryInfo(dir)).toEqual({ uri: 'https://example.com/acme/product.git', revision: head, branch: 'trunk' });
    git(dir, 'checkout', '-q', '--detach');
    expect(readRepositoryInfo(dir)).toEqual({ uri: 'https://example.com/acme/product.git', revision: head });

    const sarif = await runCli(['check', 'a.harm.yaml', '--format', 'sarif'], { cwd: dir });
    const run = JSON.parse(sarif.stdout).runs[0];
    expect(run.versionControlProvenance).toEqual([{ repositoryUri: 'https://example.com/acme/product.git', revisionId: head, mappedTo: { uriBaseId: '%SRCROOT%' } }]);
    expect(sarif.stdout).not.toContain('token');
  });
});
