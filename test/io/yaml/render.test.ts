import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadBuiltinCatalog } from '../../../src/io/catalog-loader.js';
import { checkAssessmentText } from '../../../src/io/load-assessment.js';
import { renderAssessment } from '../../../src/io/yaml/index.js';
import { assessmentSchema, type Assessment } from '../../../src/schema/assessment.js';

const TODAY = '2026-01-15';

describe('renderAssessment', () => {
  const assessment: Assessment = {
    apiVersion: 'harm/v1',
    kind: 'Assessment',
    feature: { id: 'trip-planner', name: 'Trip Planner', owner: 'travel-team', stage: 'beta', capabilities: ['web_browsing'] },
    assessment: { date: '2026-01-15', assessors: ['a@example.com'], review_by: '2026-07-15' },
    harms: [
      {
        id: 'one',
        title: 'Yes: a title that needs quotes',
        category: 'privacy',
        dimensions: ['individual_autonomy', 'psychological'],
        factors: {
          likelihood: 'possible',
          scale: 'group',
          duration: 'short_term',
          affected_populations: ['general_public'],
          causality: 'direct',
          technology_contribution: 'marginal',
          mitigation_feasibility: 'high',
        },
        safeguards: [{ id: 'usage_policy.aup-coverage', status: 'not_applicable', note: 'Covered elsewhere.' }],
      },
      {
        id: 'two',
        title: 'Two',
        category: 'privacy',
        dimensions: ['individual_autonomy'],
        factors: {
          likelihood: 'rare',
          scale: 'individual',
          duration: 'transient',
          affected_populations: ['general_public'],
          causality: 'indirect',
          technology_contribution: 'negligible',
          mitigation_feasibility: 'high',
        },
      },
    ],
  };

  it('starts with the schema modeline, comments each section and round-trips', () => {
    const text = renderAssessment(assessment, { schemaPath: '../schemas/assessment.schema.json' });
    const lines = text.split('\n');
    expect(lines[0]).toBe('# yaml-language-server: $schema=../schemas/assessment.schema.json');
    expect(text).toMatch(/# The feature being assessed\.\nfeature:/);
    expect(text).toMatch(/# Who assessed it.*\nassessment:/);
    expect(text).toMatch(/\nharms:\n  - id: one\n/);
    expect(text).toContain('  date: 2026-01-15\n');
    expect(text).toContain('    dimensions: [individual_autonomy, psychological]\n');
    expect(text).toContain('\n\n  - id: two\n');
    expect(assessmentSchema.parse(parse(text))).toEqual(assessment);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    const catalog = loadBuiltinCatalog();
    expect(checkAssessmentText(text, 'x.harm.yaml', catalog, { today: TODAY }).findings.filter((f) => f.level === 'error')).toEqual([]);
  });

  it('leaves the modeline out when no schema path is known', () => {
    expect(renderAssessment(assessment).split('\n')[0]).not.toContain('yaml-language-server');
  });
});
