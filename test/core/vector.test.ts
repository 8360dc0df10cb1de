import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { formatVector, parseVector } from '../../src/core/vector.js';
import { TESTDATA } from '../helpers/testdata.js';

const vectors: { vector: string }[] = JSON.parse(readFileSync(path.resolve(TESTDATA, 'score-vectors.json'), 'utf8'));

describe('parseVector and formatVector', () => {
  it('reads the level ids of a vector', () => {
    expect(parseVector('HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M')).toEqual({
      likelihood: 'possible',
      scale: 'widespread',
      duration: 'long_term',
      vulnerability: 'elevated',
      causality: 'contributing',
      technology_contribution: 'significant',
      mitigation_feasibility: 'moderate',
    });
  });

  it('round-trips every shared test vector', () => {
    for (const { vector } of vectors) expect(formatVector(parseVector(vector))).toBe(vector);
  });

  it('writes the codes in the fixed order', () => {
    expect(
      formatVector({
        likelihood: 'almost_certain',
        scale: 'societal',
        duration: 'irreversible',
        vulnerability: 'high',
        causality: 'direct',
        technology_contribution: 'essential',
        mitigation_feasibility: 'infeasible',
      }),
    ).toBe('HARM:1/L:A/S:S/D:I/V:H/C:D/T:E/M:I');
  });

  it('accepts surrounding whitespace', () => {
    expect(parseVector('  HARM:1/L:R/S:I/D:T/V:N/C:I/T:N/M:H\n').likelihood).toBe('rare');
  });
});

describe('parseVector errors', () => {
  it.each([
    ['', /empty/],
    ['CVSS:3.1/AV:N', /must start with "HARM:1\/", not "CVSS:3\.1"/],
    ['L:P/S:W/D:L/V:E/C:C/T:S/M:M', /must start with "HARM:1\/"/],
    ['junk HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M', /must start with "HARM:1\/", not "junk HARM:1"/],
    ['1HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M', /must start with "HARM:1\/", not "1HARM:1"/],
    ['#HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M', /must start with "HARM:1\/"/],
    ['XHARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M', /must start with "HARM:1\/"/],
    ['HARM:1x/L:P/S:W/D:L/V:E/C:C/T:S/M:M', /version "1x" is not supported/],
    ['harm:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M', /prefix "harm" must be upper case/],
    ['HARM:2/L:P/S:W/D:L/V:E/C:C/T:S/M:M', /version "2" is not supported/],
    ['HARM:1', /the L \(likelihood\) component is missing/],
    ['HARM:1/L:P/S:W/D:L/V:E/C:C/T:S', /the M \(mitigation feasibility\) component is missing/],
    ['HARM:1/L:P/S:W/V:E/C:C/T:S/M:M', /the D \(duration\) component is missing before "V:E"/],
    ['HARM:1/S:W/L:P/D:L/V:E/C:C/T:S/M:M', /component "S:W" is out of order: expected L \(likelihood\) here/],
    ['HARM:1/L:P/L:P/D:L/V:E/C:C/T:S/M:M', /component "L:P" repeats L \(likelihood\); expected S \(scale\) here/],
    ['HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M/X:Y', /component "X:Y" is extra/],
    ['HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M/', /stray "\/"/],
    ['HARM:1/L:P//D:L/V:E/C:C/T:S/M:M', /component 2 is empty/],
    ['HARM:1/L:Q/S:W/D:L/V:E/C:C/T:S/M:M', /"Q" in "L:Q" is not a likelihood code; use one of R, U, P, L, A/],
    ['HARM:1/L:P/S:W/D:L/V:X/C:C/T:S/M:M', /not a vulnerability code; use one of N, E, H/],
    ['HARM:1/L:P/S:W/D:L/V:E/C:C/T:Z/M:M', /not a technology contribution code; use one of N, M, S, E/],
    ['HARM:1/L:p/S:W/D:L/V:E/C:C/T:S/M:M', /likelihood code "p" in "L:p" must be upper case, "P"/],
    ['HARM:1/l:P/S:W/D:L/V:E/C:C/T:S/M:M', /component "l:P" must be upper case, "L:P"/],
    ['HARM:1/LP/S:W/D:L/V:E/C:C/T:S/M:M', /component "LP" is not of the form L:<code>/],
    ['HARM:1/Q:P/S:W/D:L/V:E/C:C/T:S/M:M', /"Q" in "Q:P" is not a component/],
  ])('%j', (text, message) => {
    let error: unknown;
    try {
      parseVector(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const msg = (error as Error).message;
    expect(msg).toMatch(message);
    // One sentence: no line breaks, one final full stop.
    expect(msg).not.toMatch(/\n/);
    expect(msg.endsWith('.')).toBe(true);
  });
});

describe('parseVector: the whole sentence of an error', () => {
  it.each([
    ['', 'Invalid vector "": it is empty; write one like HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M.'],
    ['HARM:1', 'Invalid vector "HARM:1": the L (likelihood) component is missing; a vector has L, S, D, V, C, T, M in that order.'],
    [`HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M/X:Y/`, 'Invalid vector "HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M/X:Y/": component "X:Y" is extra; a vector ends after M (mitigation feasibility).'],
    // A key of two letters, even one starting with a factor's letter, is no component.
    [`HARM:1/LL:P/S:W/D:L/V:E/C:C/T:S/M:M`, 'Invalid vector "HARM:1/LL:P/S:W/D:L/V:E/C:C/T:S/M:M": "LL" in "LL:P" is not a component; expected L (likelihood) here; the order is L, S, D, V, C, T, M.'],
    [`HARM:1/L:PP/S:W/D:L/V:E/C:C/T:S/M:M`, 'Invalid vector "HARM:1/L:PP/S:W/D:L/V:E/C:C/T:S/M:M": "PP" in "L:PP" is not a likelihood code; use one of R, U, P, L, A.'],
    // "DX" is not the D component, so D is missing rather than out of order.
    [
      `HARM:1/L:P/S:W/V:E/C:C/T:S/M:M/DX:1`,
      'Invalid vector "HARM:1/L:P/S:W/V:E/C:C/T:S/M:M/DX:1": the D (duration) component is missing before "V:E"; a vector has L, S, D, V, C, T, M in that order.',
    ],
    [`HARM:1/S:W/L:P/D:L/V:E/C:C/T:S/M:M`, 'Invalid vector "HARM:1/S:W/L:P/D:L/V:E/C:C/T:S/M:M": component "S:W" is out of order: expected L (likelihood) here; the order is L, S, D, V, C, T, M.'],
    [`HARM:1/L:P/S:W/D:L/V:E/C:C/T:S`, 'Invalid vector "HARM:1/L:P/S:W/D:L/V:E/C:C/T:S": the M (mitigation feasibility) component is missing; a vector has L, S, D, V, C, T, M in that order.'],
    [`HARM:1/L:P//D:L/V:E/C:C/T:S/M:M`, 'Invalid vector "HARM:1/L:P//D:L/V:E/C:C/T:S/M:M": component 2 is empty; a vector has L, S, D, V, C, T, M in that order, separated by "/".'],
    ['CVSS:3.1/AV:N', 'Invalid vector "CVSS:3.1/AV:N": it must start with "HARM:1/", not "CVSS:3.1" (for example HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M).'],
  ])('%j', (text, message) => {
    expect(() => parseVector(text)).toThrow(new UsageError(message));
  });

  it('shows at most 80 characters of the vector, then an ellipsis', () => {
    const of80 = 'X'.repeat(80);
    expect(() => parseVector(of80)).toThrow(`Invalid vector "${of80}": it must start with`);
    expect(() => parseVector(`${of80}Y`)).toThrow(`Invalid vector "${of80}…": it must start with "HARM:1/", not "${of80}Y"`);
  });

  it.each([
    // A line break inside a part: the part is not what it seems on its first line.
    ['the head', 'HARM:1\nx/L:P/S:W/D:L/V:E/C:C/T:S/M:M', 'it must start with "HARM:1/", not "HARM:1\nx" (for example HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M)'],
    ['a code', 'HARM:1/L:P\nx/S:W/D:L/V:E/C:C/T:S/M:M', 'component "L:P\nx" is not of the form L:<code>'],
    ['a key', 'HARM:1/a:b\nc:d/S:W/D:L/V:E/C:C/T:S/M:M', 'component "a:b\nc:d" is not of the form L:<code>'],
  ])('rejects a line break inside %s', (_what, text, problem) => {
    expect(() => parseVector(text)).toThrow(new UsageError(`Invalid vector "${text}": ${problem}.`));
  });
});

describe('formatVector', () => {
  it.each(['likelihood', 'technology_contribution', 'vulnerability'] as const)('refuses a %s that is not a level', (factor) => {
    const levels = { ...parseVector('HARM:1/L:P/S:W/D:L/V:E/C:C/T:S/M:M'), [factor]: 'bogus' };
    expect(() => formatVector(levels)).toThrow(`"bogus" is not a ${factor.replace(/_/g, ' ')} level.`);
  });
});
