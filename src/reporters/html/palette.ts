import type { Level } from '../../schema/common.js';

/**
 * Colours of the HTML reports. The five levels use a sequential yellow–orange–brown
 * scale (ColorBrewer YlOrBr), which people with any common colour-vision deficiency
 * and a greyscale printer still read in order, because lightness falls with the level.
 * Every cell also carries its number and level as text. Each text colour meets WCAG AA
 * (4.5:1) on its background; a test checks every pair.
 */
export const LEVEL_COLOURS: Record<Level, { background: string; text: string }> = {
  none: { background: '#eef0f2', text: '#1f2328' },
  low: { background: '#fff7bc', text: '#1f2328' },
  medium: { background: '#fec44f', text: '#1f2328' },
  high: { background: '#ec7014', text: '#000000' },
  critical: { background: '#8c2d04', text: '#ffffff' },
};

export interface Theme {
  background: string;
  text: string;
  muted: string;
  link: string;
  border: string;
  panel: string;
  error: string;
  warning: string;
  info: string;
}

export const LIGHT: Theme = {
  background: '#ffffff',
  text: '#1f2328',
  muted: '#57606a',
  link: '#0550ae',
  border: '#d0d7de',
  panel: '#f6f8fa',
  error: '#b3261e',
  warning: '#7a4d00',
  info: '#0550ae',
};

export const DARK: Theme = {
  background: '#0d1117',
  text: '#e6edf3',
  muted: '#9da7b3',
  link: '#79c0ff',
  border: '#3d444d',
  panel: '#161b22',
  error: '#ff8a80',
  warning: '#e3b341',
  info: '#79c0ff',
};
