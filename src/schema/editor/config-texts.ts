import { LOCKED_RULES, RULE_IDS, RULES } from '../rules.js';
import type { DocumentTexts } from './annotate.js';

export const CONFIG_TEXTS: DocumentTexts = {
  keys: {
    $schema: 'The JSON Schema editors check this file with; harm ignores it.',
    apiVersion: 'The version of the file format: `harm/v1`.',
    kind: 'What the file holds: `Config`.',
    catalogs: 'The catalog layers to merge, in order: paths relative to this file, or `builtin`. None: the built-in catalog alone.',
    include: 'Globs of the assessments `harm check` reads, relative to this file. Default: `**/*.harm.yaml`.',
    exclude: 'Globs taken out of `include`. Files named on the command line are checked all the same.',
    failOn: 'The risk gate: `residual-risk` fires for a harm whose risk is at this level or above. Default: `high`.',
    failOnSeverity: 'The severity gate: `residual-risk` fires for a harm whose severity is at this level or above. Default: `critical`.',
    maxWarnings: 'Fail when there are more warnings than this: `0` fails on any warning, `-1` (the default) never.',
    rules: 'The level of each rule, by id: `error`, `warning`, `info` or `off` (`yaml-syntax`, `file-too-large` and `schema` are always `error`).',
    ...Object.fromEntries(
      RULE_IDS.map((id) => [
        `rules.${id}`,
        LOCKED_RULES.has(id)
          ? `${RULES[id].short} Always \`error\`: a file that does not parse or fit cannot be checked, so this rule cannot be turned off or lowered.`
          : `${RULES[id].short} Default: \`${RULES[id].level}\`.`,
      ]),
    ),
  },
  ids: {},
};
