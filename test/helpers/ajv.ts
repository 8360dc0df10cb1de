import Ajv from 'ajv';
import { EDITOR_KEYWORDS } from '../../src/schema/editor/annotate.js';

// A CommonJS package whose module.exports also carries the class as `default`.
const Ajv07 = Ajv.default;

/** Ajv in strict mode, told of the editor keywords harm's schemas carry, as a strict user of the schemas would be. */
export function strictAjv(): InstanceType<typeof Ajv07> {
  return new Ajv07({ allErrors: true, strict: true }).addVocabulary([...EDITOR_KEYWORDS]);
}
