import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, test } from 'vitest';
import { parseYamlSource } from '../../../src/io/yaml/parse.js';
import { toPlainData, UNUSUAL } from '../../../src/io/yaml/plain-data.js';
import { TESTDATA } from '../../helpers/testdata.js';

const SUITE = resolve(TESTDATA, 'yaml-test-suite');

function documents(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const f of readdirSync('examples')) out.push({ name: `examples/${f}`, text: readFileSync(join('examples', f), 'utf8') });
  out.push({ name: 'catalog/builtin.yaml', text: readFileSync('catalog/builtin.yaml', 'utf8') });
  {
    const visit = (dir: string) => {
      if (existsSync(join(dir, 'in.yaml'))) {
        if (!existsSync(join(dir, 'error'))) out.push({ name: dir, text: readFileSync(join(dir, 'in.yaml'), 'utf8') });
      } else for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory() && e.name !== 'tags') visit(join(dir, e.name));
    };
    visit(SUITE);
  }
  return out;
}

describe('plain data from the node tree', () => {
  test('equals yaml toJS wherever the fast path applies, and steps aside elsewhere', () => {
    let fast = 0;
    for (const { name, text } of documents()) {
      const docs = parseAllDocuments(text, { merge: true, uniqueKeys: false, logLevel: 'silent' });
      const list = Array.isArray(docs) ? docs : [];
      for (const doc of list) {
        if (doc.errors.length > 0) continue;
        const plain = toPlainData(doc.contents);
        if (plain === UNUSUAL) continue;
        fast++;
        expect(plain, name).toEqual(doc.toJS({ maxAliasCount: -1 }));
      }
    }
    expect(fast).toBeGreaterThan(200);
  });

  test('anchors, aliases and merge keys still resolve (through toJS)', () => {
    const parsed = parseYamlSource('base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\nd: *b\n', 'f.yaml');
    expect(parsed.findings).toEqual([]);
    expect(parsed.value).toEqual({ base: { x: 1, y: 2 }, c: { x: 1, y: 3 }, d: { x: 1, y: 2 } });
  });

  test('a __proto__ key is an own property and a finding, never a prototype', () => {
    const parsed = parseYamlSource('a: 1\n__proto__: {polluted: true}\n', 'f.yaml');
    expect(parsed.findings.map((f) => [f.rule, f.line, f.column])).toEqual([['schema', 2, 1]]);
    const value = parsed.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test.each(['__proto__', 'constructor', 'prototype'])('a %s key, nested or not, is one schema finding at the key', (key) => {
    const parsed = parseYamlSource(`a: 1\n${key}: 2\nb:\n  ${key}: 3\n`, 'f.yaml');
    expect(parsed.findings.map((f) => [f.rule, f.level, f.line, f.column])).toEqual([
      ['schema', 'error', 2, 1],
      ['schema', 'error', 4, 3],
    ]);
  });

  test('positions are 1-based lines and columns, counted on demand', () => {
    const parsed = parseYamlSource('a: 1\nb:\n  c: [1, 2]\n', 'f.yaml');
    expect(parsed.locator.value(['b', 'c', 1])).toEqual({ line: 3, column: 10 });
    expect(parsed.locator.key(['b', 'c'])).toEqual({ line: 3, column: 3 });
    expect(parsed.locator.firstKey(['b'])).toEqual({ line: 3, column: 3 });
  });

  test('duplicate keys are found without the parser check', () => {
    const parsed = parseYamlSource('a: 1\nb:\n  x: 1\n  x: 2\na: 3\n', 'f.yaml');
    expect(parsed.findings.map((f) => [f.rule, f.line, f.column])).toEqual([['yaml-syntax', 4, 3]]);
  });
});

describe('aliases and merge keys', () => {
  const at = (text: string) => parseYamlSource(text, 'f.yaml').findings.map((f) => [f.rule, f.line, f.column]);

  test.each([
    ['a mapping that contains its own alias', 'stage: &s {a: *s}\n', [['schema', 1, 15]]],
    ['a list that contains its own alias', 'likelihood: &l [*l]\n', [['schema', 1, 17]]],
    ['a block mapping, two levels down', 'a: &x\n  b:\n    c: *x\n', [['schema', 3, 8]]],
    ['a merge of the mapping that holds it', 'rules: &r\n  <<: *r\n', [['schema', 2, 7]]],
    ['an alias of an anchor that is not set', 'feature: *nope\n', [['yaml-syntax', 1, 10]]],
    ['an alias before its anchor', 'a: *x\nb: &x 1\n', [['yaml-syntax', 1, 4]]],
    ['an alias of an earlier sibling (not circular)', 'a: &x {k: 1}\nb: {c: *x}\n', []],
    ['an anchor set again on a node that holds its alias (yaml resolves to that node)', 'a: &x 1\nb: &x [*x]\n', [['schema', 2, 8]]],
    ['an anchor set again before its alias (not circular)', 'a: &x [1]\nb: &x [2]\nc: [*x]\n', []],
  ] as const)('%s', (_name, text, expected) => {
    expect(at(text)).toEqual(expected);
  });

  test('a circular document is never handed on as a value', () => {
    for (const text of ['stage: &s {a: *s}\n', 'l: &l [*l]\n', 'a: &a\n  - b: *a\n']) expect(parseYamlSource(text, 'f.yaml').value).toBeUndefined();
  });

  test('merge keys with inline values merge, as they do from an alias', () => {
    const cases: [string, unknown][] = [
      ['f:\n  <<: {likelihood: possible}\n  scale: group\n', { f: { likelihood: 'possible', scale: 'group' } }],
      ['f:\n  <<: [{a: 1}, {a: 2, b: 2}]\n', { f: { a: 1, b: 2 } }],
      ['b: &b {x: 1}\nf:\n  <<: *b\n  <<: {y: 2}\n', { b: { x: 1 }, f: { x: 1, y: 2 } }],
      ['f:\n  "<<": {x: 1}\n', { f: { '<<': { x: 1 } } }],
    ];
    for (const [text, value] of cases) {
      const parsed = parseYamlSource(text, 'f.yaml');
      expect(parsed.findings, text).toEqual([]);
      expect(parsed.value, text).toEqual(value);
    }
    const merged = parseYamlSource('f:\n  <<: {likelihood: possible}\n', 'f.yaml');
    expect(merged.locator.value(['f', 'likelihood'])).toEqual({ line: 2, column: 20 });
  });
});
