import { FACTOR_LEVELS, VULNERABILITY_LEVELS, type FactorLevelId, type VulnerabilityId } from '../schema/common.js';
import { UsageError } from './errors.js';

/** The seven level ids that describe one state of a harm; a vector says the same thing. */
export interface LevelSet {
  likelihood: FactorLevelId<'likelihood'>;
  scale: FactorLevelId<'scale'>;
  duration: FactorLevelId<'duration'>;
  vulnerability: VulnerabilityId;
  causality: FactorLevelId<'causality'>;
  technology_contribution: FactorLevelId<'technology_contribution'>;
  mitigation_feasibility: FactorLevelId<'mitigation_feasibility'>;
}

export const VECTOR_PREFIX = 'HARM';
export const VECTOR_VERSION = '1';

type VectorFactor = keyof LevelSet;

/** The vector's components in their fixed order: the letter and the factor it stands for. */
export const VECTOR_COMPONENTS: readonly (readonly [string, VectorFactor])[] = [
  ['L', 'likelihood'],
  ['S', 'scale'],
  ['D', 'duration'],
  ['V', 'vulnerability'],
  ['C', 'causality'],
  ['T', 'technology_contribution'],
  ['M', 'mitigation_feasibility'],
];

const ORDER = VECTOR_COMPONENTS.map(([letter]) => letter).join(', ');
const EXAMPLE = 'HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M';

function levelsOf(factor: VectorFactor): readonly (readonly [string, string])[] {
  return factor === 'vulnerability' ? VULNERABILITY_LEVELS : FACTOR_LEVELS[factor];
}

function label(factor: VectorFactor): string {
  return factor.replace(/_/g, ' ');
}

/** `HARM:1/L:_/S:_/D:_/V:_/C:_/T:_/M:_` with the fixed level codes. */
export function formatVector(levels: LevelSet): string {
  const parts = VECTOR_COMPONENTS.map(([letter, factor]) => {
    const entry = levelsOf(factor).find(([id]) => id === levels[factor]);
    if (!entry) throw new Error(`"${String(levels[factor])}" is not a ${label(factor)} level.`);
    return `${letter}:${entry[1]}`;
  });
  return `${VECTOR_PREFIX}:${VECTOR_VERSION}/${parts.join('/')}`;
}

/** Reads a vector; anything malformed is a UsageError whose one sentence names the bad part. */
export function parseVector(text: string): LevelSet {
  const vector = text.trim();
  const shown = vector.length > 80 ? `${vector.slice(0, 80)}…` : vector;
  const bad = (problem: string) => new UsageError(`Invalid vector "${shown}": ${problem}.`);
  if (vector === '') throw bad(`it is empty; write one like ${EXAMPLE}`);
  const parts = vector.split('/');
  // split always gives at least one part.
  const head = parts[0]!;
  const headMatch = /^([A-Za-z]+):(.*)$/.exec(head);
  if (!headMatch || headMatch[1]!.toUpperCase() !== VECTOR_PREFIX) {
    throw bad(`it must start with "${VECTOR_PREFIX}:${VECTOR_VERSION}/", not "${head}" (for example ${EXAMPLE})`);
  }
  if (headMatch[1] !== VECTOR_PREFIX) throw bad(`the prefix "${headMatch[1]}" must be upper case, "${VECTOR_PREFIX}"`);
  if (headMatch[2] !== VECTOR_VERSION) throw bad(`version "${headMatch[2]}" is not supported; the only version is ${VECTOR_PREFIX}:${VECTOR_VERSION}`);

  const components = parts.slice(1);
  const result: Partial<Record<VectorFactor, string>> = {};
  for (let i = 0; i < VECTOR_COMPONENTS.length; i++) {
    const [letter, factor] = VECTOR_COMPONENTS[i]!;
    const part = components[i];
    if (part === undefined) {
      throw bad(`the ${letter} (${label(factor)}) component is missing; a vector has ${ORDER} in that order`);
    }
    if (part === '') throw bad(`component ${i + 1} is empty; a vector has ${ORDER} in that order, separated by "/"`);
    const match = /^([^:]*):(.*)$/.exec(part);
    if (!match) throw bad(`component "${part}" is not of the form ${letter}:<code>`);
    const key = match[1]!;
    const code = match[2]!;
    if (key !== letter) {
      if (key.toUpperCase() === letter) throw bad(`component "${part}" must be upper case, "${part.toUpperCase()}"`);
      const known = VECTOR_COMPONENTS.find(([l]) => l === key.toUpperCase());
      if (known && Object.prototype.hasOwnProperty.call(result, known[1])) {
        throw bad(`component "${part}" repeats ${known[0]} (${label(known[1])}); expected ${letter} (${label(factor)}) here`);
      }
      const present = components.some((c) => c.split(':')[0]!.toUpperCase() === letter);
      if (known && !present) {
        throw bad(`the ${letter} (${label(factor)}) component is missing before "${part}"; a vector has ${ORDER} in that order`);
      }
      if (known) throw bad(`component "${part}" is out of order: expected ${letter} (${label(factor)}) here; the order is ${ORDER}`);
      throw bad(`"${key}" in "${part}" is not a component; expected ${letter} (${label(factor)}) here; the order is ${ORDER}`);
    }
    const codes = levelsOf(factor).map(([, c]) => c);
    const level = levelsOf(factor).find(([, c]) => c === code);
    if (!level) {
      const upper = levelsOf(factor).find(([, c]) => c === code.toUpperCase());
      if (upper) throw bad(`the ${label(factor)} code "${code}" in "${part}" must be upper case, "${upper[1]}"`);
      throw bad(`"${code}" in "${part}" is not a ${label(factor)} code; use one of ${codes.join(', ')}`);
    }
    result[factor] = level[0];
  }
  if (components.length > VECTOR_COMPONENTS.length) {
    if (components.length === VECTOR_COMPONENTS.length + 1 && components.at(-1) === '') throw bad('it ends with a stray "/"');
    throw bad(`component "${components[VECTOR_COMPONENTS.length]}" is extra; a vector ends after M (mitigation feasibility)`);
  }
  return result as LevelSet;
}
