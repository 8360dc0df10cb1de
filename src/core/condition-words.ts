import type { Condition } from '../schema/catalog.js';

const LIST_KEYS = ['dimension', 'category', 'capability', 'population', 'stage'] as const;

function words(id: string): string {
  return id.replace(/_/g, ' ');
}

/**
 * One condition entry in words, every key of it, measured keys first as docs/catalog.md
 * writes them: "inherent risk at least medium and category one of fraud_scams, privacy".
 */
export function describeCondition(condition: Condition): string {
  const parts: string[] = [];
  if (condition.min_severity !== undefined) parts.push(`inherent severity at least ${condition.min_severity}`);
  if (condition.min_risk !== undefined) parts.push(`inherent risk at least ${condition.min_risk}`);
  for (const [factor, level] of Object.entries(condition.factor ?? {})) {
    parts.push(`${words(factor)} at least ${factor === 'mitigation_feasibility' ? 'as hard as ' : ''}${level}`);
  }
  for (const key of LIST_KEYS) {
    const value = condition[key];
    if (value === undefined) continue;
    const values: readonly string[] = Array.isArray(value) ? value : [value as string];
    parts.push(values.length === 1 ? `${key} ${values[0]}` : `${key} one of ${values.join(', ')}`);
  }
  return parts.join(' and ');
}

/** A condition list in words: any entry will do. */
export function describeConditions(conditions: readonly Condition[]): string {
  return conditions.map(describeCondition).join('; or ');
}
