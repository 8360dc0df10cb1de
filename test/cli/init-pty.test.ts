import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assessmentSchema } from '../../src/schema/assessment.js';

/*
 * Drives the built binary through a real pseudo-terminal (util-linux `script`),
 * answering each prompt as it appears. Needs the built dist/ (committed; `npm run bundle` after changing src/).
 */
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'harm.js');
const built = existsSync(join(ROOT, 'dist', 'main.js'));
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const skipReason = !built ? 'dist/ is missing: run `npm run bundle` first' : !hasScript ? 'util-linux `script` is not installed' : '';

interface Screen {
  /** The message of the prompt waiting for an answer, if any. */
  active?: string;
  /** Prompts answered so far. */
  done: number;
  text: string;
}

/** Turns the raw terminal stream into lines: cursor moves and line erases start a new line, other escapes go. */
function readScreen(raw: string): Screen {
  const text = raw
    .replace(/\x1b\[[0-9;?]*[GK]/g, '\n')
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
    .replace(/\r/g, '');
  const lines = text.split('\n');
  let done = 0;
  let active: string | undefined;
  for (const line of lines) {
    if (line.startsWith('✔ ')) {
      done++;
      active = undefined;
    } else if (line.startsWith('? ')) active = line.slice(2);
  }
  return { active, done, text };
}

interface Session {
  finished: Promise<number>;
  screen(): Screen;
  send(keys: string): void;
  kill(): void;
}

function startSession(cwd: string, args: string, bin = BIN): Session {
  const env: Record<string, string | undefined> = { ...process.env, TERM: 'xterm-256color', COLUMNS: '80', LINES: '24' };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const child = spawn('script', ['-qfec', `stty cols 80 rows 24; node ${JSON.stringify(bin)} ${args}`, '/dev/null'], { cwd, env });
  let raw = '';
  child.stdout.on('data', (d: Buffer) => (raw += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (raw += d.toString('utf8')));
  const finished = new Promise<number>((res) => child.on('close', (code) => res(code ?? -1)));
  return {
    finished,
    screen: () => readScreen(raw),
    send: (keys) => child.stdin.write(keys),
    kill: () => child.kill('SIGKILL'),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Answers prompts until the process ends: `answer` picks the keys for a prompt's
 * message. Each prompt is answered once, after the screen has been still for a moment.
 */
async function drive(session: Session, answer: (message: string) => string, opts: { deadline: number }): Promise<number> {
  let exited: number | undefined;
  void session.finished.then((code) => (exited = code));
  let answered = -1;
  let last = '';
  let still = 0;
  while (exited === undefined) {
    if (Date.now() > opts.deadline) {
      session.kill();
      throw new Error(`The questionnaire did not finish in time. Screen so far:\n${session.screen().text.slice(-3000)}`);
    }
    await sleep(30);
    const screen = session.screen();
    still = screen.text === last ? still + 1 : 0;
    last = screen.text;
    if (screen.active === undefined || screen.done === answered || still < 3) continue;
    answered = screen.done;
    session.send(answer(screen.active));
  }
  return exited;
}

const DOWN = '\x1b[B';
const UP = '\x1b[A';
const ENTER = '\r';

describe.skipIf(skipReason !== '')(`harm init in a pseudo-terminal${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a valid assessment from typed answers and arrow keys, run through a symlinked install', async () => {
    dir = mkdtempSync(join(tmpdir(), 'harm-pty-'));
    // As `npm link` or a file: dependency installs it: node_modules/harm is a symlink to the package folder.
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules', 'harm'), 'dir');
    const session = startSession(dir, 'init out.harm.yaml --today 2026-01-15', join(dir, 'node_modules', 'harm', 'bin', 'harm.js'));
    let harms = 0;
    let categories = 0;
    const code = await drive(
      session,
      (message) => {
        if (message.startsWith('Feature name')) return `Trip Planner${ENTER}`;
        if (message.startsWith('Owner')) return `travel-team${ENTER}`;
        // development is focused first; one step down is beta.
        if (message.startsWith('Stage')) return `${DOWN}${ENTER}`;
        if (message.startsWith('Capabilities')) return ` ${ENTER}`;
        if (message.startsWith('Assessors')) return `someone@example.com${ENTER}`;
        if (message.startsWith('Any physical harm')) return `y${ENTER}`;
        if (message.startsWith('What could go wrong')) return `${harms++ === 0 ? 'Unsafe route advice' : 'Another'}${ENTER}`;
        // No category is focused at first; Enter alone is refused, so the first answer is Enter (asked again), the next one step down.
        if (message.startsWith('Category')) return categories++ === 0 ? ENTER : `${DOWN}${ENTER}`;
        // possible is focused first; two steps up is rare (a rare harm has fewer safeguards to go through).
        if (message.startsWith('Likelihood')) return `${UP}${UP}${ENTER}`;
        if (message.startsWith('Write out.harm.yaml')) return ENTER;
        return ENTER;
      },
      { deadline: Date.now() + 17_000 },
    );
    const screen = session.screen().text;
    expect(code, screen.slice(-2000)).toBe(0);
    expect(screen).toContain('Severity profile');
    expect(screen).toContain('Wrote out.harm.yaml');
    expect(screen).toContain('Choose a category: none is assumed.');
    expect(screen).toMatch(/ so far: severity \d+\.\d \w+, risk \d+\.\d \w+/);
    expect(categories).toBe(2);

    const text = readFileSync(join(dir, 'out.harm.yaml'), 'utf8');
    // Through the project's node_modules, not through the symlink's target.
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./node_modules/harm/schemas/assessment.schema.json');
    const assessment = assessmentSchema.parse(parse(text));
    expect(assessment.feature).toMatchObject({ id: 'trip-planner', name: 'Trip Planner', owner: 'travel-team', stage: 'beta', capabilities: ['computer_use'] });
    expect(assessment.assessment).toEqual({ date: '2026-01-15', assessors: ['someone@example.com'], review_by: '2026-07-15' });
    expect(assessment.harms).toHaveLength(1);
    expect(assessment.harms[0]).toMatchObject({ id: 'unsafe-route-advice', title: 'Unsafe route advice', dimensions: expect.arrayContaining(['physical']) });
    expect(assessment.harms[0]!.factors.likelihood).toBe('rare');
  }, 20_000);

  it('writes nothing and exits 130 on Ctrl-C', async () => {
    dir = mkdtempSync(join(tmpdir(), 'harm-pty-'));
    const session = startSession(dir, 'init out.harm.yaml');
    const code = await drive(session, (message) => (message.startsWith('Owner') ? '\x03' : message.startsWith('Feature name') ? `X${ENTER}` : ENTER), {
      deadline: Date.now() + 10_000,
    });
    expect(code).toBe(130);
    expect(session.screen().text).toContain('Interrupted: nothing was written.');
    expect(existsSync(join(dir, 'out.harm.yaml'))).toBe(false);
  }, 15_000);
});
