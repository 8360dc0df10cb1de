export function exampleTemplates(): string[];
export function findingTemplates(): string[];
export function writeAssessments(dir: string, n: number, templates: readonly string[]): void;
