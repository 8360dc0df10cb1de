import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scoreLevels } from '../../src/core/score.js';
import { parseVector } from '../../src/core/vector.js';
import { loadBuiltinCatalog } from '../../src/io/catalog-loader.js';
import { assessReporters } from '../../src/reporters/assess-registry.js';
import { catalogEntryReporters, catalogListReporters } from '../../src/reporters/catalog-registry.js';
import { scoreReporters } from '../../src/reporters/score-registry.js';
import type { AssessOutput } from '../../src/reporters/types.js';
import type { Catalog } from '../../src/schema/catalog.js';
import type { Report } from '../../src/schema/output.js';
import { computerUseReport, makeReporterContext } from '../fixtures/report.js';
import { findActing, HOSTILE } from '../fixtures/hostile.js';

/** The computer-use report with `text` in every field that comes from the user: ids, names, titles, reasons, messages, the file. */
function hostileReport(text: string): AssessOutput {
  const report: Report = structuredClone(computerUseReport);
  report.file = `${text}.harm.yaml`;
  report.feature = { id: text, name: text, owner: text, stage: 'beta' };
  report.framework = { id: text, version: 2, digest: text };
  for (const d of report.profile!.dimensions) d.id = `${d.id}${text}`;
  for (const harm of report.harms) {
    harm.id = `${harm.id}${text}`;
    harm.title = text;
    harm.category = text;
    harm.dimensions = [text, ...harm.dimensions];
    for (const rec of harm.recommendations) {
      rec.safeguard = `${rec.safeguard}${text}`;
      rec.title = text;
      rec.reasons = [text];
    }
  }
  for (const f of report.findings) {
    f.message = `${f.message} ${text}`;
    f.file = report.file;
  }
  return {
    report,
    catalog: { categories: new Map([[text, text]]), dimensions: new Map(report.profile!.dimensions.map((d) => [d.id, text])) },
    waivers: report.harms.flatMap((h) => h.recommendations.filter((r) => r.waived).map((r) => ({ harm: h.id, safeguard: r.safeguard, expires: '2026-07-01' }))),
    explanation: `${text}\n  ${text}`,
  };
}

/** The built-in catalog with `text` in every name, title, description and message. */
function hostileCatalog(text: string): Catalog {
  const catalog = structuredClone(loadBuiltinCatalog());
  for (const d of catalog.framework.dimensions) d.name = text;
  for (const p of catalog.framework.populations) Object.assign(p, { name: text, description: text });
  for (const c of catalog.categories) Object.assign(c, { name: text, description: text, escalation_message: text });
  for (const s of catalog.safeguards) Object.assign(s, { title: text, description: text });
  for (const factor of Object.values(catalog.framework.factors)) factor.name = text;
  return catalog;
}

describe.each(HOSTILE)('$name in user text', ({ text }) => {
  const output = hostileReport(text);

  it.each(Object.keys(assessReporters) as (keyof typeof assessReporters)[])('reaches no terminal raw through harm assess --format %s', (format) => {
    for (const width of format === 'table' ? [40, 80, 120] : [80]) {
      const out = assessReporters[format](output, makeReporterContext({ width }));
      expect(findActing(out), `${format} at ${width} columns`).toEqual([]);
    }
  });

  it('is kept as data by the JSON and YAML reports, only written as escapes', () => {
    const fromJson = JSON.parse(assessReporters.json(output, makeReporterContext())) as Report;
    const fromYaml = parse(assessReporters.yaml(output, makeReporterContext())) as Report;
    for (const back of [fromJson, fromYaml]) {
      expect(back.feature?.name).toBe(text);
      expect(back.harms[0]?.recommendations[0]?.reasons).toEqual([text]);
    }
  });

  it('reaches no terminal raw through harm catalog list and show, table and json', () => {
    const catalog = hostileCatalog(text);
    const safeguard = catalog.safeguards[0]!;
    const category = catalog.categories.find((c) => c.escalate) ?? catalog.categories[0]!;
    for (const format of ['table', 'json'] as const) {
      const ctx = makeReporterContext({ width: 60 });
      expect(findActing(catalogListReporters[format](catalog, ctx)), `list ${format}`).toEqual([]);
      expect(findActing(catalogEntryReporters[format]({ type: 'safeguard', id: safeguard.id, entry: safeguard }, ctx)), `show ${format}`).toEqual([]);
      expect(findActing(catalogEntryReporters[format]({ type: 'category', id: category.id, entry: category }, ctx)), `show ${format}`).toEqual([]);
    }
  });

  it('reaches no terminal raw through harm score', () => {
    const catalog = hostileCatalog(text);
    const output = { detail: scoreLevels(catalog.framework, parseVector('HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M')), framework: { ...catalog.framework, id: text } };
    for (const format of ['table', 'json'] as const) expect(findActing(scoreReporters[format](output, makeReporterContext()))).toEqual([]);
  });
});
