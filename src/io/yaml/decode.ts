import { FindingSink } from '../../core/findings.js';
import type { Finding } from '../../schema/output.js';
import { MAX_FILE_BYTES } from './limits.js';
import { ORIGIN, originLocator } from './positions.js';

// YAML 1.2 printable characters; anything else means the file is not text.
const NON_PRINTABLE = /[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes file bytes, or says why they are not a harm file. */
export function decodeSource(bytes: Uint8Array, file: string): { text: string } | { finding: Finding } {
  const sink = new FindingSink(file, originLocator);
  if (bytes.byteLength > MAX_FILE_BYTES) {
    sink.atPosition('file-too-large', ORIGIN, tooLargeMessage(bytes.byteLength));
    return { finding: sink.findings[0]! };
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    sink.atPosition('yaml-syntax', ORIGIN, 'The file is not UTF-8 text.');
    return { finding: sink.findings[0]! };
  }
  const bad = NON_PRINTABLE.exec(text);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    sink.atPosition('yaml-syntax', ORIGIN, `The file is not YAML text: it contains the control character U+${code}.`);
    return { finding: sink.findings[0]! };
  }
  return { text };
}

/** `bytes` is undefined when the file grew past the limit while it was read. */
export function tooLargeMessage(bytes: number | undefined): string {
  if (bytes === undefined) return 'The file is larger than 1 MiB; harm reads files of at most 1 MiB.';
  const size = bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
  return `The file is ${size}; harm reads files of at most 1 MiB.`;
}
