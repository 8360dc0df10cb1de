import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

/**
 * A minimal Language Server Protocol client over stdio: JSON-RPC messages
 * framed by Content-Length headers. It answers the server's own requests
 * (configuration, capability registration) so that the server proceeds.
 */
export class LspClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly notifications: Message[] = [];
  private readonly waiters: { method: string; match: (params: unknown) => boolean; resolve: (params: unknown) => void }[] = [];
  stderr = '';

  constructor(
    command: string,
    args: string[],
    /** What the server gets when it asks for `workspace/configuration`, by section. */
    private readonly settings: Record<string, unknown>,
  ) {
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    this.child.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error(`the language server exited: ${this.stderr}`));
      this.pending.clear();
    });
  }

  request<T = unknown>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The first notification of this method whose params match, already received or still to come. */
  waitForNotification<T>(method: string, match: (params: T) => boolean, timeoutMs = 20_000): Promise<T> {
    const seen = this.notifications.find((n) => n.method === method && match(n.params as T));
    if (seen) return Promise.resolve(seen.params as T);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms; server stderr:\n${this.stderr}`)), timeoutMs);
      this.waiters.push({
        method,
        match: (p) => match(p as T),
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p as T);
        },
      });
    });
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2_000))]);
      this.notify('exit', null);
    } finally {
      this.child.kill();
    }
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString('ascii'))?.[1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    if (message.method !== undefined && message.id !== undefined) {
      // A request from the server.
      const result =
        message.method === 'workspace/configuration'
          ? (message.params as { items: { section?: string }[] }).items.map((item) => (item.section ? (this.settings[item.section] ?? null) : this.settings))
          : null;
      this.send({ jsonrpc: '2.0', id: message.id, result });
    } else if (message.method !== undefined) {
      this.notifications.push(message);
      for (const w of [...this.waiters]) {
        if (w.method === message.method && w.match(message.params)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(message.params);
        }
      }
    } else if (typeof message.id === 'number') {
      const p = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) p?.reject(new Error(`${message.error.code}: ${message.error.message}`));
      else p?.resolve(message.result);
    }
  }
}
