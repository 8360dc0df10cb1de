import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadBuiltinCatalog } from '../../../src/io/catalog-loader.js';
import { checkAssessmentText } from '../../../src/io/load-assessment.js';
import { applyAssessmentChanges } from '../../../src/io/yaml/index.js';
import { assessmentSchema, type Assessment } from '../../../src/schema/assessment.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const TODAY = '2026-01-15';

/** Line-by-line comparison: the numbers (1-based) of lines that differ, when the line count is unchanged. */
function changedLines(before: string, after: string): number[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [i + 1]));
}

const COMMENTED = `# yaml-language-server: $schema=../schemas/assessment.schema.json
# Trip planner: a hand-written assessment with comments everywhere.
apiVersion: harm/v1
kind: Assessment

feature:
  id: trip-planner                 # the slug
  name: "Trip Planner"
  owner: travel-team               # who answers for it
  stage: beta
  capabilities: [web_browsing, payments]   # matched by conditions

assessment:
  date: 2026-01-10
  assessors:
    - a@example.com
    - b@example.com
  review_by: 2026-07-10            # half a year on

harms:
  # The worst one first.
  - id: unsafe-route
    title: Unsafe route advice
    category: dangerous_advice
    dimensions: [physical]         # bodily harm
    factors:
      likelihood: possible         # seen in testing
      scale: widespread
      duration: irreversible
      affected_populations: [general_public, older_adults]
      causality: contributing
      technology_contribution: significant
      mitigation_feasibility: moderate
    safeguards:
      - id: usage_policy.aup-coverage
        status: planned            # legal is drafting it
        due: 2026-03-01

  # Bookings nobody asked for.
  - id: unwanted-booking
    title: Bookings the traveller did not intend
    category: unintended_actions
    dimensions: [economic]
    factors:
      likelihood: unlikely
      scale: individual
      duration: short_term
      affected_populations: [general_public]
      causality: direct
      technology_contribution: significant
      mitigation_feasibility: high

  - id: leaked-itinerary
    title: Itineraries shown to the wrong person
    category: privacy
    dimensions: [individual_autonomy]
    factors:
      likelihood: rare
      scale: individual
      duration: short_term
      affected_populations: [general_public]
      causality: direct
      technology_contribution: marginal
      mitigation_feasibility: high
# trailing comment
`;

const load = (text: string) => assessmentSchema.parse(parse(text));
const same = (a: Assessment) => a.harms.map((_, i) => i);

describe('applyAssessmentChanges', () => {
  it('returns the text unchanged when nothing changed', () => {
    expect(applyAssessmentChanges(COMMENTED, load(COMMENTED), same(load(COMMENTED)))).toBe(COMMENTED);
  });

  it('changes exactly one line when one factor changes, keeping its comment in its column', () => {
    const after = load(COMMENTED);
    after.harms[0]!.factors.likelihood = 'almost_certain';
    const out = applyAssessmentChanges(COMMENTED, after, same(after));
    expect(changedLines(COMMENTED, out)).toEqual([27]);
    expect(out.split('\n')[26]).toBe('      likelihood: almost_certain   # seen in testing');
    expect(load(out)).toEqual(after);
  });

  it('keeps quoting, and rewrites a flow list on its own line', () => {
    const after = load(COMMENTED);
    after.feature.name = 'Trip Planner 2';
    after.feature.capabilities = ['web_browsing', 'payments', 'messaging'];
    const out = applyAssessmentChanges(COMMENTED, after, same(after));
    expect(changedLines(COMMENTED, out)).toEqual([8, 11]);
    expect(out).toContain('  name: "Trip Planner 2"\n');
    expect(out).toContain('  capabilities: [web_browsing, payments, messaging] # matched by conditions\n');
  });

  it('removes an optional key and a block-list line, and adds to a block list', () => {
    const after = load(COMMENTED);
    delete after.assessment.review_by;
    after.assessment.assessors = ['b@example.com', 'c@example.com'];
    const out = applyAssessmentChanges(COMMENTED, after, same(after));
    expect(out).not.toContain('review_by');
    expect(out).toContain('  assessors:\n    - b@example.com\n    - c@example.com\n\nharms:');
    expect(load(out)).toEqual(after);
  });

  it('adds keys after their siblings: a note and a new safeguard declaration', () => {
    const after = load(COMMENTED);
    after.harms[0]!.safeguards![0] = { ...after.harms[0]!.safeguards![0]!, status: 'not_applicable', note: 'Routes come from a vetted provider.' };
    after.harms[1]!.safeguards = [{ id: 'product.human-confirmation', status: 'implemented' }];
    const out = applyAssessmentChanges(COMMENTED, after, same(after));
    expect(out).toContain(
      [
        '        status: not_applicable     # legal is drafting it',
        '        due: 2026-03-01',
        '        note: Routes come from a vetted provider.',
        '',
        '  # Bookings nobody asked for.',
      ].join('\n'),
    );
    expect(out).toContain(['      mitigation_feasibility: high', '    safeguards:', '      - id: product.human-confirmation', '        status: implemented', '', '  - id: leaked-itinerary'].join('\n'));
    expect(load(out)).toEqual(after);
  });

  it('removes a harm with the comment above it and one of its blank lines, and appends a new one spaced like the others', () => {
    const before = load(COMMENTED);
    const added = { ...before.harms[2]!, id: 'new-harm', title: 'A new harm: with a colon' };
    const after = { ...before, harms: [before.harms[0]!, before.harms[2]!, added] };
    const out = applyAssessmentChanges(COMMENTED, after, [0, 2, undefined]);
    expect(out).not.toContain('Bookings');
    expect(out).not.toContain('unwanted-booking');
    expect(out).not.toMatch(/\n\n\n/);
    expect(out).toContain('        due: 2026-03-01\n\n  - id: leaked-itinerary');
    expect(out).toContain('      mitigation_feasibility: high\n\n  - id: new-harm\n    title: "A new harm: with a colon"\n');
    expect(out.endsWith('# trailing comment\n')).toBe(true);
    expect(load(out)).toEqual(after);
    // Everything above the removed harm is untouched.
    const head = COMMENTED.slice(0, COMMENTED.indexOf('  # Bookings'));
    expect(out.startsWith(head.trimEnd())).toBe(true);
  });

  it('overrides a merged value with an own key and leaves the anchor alone', () => {
    const text = [
      'apiVersion: harm/v1',
      'kind: Assessment',
      'feature: { id: f, name: F, owner: o, stage: beta }',
      'assessment: { date: 2026-01-10, assessors: [a] }',
      'harms:',
      '  - id: one',
      '    title: One',
      '    category: privacy',
      '    dimensions: [societal]',
      '    factors: &base',
      '      likelihood: rare',
      '      scale: individual',
      '      duration: transient',
      '      affected_populations: [general_public]',
      '      causality: direct',
      '      technology_contribution: marginal',
      '      mitigation_feasibility: high',
      '  - id: two',
      '    title: Two',
      '    category: privacy',
      '    dimensions: [societal]',
      '    factors:',
      '      <<: *base',
      '      scale: group',
      '',
    ].join('\n');
    const after = assessmentSchema.parse(parse(text, { merge: true }));
    after.harms[1]!.factors.likelihood = 'likely';
    const out = applyAssessmentChanges(text, after, [0, 1]);
    expect(out).toBe(text.replace('      scale: group\n', '      scale: group\n      likelihood: likely\n'));
    expect(assessmentSchema.parse(parse(out, { merge: true }))).toEqual(after);
  });

  it('refuses, saying why, to remove a value that only comes from a merge key', () => {
    const text = [
      'apiVersion: harm/v1',
      'kind: Assessment',
      'base: &feature { id: f, name: F, owner: o, stage: beta, description: Shared. }',
      'feature:',
      '  <<: *feature',
      'assessment: { date: 2026-01-10, assessors: [a] }',
      'harms: []',
      '',
    ].join('\n');
    const before = parse(text, { merge: true }) as Record<string, unknown> & { feature: Record<string, unknown> };
    const after = { ...before, feature: { ...before.feature } };
    delete after.feature.description;
    expect(() => applyAssessmentChanges(text, after as unknown as Assessment, [])).toThrow(/"description" comes from a merged mapping/);
  });

  it('falls back to changing the nodes when a change cannot be spliced, still keeping comments', () => {
    const text = [
      'apiVersion: harm/v1',
      'kind: Assessment',
      '# the feature',
      'feature: {id: f, name: F, owner: o, stage: beta}',
      'assessment: {date: 2026-01-10, assessors: [a]}',
      'harms:',
      '  - id: one',
      '    title: One',
      '    category: privacy',
      '    dimensions: [societal]',
      '    factors: {likelihood: rare, scale: individual, duration: transient, affected_populations: [general_public], causality: direct, technology_contribution: marginal, mitigation_feasibility: high}',
      '',
    ].join('\n');
    const after = load(text);
    // A new key in a flow mapping cannot be spliced in.
    after.feature.description = 'Now described.';
    const out = applyAssessmentChanges(text, after, [0]);
    expect(load(out)).toEqual(after);
    expect(out).toContain('# the feature');
  });

  it('changes one line of every shipped example when one factor changes', () => {
    const catalog = loadBuiltinCatalog();
    for (const name of readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml'))) {
      const text = readFileSync(join(ROOT, 'examples', name), 'utf8');
      const before = checkAssessmentText(text, name, catalog, { today: TODAY }).assessment!;
      const after = structuredClone(before);
      const last = after.harms.at(-1)!;
      last.factors.scale = last.factors.scale === 'societal' ? 'individual' : 'societal';
      const out = applyAssessmentChanges(text, after, same(after));
      expect(changedLines(text, out), name).toHaveLength(1);
      expect(checkAssessmentText(out, name, catalog, { today: TODAY }).assessment, name).toEqual(after);
    }
  });
});
