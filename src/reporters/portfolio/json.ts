import type { PortfolioOutput } from './types.js';

/** `harm report --format json`: the SPEC's Portfolio, as data. */
export function formatPortfolioJson(output: PortfolioOutput): string {
  return `${JSON.stringify(output.portfolio, null, 2)}\n`;
}
