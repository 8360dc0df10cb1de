import { describe, expect, it } from 'vitest';
import {
  classifyRecommendation,
  describeAllHarms,
  groupSafeguards,
  indexWaiverExpiries,
  mergeReasons,
} from '../../src/reporters/safeguard-groups.js';
import type { Recommendation } from '../../src/schema/output.js';
import { computerUseReport, fixtureWaivers } from '../fixtures/report.js';

describe('classifyRecommendation', () => {
  const base: Recommendation = { safeguard: 'a.b', title: 'T', required: false, recommended: false, status: 'missing', waived: false, reasons: [], mappings: {} };
  it.each([
    [{ required: true }, 'missing'],
    [{ required: true, status: 'planned' }, 'pending'],
    [{ required: true, status: 'in_progress' }, 'pending'],
    [{ required: true, status: 'not_applicable' }, 'pending'],
    // A waiver sets a requirement aside for a while; it puts nothing in place.
    [{ required: true, status: 'not_applicable', waived: true }, 'waived'],
    [{ required: true, status: 'in_progress', waived: true }, 'waived'],
    [{ required: true, waived: true }, 'waived'],
    [{ required: true, status: 'implemented' }, 'inPlace'],
    [{ recommended: true }, 'recommended'],
    [{ recommended: true, status: 'planned' }, 'optional'],
    [{ status: 'in_progress' }, 'optional'],
    [{ status: 'implemented' }, 'inPlace'],
  ] as const)('%o → %s', (fields, group) => {
    expect(classifyRecommendation({ ...base, ...fields })).toBe(group);
  });
});

describe('groupSafeguards', () => {
  it('lists a safeguard once per heading with its harms in file order and its reasons without repeats', () => {
    const groups = groupSafeguards(computerUseReport.harms);
    const recommended = groups.get('recommended') ?? [];
    expect(recommended.map((e) => e.id)).toEqual(['evaluation.red-teaming', 'product.rate-limits']);
    expect(recommended[0]).toEqual({
      id: 'evaluation.red-teaming',
      title: 'Red teaming before launch',
      harms: [{ id: 'unauthorized-financial-automation' }, { id: 'prompt-injection-exfiltration' }],
      reasons: ['recommended: inherent risk medium is at least medium and stage beta'],
    });
    // enforcement.stricter-thresholds is implemented for one harm and in progress for another.
    expect(groups.get('inPlace')?.find((e) => e.id === 'enforcement.stricter-thresholds')?.harms).toEqual([
      { id: 'unauthorized-financial-automation' },
    ]);
    expect(groups.get('pending')?.find((e) => e.id === 'enforcement.stricter-thresholds')?.harms).toEqual([
      { id: 'prompt-injection-exfiltration', note: 'in progress' },
    ]);
    expect(groups.has('missing')).toBe(true);
    expect(groupSafeguards([]).size).toBe(0);
  });

  it('lists a waived safeguard as waived, with its status and the day its waiver ends', () => {
    const groups = groupSafeguards(computerUseReport.harms, indexWaiverExpiries(fixtureWaivers));
    expect(groups.get('waived')).toEqual([
      {
        id: 'detection.hierarchical-summarization',
        title: 'Hierarchical summarization of agent sessions',
        harms: [{ id: 'unauthorized-financial-automation', note: 'in progress, waived until 2026-07-01' }],
        reasons: ['required: inherent severity high (7.3) is at least high and capability computer_use'],
      },
    ]);
    expect(groups.get('inPlace')?.some((e) => e.id === 'detection.hierarchical-summarization')).toBe(false);
    // Without the waivers at hand, it still says waived.
    expect(groupSafeguards(computerUseReport.harms).get('waived')?.[0]?.harms).toEqual([{ id: 'unauthorized-financial-automation', note: 'in progress, waived' }]);
  });
});

describe('indexWaiverExpiries', () => {
  it('keeps the latest expiry of each harm and safeguard pair, and finds nothing for other ids', () => {
    const index = indexWaiverExpiries([
      { harm: 'h', safeguard: 's', expires: '2026-01-01' },
      { harm: 'h', safeguard: 's', expires: '2027-01-01' },
      { harm: 'h', safeguard: 's', expires: '2025-01-01' },
      { harm: 'h', safeguard: 't', expires: '2026-05-05' },
    ]);
    expect(index.get('h')?.get('s')).toBe('2027-01-01');
    expect(index.get('h')?.get('t')).toBe('2026-05-05');
    expect(index.get('constructor')?.get('s')).toBeUndefined();
    expect(index.get('h')?.get('toString')).toBeUndefined();
  });
});

describe('mergeReasons', () => {
  it('says each reason once, dropping a harm\'s own numbers only where they differ', () => {
    expect(
      mergeReasons([
        'required: inherent risk medium (5.5) is at least medium',
        'recommended: stage beta',
        'required: inherent risk medium (4.1) is at least medium',
        'recommended: stage beta',
        'required: inherent severity high (7.3) is at least high',
      ]),
    ).toEqual([
      'required: inherent risk medium is at least medium',
      'recommended: stage beta',
      'required: inherent severity high (7.3) is at least high',
    ]);
    expect(mergeReasons([])).toEqual([]);
  });
});

describe('describeAllHarms', () => {
  const entry = (harms: Array<{ id: string; note?: string }>) => ({ id: 'a.b', title: 'T', harms, reasons: [] });
  it('says "all N harms" only when every harm has the safeguard the same way', () => {
    expect(describeAllHarms(entry([{ id: 'x' }, { id: 'y' }]), 2)).toBe('all 2 harms');
    expect(describeAllHarms(entry([{ id: 'x', note: 'planned' }, { id: 'y', note: 'planned' }]), 2)).toBe('all 2 harms (planned)');
    expect(describeAllHarms(entry([{ id: 'x', note: 'planned' }, { id: 'y' }]), 2)).toBeUndefined();
    expect(describeAllHarms(entry([{ id: 'x' }]), 2)).toBeUndefined();
    expect(describeAllHarms(entry([{ id: 'x' }]), 1)).toBeUndefined();
  });
});
