import { spawnSync } from 'node:child_process';

/** A git checkout, as SARIF's versionControlProvenance names it. */
export interface RepositoryInfo {
  /** The remote's URL, without credentials. */
  uri: string;
  /** The commit checked out. */
  revision?: string;
  branch?: string;
}

function git(root: string, args: readonly string[]): string | undefined {
  const result = spawnSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 });
  const out = result.status === 0 ? result.stdout.trim() : '';
  return out === '' ? undefined : out;
}

/**
 * A remote URL as a URI without credentials: `https://user:token@host/x` loses
 * its user part, and scp-like `git@host:owner/repo.git` becomes `ssh://host/owner/repo.git`.
 */
export function toRepositoryUri(remote: string): string | undefined {
  const scp = /^(?:[^@/]+@)?([^:/]+):(?!\/)(.+)$/.exec(remote);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(remote)) return `ssh://${scp[1]}/${scp[2]}`;
  try {
    const url = new URL(remote);
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return undefined;
  }
}

/**
 * The checkout the SARIF URIs are relative to: its remote (origin), commit and
 * branch. Undefined outside git or without a remote, which SARIF's
 * versionControlProvenance requires.
 */
export function readRepositoryInfo(root: string): RepositoryInfo | undefined {
  const remote = git(root, ['config', '--get', 'remote.origin.url']);
  const uri = remote === undefined ? undefined : toRepositoryUri(remote);
  if (uri === undefined) return undefined;
  const [revision, ref] = (git(root, ['rev-parse', 'HEAD', '--symbolic-full-name', 'HEAD']) ?? '').split('\n');
  const info: RepositoryInfo = { uri };
  if (revision) info.revision = revision;
  if (ref?.startsWith('refs/heads/')) info.branch = ref.slice('refs/heads/'.length);
  return info;
}
