import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpillBuffer } from '../../src/io/spill-buffer.js';

describe('SpillBuffer', () => {
  it('gives back exactly what was written, in order, whether it stayed in memory or went to disk', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 50 }), { maxLength: 40 }), fc.integer({ min: 0, max: 200 }), (chunks, limit) => {
        const buffer = new SpillBuffer(limit);
        for (const chunk of chunks) buffer.write(chunk);
        expect([...buffer.drain()].join('')).toBe(chunks.join(''));
        // Drained means empty.
        expect([...buffer.drain()].join('')).toBe('');
      }),
    );
  });

  it('keeps characters whole across the pieces it reads back', () => {
    const buffer = new SpillBuffer(0);
    const text = '€漢😀'.repeat(400_000);
    buffer.write(text);
    const pieces = [...buffer.drain()];
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(text);
  });
});
