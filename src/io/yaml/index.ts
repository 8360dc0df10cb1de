/**
 * Reading and writing harm's YAML.
 *
 * Which reader runs when: every file is decoded first (decode.ts: at most 1 MiB
 * of UTF-8 text). The subset reader (subset-*.ts) then tries it: the plain YAML
 * harm files are written in, read several times faster than the full parser and
 * with the same values and positions. Anything outside that subset (anchors,
 * tags, nested flow collections, every syntax error) makes it step aside, and
 * the full parser (parse.ts over yaml, bounded while it reads by
 * bounded-parse.ts) reads the text and reports every problem as a finding. The
 * differential tests (test/io/yaml/subset.test.ts) hold the two to the same
 * answers on real files, the YAML test suite and random edits.
 *
 * Writing: render.ts prints a new assessment, apply-changes.ts splices changes
 * into an existing file so that its comments and layout stay as written.
 */
export { applyAssessmentChanges } from './apply-changes.js';
export { decodeSource, tooLargeMessage } from './decode.js';
export { MAX_ALIAS_COUNT, MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, MAX_TOKENS } from './limits.js';
export { parseYamlFully, parseYamlSource, type ParsedSource } from './parse.js';
export { renderAssessment } from './render.js';
