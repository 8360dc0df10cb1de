// Only the four prompts the questionnaire uses: the @inquirer/prompts bundle
// also carries an external editor and its character-set tables, which would
// cost start-up time before the first question.
export { default as checkbox } from '@inquirer/checkbox';
export { default as confirm } from '@inquirer/confirm';
export { default as input } from '@inquirer/input';
export { default as select } from '@inquirer/select';
