import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findPackageRoot, schemaPathFor } from '../../../src/io/yaml/index.js';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('schema paths', () => {
  it('finds the package root from a module inside it', () => {
    expect(findPackageRoot(pathToFileURL(join(ROOT, 'src', 'io', 'yaml', 'schema-modeline.ts')).href)).toBe(ROOT);
    expect(findPackageRoot('/')).toBeUndefined();
  });

  it('points from the file being written to the installed schemas', () => {
    expect(schemaPathFor(join(ROOT, 'examples', 'x.yaml'), ROOT)).toBe('../schemas/assessment.schema.json');
    expect(schemaPathFor(join(ROOT, 'x.harm.yaml'), ROOT)).toBe('./schemas/assessment.schema.json');
    expect(schemaPathFor('/elsewhere/deep/x.harm.yaml', '/opt/pkg')).toBe('../../opt/pkg/schemas/assessment.schema.json');
    expect(schemaPathFor('/x.harm.yaml', null)).toBeUndefined();
  });
});
