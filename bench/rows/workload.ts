/**
 * The work every row wraps: cheap on purpose, so the tables show the instrumentation and not
 * the work. The integer math keeps the result dependent on the argument, so it cannot be folded.
 */
export function work(i: number): number {
  return (i * 31) ^ 0x5bd1;
}

/** The asynchronous counterpart: an async function that returns an already resolved promise. */
export async function workAsync(i: number): Promise<number> {
  return (i * 31) ^ 0x5bd1;
}
