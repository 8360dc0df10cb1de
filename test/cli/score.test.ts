import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import { TESTDATA } from '../helpers/testdata.js';

function fakeIo(opts: { cwd?: string; env?: Record<string, string>; tty?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    cwd: opts.cwd ?? process.cwd(),
    env: opts.env ?? {},
    stdout: { write: (s: string) => void out.push(s), isTTY: opts.tty ?? false },
    stderr: { write: (s: string) => void err.push(s) },
    stdinIsTTY: false,
    today: () => '2025-05-01',
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

const vectors: { vector: string; severity: number; severityLevel: string; risk: number; riskLevel: string }[] = JSON.parse(
  readFileSync(path.resolve(TESTDATA, 'score-vectors.json'), 'utf8'),
);

const tmp = mkdtempSync(path.join(tmpdir(), 'harm-score-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('harm score', () => {
  it('prints SPEC §7 Score JSON', async () => {
    const t = fakeIo();
    const code = await run(['score', 'HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M', '--format', 'json'], t.io);
    expect(code).toBe(0);
    expect(t.stderr()).toBe('');
    const json = JSON.parse(t.stdout());
    expect(json).toEqual({
      apiVersion: 'harm/v1',
      kind: 'Score',
      vector: 'HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M',
      severity: 7.3,
      severityLevel: 'high',
      risk: 5.5,
      riskLevel: 'medium',
    });
    expect(Object.keys(json)).toEqual(['apiVersion', 'kind', 'vector', 'severity', 'severityLevel', 'risk', 'riskLevel']);
  });

  it('reproduces every shared test vector with the built-in catalog', async () => {
    for (const c of vectors) {
      const t = fakeIo();
      expect(await run(['score', c.vector, '--format', 'json'], t.io)).toBe(0);
      const { severity, severityLevel, risk, riskLevel, vector } = JSON.parse(t.stdout());
      expect({ severity, severityLevel, risk, riskLevel, vector }).toEqual(c);
    }
  });

  it('prints a readable table without colour off a terminal', async () => {
    const t = fakeIo();
    expect(await run(['score', 'HARM:1/L:R/S:S/D:I/V:N/C:I/T:M/M:M'], t.io)).toBe(0);
    const text = t.stdout();
    expect(text).toContain('Vector    HARM:1/L:R/S:S/D:I/V:N/C:I/T:M/M:M');
    expect(text).toMatch(/Likelihood\s+L:R\s+rare\s+0\.1/);
    expect(text).toMatch(/Technology contribution\s+T:M\s+marginal\s+0\.4/);
    expect(text).toMatch(/Mitigation feasibility\s+M:M\s+moderate\s+\(not scored\)/);
    expect(text).toMatch(/Severity\s+8\.1\s+high/);
    expect(text).toMatch(/Risk\s+4\.5\s+medium/);
    expect(text).not.toMatch(/\u001b\[/);
  });

  it('colours the levels on a terminal, unless --no-color or NO_COLOR', async () => {
    const tty = fakeIo({ tty: true, env: { TERM: 'xterm' } });
    await run(['score', 'HARM:1/L:A/S:S/D:I/V:H/C:D/T:E/M:I'], tty.io);
    expect(tty.stdout()).toMatch(/\u001b\[/);
    const flag = fakeIo({ tty: true, env: { TERM: 'xterm' } });
    await run(['score', 'HARM:1/L:A/S:S/D:I/V:H/C:D/T:E/M:I', '--no-color'], flag.io);
    expect(flag.stdout()).not.toMatch(/\u001b\[/);
    const env = fakeIo({ tty: true, env: { TERM: 'xterm', NO_COLOR: '1' } });
    await run(['score', 'HARM:1/L:A/S:S/D:I/V:H/C:D/T:E/M:I'], env.io);
    expect(env.stdout()).not.toMatch(/\u001b\[/);
  });

  it.each([
    ['HARM:1/L:P/S:W/D:L/V:E/C:C/T:S', /the M \(mitigation feasibility\) component is missing/],
    ['HARM:1/L:X/S:W/D:L/V:E/C:C/T:S/M:M', /"X" in "L:X" is not a likelihood code; use one of R, U, P, L, A/],
    ['HARM:9/L:P/S:W/D:L/V:E/C:C/T:S/M:M', /version "9" is not supported/],
    ['harm:1/l:p/s:w/d:l/v:e/c:c/t:s/m:m', /must be upper case/],
    ['HARM:1/L:P/D:L/S:W/V:E/C:C/T:S/M:M', /component "D:L" is out of order/],
  ])('a malformed vector %s exits 2 with one sentence on stderr', async (vector, message) => {
    const t = fakeIo();
    expect(await run(['score', vector, '--format', 'json'], t.io)).toBe(2);
    expect(t.stdout()).toBe('');
    const lines = t.stderr().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).toMatch(/^harm: Invalid vector ".*": .*\.$/);
  });

  it('writes --output atomically instead of printing', async () => {
    const t = fakeIo({ cwd: tmp });
    expect(await run(['score', 'HARM:1/L:L/S:W/D:L/V:N/C:C/T:S/M:M', '--format', 'json', '--output', 'score.json'], t.io)).toBe(0);
    expect(t.stdout()).toBe('');
    expect(JSON.parse(readFileSync(path.join(tmp, 'score.json'), 'utf8'))).toMatchObject({ severity: 6.7, risk: 5.9 });
  });

  it('scores with the values of a --catalog layer', async () => {
    writeFileSync(
      path.join(tmp, 'values.yaml'),
      [
        'apiVersion: harm/v1',
        'kind: Catalog',
        'framework:',
        '  factors:',
        '    likelihood:',
        '      levels:',
        '        - { id: possible, value: 1.0 }',
        '        - { id: likely, value: 1.0 }',
        '        - { id: almost_certain, value: 1.0 }',
        '',
      ].join('\n'),
    );
    const t = fakeIo({ cwd: tmp });
    const code = await run(['score', 'HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M', '--format', 'json', '--catalog', 'values.yaml'], t.io);
    expect(t.stderr()).toBe('');
    expect(code).toBe(0);
    // Likelihood value 1.0: risk equals the rounded severity.
    expect(JSON.parse(t.stdout())).toMatchObject({ severity: 7.3, risk: 7.3, riskLevel: 'high' });
  });
});
