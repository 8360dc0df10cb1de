import type * as z from 'zod/mini';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkDocumentText } from '../../src/io/read-document.js';
import { assessmentSchema } from '../../src/schema/assessment.js';
import { configSchema } from '../../src/schema/config.js';
import { runCli } from '../helpers/run-cli.js';
import { makeTempDir } from '../helpers/files.js';

// Files named by mistake, through a symbolic link, or by `extends: [../../etc/shadow]`.
// The secret in each is SECRET-…; no finding may quote it.
const FOREIGN: Record<string, { text: string; firstKey?: string }> = {
  'a credentials file in YAML': { text: 'password: SECRET-hunter2\ntoken: SECRET-abc\napi:\n  key: SECRET-k\n', firstKey: 'password' },
  'a shadow file': { text: 'root:$6$SECRET-salt$hash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n' },
  'an .env file': { text: 'API_KEY=SECRET-1\nDB_PASSWORD=SECRET-2\n' },
  'an SSH private key': { text: '-----BEGIN OPENSSH PRIVATE KEY-----\nSECRET-b3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n' },
  'a Kubernetes secret': { text: 'apiVersion: v1\nkind: Secret\ndata:\n  password: SECRET-cGFzcw==\n', firstKey: 'apiVersion' },
  'a JSON token file': { text: '{"access_token": "SECRET-x", "expires": 3600}\n', firstKey: 'access_token' },
  'a list of secrets': { text: '- SECRET-1\n- SECRET-2\n' },
  'a long first key': { text: `${'k'.repeat(30)}SECRET${'x'.repeat(30)}: 1\n`, firstKey: `${'k'.repeat(30)}SECRET${'x'.repeat(3)}…` },
};

describe('a file that is not a harm file', () => {
  test.each(Object.entries(FOREIGN))('%s gets one schema finding that quotes nothing but its first key', (_name, { text, firstKey }) => {
    for (const schema of [assessmentSchema, configSchema()] as z.core.$ZodType[]) {
      const doc = checkDocumentText(text, 'f.yaml', schema);
      expect(doc.findings).toHaveLength(1);
      const [finding] = doc.findings;
      expect(finding).toMatchObject({ rule: 'schema', level: 'error' });
      expect(finding!.message).toMatch(/^Not a harm file/);
      const quoted = finding!.message.match(/"([^"]*)"/g) ?? [];
      expect(quoted).toEqual(firstKey ? [`"${firstKey}"`] : []);
      if (firstKey?.endsWith('…')) expect(firstKey).toHaveLength(40);
      expect(doc.value).toBeUndefined();
    }
  });

  test('a harm file with a wrong apiVersion or a missing kind still gets its detailed findings', () => {
    const wrongVersion = checkDocumentText('apiVersion: harm/v9\nkind: Assessment\n', 'f.yaml', assessmentSchema);
    expect(wrongVersion.findings.map((f) => f.message)).toContain('Unsupported apiVersion "harm/v9"; supported: harm/v1.');
    const noKind = checkDocumentText('apiVersion: harm/v1\n', 'f.yaml', assessmentSchema);
    expect(noKind.findings.map((f) => f.message)).toContain('Missing required key "kind".');
  });

  test('through check, a symbolic link, a catalog extends and a config: one finding, no secret on any stream', async () => {
    const dir = makeTempDir('harm-secrets-');
    writeFileSync(join(dir, 'credentials'), FOREIGN['a credentials file in YAML']!.text);
    writeFileSync(join(dir, 'shadow'), FOREIGN['a shadow file']!.text);
    symlinkSync(join(dir, 'credentials'), join(dir, 'creds.harm.yaml'));
    writeFileSync(join(dir, 'layer.yaml'), 'apiVersion: harm/v1\nkind: Catalog\nextends: [shadow]\n');
    const runs = [
      await runCli(['check', '--format', 'json', 'creds.harm.yaml'], { cwd: dir }),
      await runCli(['check', 'creds.harm.yaml', '--verbose'], { cwd: dir }),
      await runCli(['catalog', 'list', '--catalog', 'layer.yaml'], { cwd: dir }),
      await runCli(['check', 'creds.harm.yaml', '--config', 'shadow'], { cwd: dir }),
    ];
    for (const result of runs) {
      expect(result.code).toBeGreaterThan(0);
      expect(result.stdout + result.stderr).not.toContain('SECRET');
      expect(result.stdout + result.stderr).toMatch(/Not a harm file/);
    }
  });
});
