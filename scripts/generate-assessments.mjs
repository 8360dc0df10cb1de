// Generated assessments for load runs (npm run bench) and the large-run test.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const examplesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');

/** The examples as written. */
export function exampleTemplates() {
  return readdirSync(examplesDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => readFileSync(join(examplesDir, f), 'utf8'));
}

/**
 * The examples with most safeguards taken away: two of the feature's safeguards
 * planned and due 2025-06-01, `review_by` 2025-12-01, no harm-level safeguards.
 * Checked on 2026-01-01, each gives 28 to 60 findings (about 44 on average):
 * errors (missing and unimplemented required safeguards), warnings (overdue)
 * and many recommended-safeguard infos.
 */
export function findingTemplates() {
  return exampleTemplates().map((text) => {
    const doc = parse(text);
    doc.feature.safeguards = (doc.feature.safeguards ?? []).slice(0, 5).map((s, i) => (i < 2 ? { ...s, status: 'planned', due: '2025-06-01' } : s));
    for (const harm of doc.harms) delete harm.safeguards;
    delete doc.waivers;
    delete doc.acceptances;
    doc.assessment.review_by = '2025-12-01';
    return stringify(doc, { lineWidth: 72 });
  });
}

/** `n` assessments in 20 folders (`team-<k>/feature-<i>.harm.yaml`), each with its own feature id. */
export function writeAssessments(dir, n, templates) {
  for (let i = 0; i < n; i++) {
    const sub = join(dir, `team-${i % 20}`);
    mkdirSync(sub, { recursive: true });
    const text = templates[i % templates.length].replace(/^(  id: )[a-z0-9-]+$/m, `$1feature-${i}`);
    writeFileSync(join(sub, `feature-${i}.harm.yaml`), text);
  }
}
