import { evaluateAssessment } from '../core/evaluate.js';
import { FindingSink } from '../core/findings.js';
import { nowhere } from '../core/locator.js';
import { sanitizeTerminal, sanitizeTerminalLine } from '../reporters/sanitize.js';
import type { Assessment, Feature, Harm } from '../schema/assessment.js';
import type { Catalog } from '../schema/catalog.js';
import { API_VERSION } from '../schema/common.js';
import type { Finding, HarmReport, Profile, Score } from '../schema/output.js';
import { compact } from './answers.js';
import type { Asker } from './ask.js';
import { PLAIN_STYLE, stringWidth, truncateText, wrapLines, type Style } from './terminal-text.js';

interface DraftHarm {
  harm: Harm;
  /** Its index in the assessment being edited, or undefined when new. */
  origin: number | undefined;
  /** Its question number: `harm.<n>.…`. */
  n: number;
}

export interface WalkOptions {
  asker: Asker;
  /** Receives whole lines of text, each ending in a newline. */
  write: (text: string) => void;
  catalog: Catalog;
  today: string;
  /** The file being written, for the provisional scoring. */
  file: string;
  /** `harm edit`: the assessment whose answers pre-fill every question. */
  existing?: Assessment;
  style?: Style;
  /** Terminal columns to wrap text to (80 when unknown). */
  width?: number;
}

/**
 * One walk through the questions: the answers so far, and how the walk speaks.
 * Every score it shows comes from the engine the reports use (evaluateAssessment)
 * run over the whole draft, so that what one harm's safeguards do to another
 * shows here as it will in `harm assess`.
 */
export class Walk {
  readonly ask: Asker;
  readonly style: Style;
  readonly catalog: Catalog;
  readonly today: string;
  readonly existing: Assessment | undefined;
  feature!: Feature;
  meta!: Assessment['assessment'];
  harms: DraftHarm[] = [];
  nextNumber = 1;
  private readonly width: number;

  constructor(private readonly options: WalkOptions) {
    this.ask = options.asker;
    this.style = options.style ?? PLAIN_STYLE;
    this.catalog = options.catalog;
    this.today = options.today;
    this.existing = options.existing;
    this.width = Math.max(40, (options.width ?? 80) - 1);
  }

  /** Writes text that may quote the file or the catalog: made inert, wrapped, then each line painted. */
  say(text = '', paint: (line: string) => string = (line) => line): void {
    const lines = text === '' ? [''] : wrapLines(sanitizeTerminal(text), this.width);
    this.options.write(`${lines.map((line) => paint(line)).join('\n')}\n`);
  }

  /** Writes text the walk built itself, colours included (scores, tables): wrapped only. */
  show(text: string): void {
    this.options.write(`${wrapLines(text, this.width).join('\n')}\n`);
  }

  section(title: string): void {
    const width = Math.min(this.width, 80);
    const text = truncateText(sanitizeTerminalLine(title), width - 8);
    this.say();
    this.say(`── ${text} ${'─'.repeat(Math.max(3, width - 4 - stringWidth(text)))}`, this.style.heading);
  }

  /**
   * The assessment as answered so far; keys the walk does not ask about (`$schema`) stay
   * as they were, and so do waivers and acceptances unless the walk has changed them.
   */
  draft(harms: Harm[], changed: { waivers?: Assessment['waivers']; acceptances?: Assessment['acceptances'] } = {}): Assessment {
    return compact({
      ...this.existing,
      apiVersion: API_VERSION,
      kind: 'Assessment',
      feature: this.feature,
      assessment: this.meta,
      harms,
      waivers: 'waivers' in changed ? changed.waivers : this.existing?.waivers,
      acceptances: 'acceptances' in changed ? changed.acceptances : this.existing?.acceptances,
    }) as Assessment;
  }

  evaluate(assessment: Assessment): { profile: Profile; harms: HarmReport[]; findings: readonly Finding[] } {
    const sink = new FindingSink(this.options.file, nowhere);
    return { ...evaluateAssessment({ assessment, catalog: this.catalog, sink, today: this.today }), findings: sink.findings };
  }

  /** The report of harm number `n` as answered so far, scored among the other harms of the draft. */
  reportHarm(n: number, harm: Harm): HarmReport {
    const harms = this.harms.map((h) => (h.n === n ? harm : h.harm));
    let index = this.harms.findIndex((h) => h.n === n);
    if (index < 0) index = harms.push(harm) - 1;
    return this.evaluate(this.draft(harms)).harms[index]!;
  }

  formatScore(score: Score, state?: string): string {
    const s = this.style;
    const prefix = state ? `${state} ` : '';
    return `${prefix}severity ${s.level(score.severityLevel, `${score.severity.toFixed(1)} ${score.severityLevel}`)}, risk ${s.level(score.riskLevel, `${score.risk.toFixed(1)} ${score.riskLevel}`)}`;
  }

  describeDimensions(ids: readonly string[]): string {
    return ids.map((id) => this.catalog.framework.dimensions.find((d) => d.id === id)?.name ?? id).join(', ');
  }
}
