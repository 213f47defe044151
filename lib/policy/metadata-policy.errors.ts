/**
 * Thrown in `'strict'` mode when metadata holds a forbidden key or a secret-shaped value. The
 * message names the path, why it is refused and how to fix it.
 *
 * @example
 * try {
 *   execute(['sigra', 'auth', 'login', 'stop'], {}, { user: { password: 'hunter2' } });
 * } catch (error) {
 *   if (error instanceof MetadataPolicyError) console.log(error.path); // 'metadata.user.password'
 * }
 * @publicApi
 */
export class MetadataPolicyError extends Error {
  /** Where the offending value sits, from the root `metadata` (e.g. `metadata.user.password`). */
  readonly path: string;
  /** Why it is refused (e.g. `the key names a password or password hash`). */
  readonly reason: string;

  constructor(path: string, reason: string, fix: string) {
    super(`Metadata policy: ${path} is refused because ${reason}. ${fix}`);
    this.name = 'MetadataPolicyError';
    this.path = path;
    this.reason = reason;
  }
}
