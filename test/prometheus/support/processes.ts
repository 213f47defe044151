import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A process started by a test: its output (bounded) and how to stop it by PID. */
export interface StartedProcess {
  readonly child: ChildProcess;
  /** The last lines it printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const KEPT_LINES = 200;

/**
 * Starts `command` and resolves once a line of its output matches `ready` (rejects after
 * `timeoutMs` or when it exits first, with what it printed).
 */
export function startProcess(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; ready: RegExp; timeoutMs: number },
): Promise<StartedProcess> {
  const child = spawn(command, args, {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const output = () => lines.join('\n');
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(child.pid as number, 'SIGTERM');
    const killer = setTimeout(() => process.kill(child.pid as number, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
  };
  return new Promise((resolve, reject) => {
    let ready = false;
    const timer = setTimeout(() => {
      void stop().then(() =>
        reject(new Error(`${command} not ready after ${options.timeoutMs} ms:\n${output()}`)),
      );
    }, options.timeoutMs);
    const onData = (data: Buffer) => {
      for (const line of data.toString().split('\n')) {
        if (line === '') continue;
        lines.push(line);
        if (lines.length > KEPT_LINES) lines.shift();
        if (!ready && options.ready.test(line)) {
          ready = true;
          clearTimeout(timer);
          resolve({ child, output, stop });
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      if (ready) return;
      clearTimeout(timer);
      reject(new Error(`${command} exited (${code}) before it was ready:\n${output()}`));
    });
  });
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
