import { isatty } from 'node:tty';
/** Everything a command may touch of the process, so tests can run commands in-process. */
export interface CliIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: OutStream;
  stderr: OutStream;
  stdinIsTTY: boolean;
  /** The local date, YYYY-MM-DD. */
  today(): string;
}

export interface OutStream {
  write(chunk: string): void;
  isTTY?: boolean;
  columns?: number;
}

export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    // isatty rather than process.stdin: creating the stdin stream costs start-up time.
    stdinIsTTY: isatty(0),
    today: () => localToday(),
  };
}

/** Text is wrapped to a terminal's width, at most 120 columns (longer lines read badly), and to 80 columns anywhere else. */
export function terminalWidth(stream: OutStream): number {
  return stream.isTTY && stream.columns && stream.columns > 0 ? Math.min(stream.columns, 120) : 80;
}

/** Colour only on a terminal, never with --no-color or NO_COLOR; FORCE_COLOR turns it on. */
export function useColor(io: CliIo, flag: boolean | undefined, stream: OutStream = io.stdout): boolean {
  if (flag === false) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  return Boolean(stream.isTTY) && io.env.TERM !== 'dumb';
}
