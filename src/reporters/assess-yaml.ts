import { stringify } from 'yaml';
import type { AssessOutput, ReporterContext } from './types.js';

/** `harm assess --format yaml`: the same Report object as the JSON format, as YAML. */
export function formatAssessYaml(output: AssessOutput, _ctx: ReporterContext): string {
  return stringify(output.report, {
    // The report shares score objects between harms and the profile; readers expect plain values, not anchors.
    aliasDuplicateObjects: false,
    // Quotes strings that YAML 1.1 readers (PyYAML, older Ruby) would take for booleans, numbers or dates;
    // YAML 1.2 readers get the same strings back.
    version: '1.1',
    // One line per message keeps the output greppable.
    lineWidth: 0,
  });
}
