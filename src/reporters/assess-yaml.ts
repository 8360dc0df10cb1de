import { Document, isScalar, visit } from 'yaml';
import { escapeQuotedActing, hasActingCharacters } from './sanitize.js';
import type { AssessOutput, ReporterContext } from './types.js';

/** `harm assess --format yaml`: the same Report object as the JSON format, as YAML. */
export function formatAssessYaml(output: AssessOutput, _ctx: ReporterContext): string {
  const doc = new Document(output.report, {
    // The report shares score objects between harms and the profile; readers expect plain values, not anchors.
    aliasDuplicateObjects: false,
    // Quotes strings that YAML 1.1 readers (PyYAML, older Ruby) would take for booleans, numbers or dates;
    // YAML 1.2 readers get the same strings back.
    version: '1.1',
  });
  // Only a double-quoted scalar can spell a character as an escape: strings with acting characters get one.
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && hasActingCharacters(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  // One line per message keeps the output greppable.
  return escapeQuotedActing(doc.toString({ lineWidth: 0 }));
}
