import { describe, expect, it } from 'vitest';
import { freshImport } from '../helpers/fresh-import.js';

describe('prototype keys', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('a %s key is refused by the YAML reader, with a finding at the key', async (key) => {
    const { parseYamlSource } = await freshImport(() => import('../../src/io/yaml/index.js'));
    const parsed = parseYamlSource(`a: 1\n${key}: 2\n`, 'f.yaml');
    expect(parsed.findings).toEqual([
      { rule: 'schema', level: 'error', message: `The key "${key}" is not allowed: it could change object prototypes.`, file: 'f.yaml', line: 2, column: 1 },
    ]);
  });
});
