import { cpus, totalmem } from 'node:os';

/** One line naming the runtime and hardware, printed above every table. */
export function describeMachine(): string {
  const cores = cpus();
  const model = cores[0]?.model.trim() ?? 'unknown CPU';
  const memory = `${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`;
  return `Node ${process.version} (V8 ${process.versions.v8}), ${process.platform}/${process.arch}, ${model}, ${cores.length} cores, ${memory}`;
}
