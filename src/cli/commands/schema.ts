import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { writeFileAtomic } from '../../io/write-atomic.js';
import type { CommandContext } from '../run.js';
import { loadRunSetup } from '../shared.js';

export async function schemaCommand(ctx: CommandContext, name: string | undefined, options: { out?: string; catalog?: string[]; config?: string }): Promise<number> {
  // Loaded here: building every schema is work no other command needs.
  const { buildJsonSchemas } = await import('../../schema/json-schemas.js');
  // Editors complete the ids of the catalog the files are checked against.
  const schemas = buildJsonSchemas(loadRunSetup(ctx, options).catalog);
  let entries = Object.entries(schemas);
  if (name !== undefined) {
    const wanted = name.endsWith('.schema.json') ? name : `${name}.schema.json`;
    entries = entries.filter(([file]) => file === wanted);
    if (entries.length === 0) {
      throw new UsageError(`Unknown schema "${name}"; choose one of ${Object.keys(schemas).map((f) => f.replace('.schema.json', '')).join(', ')}.`);
    }
  }
  if (options.out === undefined) {
    const single = entries.length === 1 ? entries[0]![1] : Object.fromEntries(entries);
    ctx.io.stdout.write(`${JSON.stringify(single, null, 2)}\n`);
    return 0;
  }
  const dir = resolve(ctx.io.cwd, options.out);
  try {
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    for (const [file, schema] of entries) {
      writeFileAtomic(join(dir, file), `${JSON.stringify(schema, null, 2)}\n`);
      ctx.io.stdout.write(`wrote ${join(options.out, file)}\n`);
    }
  } catch (error) {
    throw new UsageError(`Could not write the schemas to ${options.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  return 0;
}
