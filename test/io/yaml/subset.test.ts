import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify, type ToStringOptions } from 'yaml';
import { describe, expect, test } from 'vitest';
import type { Path } from '../../../src/core/locator.js';
import { parseYamlFully, parseYamlSource } from '../../../src/io/yaml/parse.js';
import { readYamlSubset } from '../../../src/io/yaml/subset-reader.js';
import { TESTDATA } from '../../helpers/testdata.js';

// The subset reader is a fast path: wherever it answers, it must answer exactly
// as the full parser does, values and positions alike. These tests compare the two
// on real files, on the YAML test suite, on hand-written edge cases and on
// thousands of random edits of the examples.

/** Every path to a value in `value`, and one missing key below each mapping. */
function pathsIn(value: unknown, path: Path = []): Path[] {
  const out: Path[] = [path];
  if (Array.isArray(value)) {
    value.forEach((item, i) => out.push(...pathsIn(item, [...path, i])));
    out.push([...path, value.length]);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) out.push(...pathsIn(item, [...path, key]));
    out.push([...path, 'no-such-key'], [...path, 'no-such-key', 0]);
  }
  return out;
}

/**
 * 'outside' when the subset reader declines; otherwise asserts agreement with the
 * full parser. The same text with CR LF line ends must be read alike.
 */
function compare(text: string): 'outside' | 'agreed' {
  const outcome = compareText(text);
  if (!text.includes('\r')) expect(compareText(text.replace(/\n/g, '\r\n')), 'with CR LF line ends').toBe(outcome);
  return outcome;
}

function compareText(text: string): 'outside' | 'agreed' {
  const subset = readYamlSubset(text);
  if (!subset) return 'outside';
  const full = parseYamlFully(text, 'f.yaml');
  expect(full.findings, text).toEqual([]);
  expect(full.hasContent).toBe(true);
  expect(subset.value, text).toEqual(full.value);
  expect(JSON.stringify(subset.value)).toBe(JSON.stringify(full.value));
  const fast = parseYamlSource(text, 'f.yaml');
  for (const path of pathsIn(full.value)) {
    for (const kind of ['value', 'key', 'firstKey'] as const) {
      expect(fast.locator[kind](path), `${kind} ${JSON.stringify(path)} in\n${text}`).toEqual(full.locator[kind](path));
    }
  }
  return 'agreed';
}

function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFilesUnder(path));
    else if (/\.ya?ml$/.test(entry.name)) out.push(path);
  }
  return out;
}

const EXAMPLES = yamlFilesUnder('examples').sort();
const exampleTexts = EXAMPLES.map((f) => readFileSync(f, 'utf8'));

describe('readYamlSubset', () => {
  test('reads every example, the built-in catalog and the test fixtures as the full parser does', () => {
    const files = [...EXAMPLES, 'catalog/builtin.yaml', ...yamlFilesUnder('test/fixtures/valid'), ...yamlFilesUnder('test/fixtures/catalogs')];
    const outcomes = files.map((f) => [f, compare(readFileSync(f, 'utf8'))]);
    // The examples are what harm files look like: the fast path must take all of them.
    expect(outcomes.filter(([f, o]) => EXAMPLES.includes(f!) && o !== 'agreed')).toEqual([]);
  });

  test('agrees with the full parser on every document of the YAML test suite it accepts', () => {
    const files = yamlFilesUnder(join(TESTDATA, 'yaml-test-suite')).filter((f) => f.endsWith('in.yaml'));
    expect(files.length).toBeGreaterThan(300);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const outcome = compare(text);
      // Nothing the suite marks invalid may get past the subset reader.
      if (existsSync(join(f, '..', 'error'))) expect(outcome, f).toBe('outside');
    }
  });

  // What a program writing assessments would produce: the examples re-serialized in several styles.
  const STYLES: Record<string, ToStringOptions> = {
    default: {},
    'narrow, lists not indented': { lineWidth: 40, minContentWidth: 10, indentSeq: false },
    'double-quoted': { defaultStringType: 'QUOTE_DOUBLE', lineWidth: 50 },
    'single-quoted': { defaultStringType: 'QUOTE_SINGLE', lineWidth: 50 },
    'four-space indents': { indent: 4, lineWidth: 60 },
  };
  const serialized = Object.entries(STYLES).flatMap(([style, options]) => exampleTexts.map((t, i) => [`${EXAMPLES[i]} (${style})`, stringify(parse(t), options)] as const));

  test.each(serialized)('reads %s as the full parser does', (_name, text) => {
    expect(compare(text)).toBe('agreed');
  });

  const inside: Record<string, string> = {
    'scalars of the core schema': [
      'a: 1', 'b: -2', 'c: +3', 'd: 007', 'e: 0o17', 'f: 0x1F', 'g: 1.5', 'h: .5', 'i: 1.', 'j: 1e3', 'k: -1.5E-2',
      'l: .inf', 'm: -.Inf', 'n: .nan', 'o: ~', 'p: null', 'q: Null', 'r: true', 's: False', 't: TRUE', 'u: yes', 'v: 2026-01-01',
      'w: 1_000', 'x: 0b101', 'y: 12:30', 'z: 1.2.3', 'ab: -x', 'ac: .', 'ad: +', 'ae: 0x', 'af: 99999999999999999999',
    ].join('\n') + '\n',
    'plain scalars with indicators inside': 'a: http://example.com/a#b\nb: a, b [c] {d}\nc: it\'s "quoted"\nd: a - b\ne: x:y\nf: 50% & more! *\ng: trailing   \nh: value # comment\n',
    'quoted scalars': 'a: "x \\"y\\" \\\\ \\/ \\n \\t \\u00e9"\nb: \'it\'\'s\'\nc: ""\nd: \'\'\ne: "#not a comment" # a comment\nf: \'a: b\'\n',
    'empty values': 'a:\nb:   # comment\nc: \nd:\n  - \n  -\n  - x\ne:\n',
    'nesting and lists': 'a:\n  b:\n    c: 1\n  d: [x, "y", 3, \'z\']\ne:\n- 1\n-\n  - 3\nf: []\ng: [ ]\nh:\n  - id: x\n    v: 1\n  -   id: y\n      v: [a]\n  - k:\n    - 1\n',
    'comments everywhere': '# top\n---   # start\na: 1 # one\n# between\n    # deeper comment\nb:\n# before the block\n  c: 2\n  # inside\n\n  d: 3\n',
    'literal block scalars': 'a: |\n  line 1\n    indented\n\n  line 3\nb: |-\n  stripped\n\n\nc: |+\n  kept\n\n\nd: |\n\n  after a blank\ne: | # comment\n  x\n  # not a comment\nf: end\n',
    'folded block scalars': 'a: >\n  one\n  two\n\n  three\n\n\n  four\nb: >-\n  stripped\n  text\nc: >+\n  kept\n\nd: >\n\n\n  leading\ne:\n  - >-\n    in a list\n    item\nf: end\n',
    'multi-line plain scalars': 'a: one\n  two\n\n   three   \n  four # comment\nb:\n  - x\n    y\n  - k: v\n      w\nc: last\n  line\n\n# done\n',
    'multi-line quoted scalars': 'a: "one\n  two\n\n  three \\\n  four\\\n    five"\nb: \'x\n   y\n\n   z\'\nc:\n  - "p\n    q"\nd: "trailing   \n  spaces"\n',
    'text beyond ASCII': 'a: x\u00a0\nb: \u00a0x\nc: "x\u00a0\n  y"\nd: \u200bx \u3000\ne: |\n  x\u00a0\nf: \u{1F600} \u{1F600}\ng: [\u{1F600}, é]\n',
    'one-line flow mappings': 'a: {b: 1, "c": x y, \'d\': "q", e: -2}\nf: {}\ng: { h: true }  # comment\nl:\n  - {id: x, status: implemented}\n  - { id: y }\n',
    'keys of many kinds': 'apiVersion: x\nsnake_key: 1\nkebab-key: 2\ndotted.key: 3\n_under: 4\nCAPS: 5\nx-ext: 6\nyes: 7\nno: 8\n"quoted": 9\n\'true\': 10\n"null": 11\nlist:\n  - "id": x\n    \'v\': [1]\n',
  };
  test.each(Object.entries(inside))('reads %s as the full parser does', (_name, text) => {
    expect(compare(text)).toBe('agreed');
  });

  const outsideCases: Record<string, string> = {
    'an anchor': 'a: &x 1\nb: *x\n',
    'a tag': 'a: !!str 1\n',
    'a nested flow mapping': 'a: {b: {c: 1}}\n',
    'a flow mapping over lines': 'a: {b: 1,\n  c: 2}\n',
    'a flow mapping with a duplicate key': 'a: {b: 1, b: 2}\n',
    'a flow mapping entry with no value': 'a: {b: , c: 1}\n',
    'a flow mapping key without a space after its colon': 'a: {b:1}\n',
    'a plain continuation starting with an indicator': 'a: one\n  - two\n',
    'a plain continuation holding a key': 'a: one\n  b: two\n',
    'an under-indented quoted continuation': 'a:\n  - "one\n  two"\n',
    'a multi-line flow list': 'a: [x,\n  y]\n',
    'an escaped line break before an empty line': 'a: "x\\\n\n  y"\n',
    'a tab': 'a:\t1\n',
    'a CR alone': 'a: 1\rb: 2\n',
    'a CR inside a line': 'a: x\ry\n',
    'a directive': '%YAML 1.2\n---\na: 1\n',
    'a second document': 'a: 1\n---\nb: 2\n',
    'a duplicate key': 'a: 1\na: 2\n',
    'a prototype key': '__proto__: 1\n',
    'a quoted key with a space': '"a b": 1\n',
    'a quoted key with an escape': '"a\\u0041": 1\n',
    'a key with spaces': 'a b: 1\n',
    'a null key': 'null: 1\n',
    'a nested mapping on one line': 'a: b: c\n',
    'bad indentation': 'a:\n    b: 1\n  c: 2\n',
    'a list at the root': '- a\n- b\n',
    'a list on its entry\'s line': 'a:\n- - 1\n',
    'a list on its key\'s line': 'a: - 1\n',
    'a scalar at the root': 'hello\n',
    'an empty document': '# nothing\n',
    'an explicit indentation indicator': 'a: |2\n   x\n',
    'a folded more-indented line': 'a: >\n  x\n    y\n',
    'a block scalar with no last line break': 'a: |\n  x',
    'a trailing comma': 'a: [x, ]\n',
    'a comment without a space': 'a: "x"#c\n',
    'a too-deep document': Array.from({ length: 60 }, (_, i) => `${' '.repeat(i * 2)}k:`).join('\n') + ' 1\n',
  };
  test.each(Object.entries(outsideCases))('leaves %s to the full parser', (_name, text) => {
    expect(readYamlSubset(text)).toBeUndefined();
  });

  test('deep nesting near the limit and huge inputs do not overflow the stack', () => {
    const deep = Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i)}- `).join('\n') + 'x\n';
    expect(readYamlSubset(`a:\n${deep}`)).toBeUndefined();
    const wide = `a:\n${Array.from({ length: 60_000 }, (_, i) => `  - ${i}`).join('\n')}\n`;
    expect(readYamlSubset(wide)).toBeUndefined();
  });

  test('random edits of the examples and edge cases: wherever the subset reader answers, the full parser agrees', () => {
    const alphabet = [' ', '  ', '\n', ':', ': ', '-', '- ', '#', ' #', "'", '"', '[', ']', ',', '|', '>', '|-', '>+', '&', '*', '!', '{', '}', '?', '%', '\\', 'a', '1', '.', '+', '~', '---', '\n  ', '\n- ', 'x: ', '\\u00', 'e3', 'true', '\u00a0', 'é', '{', '}', '{a: 1}', ', b: 2'];
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 3 }),
      insert: fc.constantFrom(...alphabet),
    });
    const corpus = [...exampleTexts, ...Object.values(inside), ...serialized.map(([, text]) => text)];
    let agreed = 0;
    fc.assert(
      fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 3 }), (which, edits) => {
        let text = corpus[which]!;
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
        }
        if (compare(text) === 'agreed') agreed++;
      }),
      { numRuns: 1000, seed: 20261126 },
    );
    // Most single edits stay inside the subset; the comparison must really have run.
    expect(agreed).toBeGreaterThan(300);
  });
});
