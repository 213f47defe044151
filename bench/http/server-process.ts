import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Forks a compiled server script and resolves once it sends its first message (it is ready),
 * with that message. The server lives in its own process so that load generation and server
 * share no event loop.
 */
export function startServer<TReady>(
  script: string,
  execArgv: readonly string[] = [],
  args: readonly string[] = [],
): Promise<{ server: ChildProcess; ready: TReady }> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const server = fork(path, [...args], {
    execArgv: [...execArgv],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    server.once('message', (message: TReady) => resolve({ server, ready: message }));
    server.once('exit', (code) => reject(new Error(`${script} exited (code ${code}).`)));
  });
}

/** Sends one message to the server and resolves with its answer (the next message it sends). */
export function ask<TAnswer>(server: ChildProcess, message: object): Promise<TAnswer> {
  return new Promise((resolve) => {
    server.once('message', (answer: TAnswer) => resolve(answer));
    server.send(message);
  });
}
