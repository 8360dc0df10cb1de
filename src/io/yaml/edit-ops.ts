import { isPair, isScalar, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

/** The changes applyAssessmentChanges makes, found by comparing the data before and after. */
export type Parent = YAMLMap | YAMLSeq;
export type Op =
  | { kind: 'set'; parent: Parent; key: string; node: unknown; value: unknown }
  | { kind: 'deletePair'; map: YAMLMap; pair: Pair }
  | { kind: 'addPair'; map: YAMLMap; key: string; value: unknown }
  | { kind: 'deleteItem'; seq: YAMLSeq; item: unknown }
  | { kind: 'addItem'; seq: YAMLSeq; value: unknown };

/** A change that cannot be written as a splice of the original text. */
export class NotSpliceable extends Error {}

export function ownPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key && key !== '<<');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isPlainScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}
