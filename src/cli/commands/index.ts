// The non-interactive commands load together: one module to resolve and read
// is faster at start-up than a chunk per command. The questionnaire loads apart.
export { assessCommand } from './assess.js';
export { catalogListCommand, catalogShowCommand, catalogValidateCommand } from './catalog.js';
export { checkCommand } from './check.js';
export { diffCommand } from './diff.js';
export { reportCommand } from './report.js';
export { schemaCommand } from './schema.js';
export { scoreCommand } from './score.js';
export { validateCommand } from './validate.js';
