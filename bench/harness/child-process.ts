import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs a compiled bench script in a fresh Node process (with `--expose-gc`) and resolves with the
 * one message it sends back. A fresh process keeps what the script changes process-wide (the
 * OpenTelemetry context manager, a large heap) away from the other measurements. `script` is
 * resolved by the caller: `new URL('./memory.js', import.meta.url)`.
 */
export function runInChild<T>(script: URL, args: readonly string[] = []): Promise<T> {
  const path = fileURLToPath(script);
  return new Promise((resolve, reject) => {
    let answer: { value: T } | undefined;
    const child = fork(path, [...args], { execArgv: ['--expose-gc'], stdio: 'inherit' });
    child.on('message', (message) => {
      answer = { value: message as T };
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && answer !== undefined) resolve(answer.value);
      else reject(new Error(`${path} exited with code ${code} without a result.`));
    });
  });
}

/** Sends a child's result to its parent (see {@link runInChild}). */
export function sendToParent(value: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.send === undefined) {
      reject(new Error('This script runs as a child of run.js; start it with `npm run bench`.'));
      return;
    }
    process.send(value, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}
