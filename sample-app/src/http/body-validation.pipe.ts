import {
  BadRequestException,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
} from '@nestjs/common';

/** Deepest nesting of objects and arrays a request body may have. */
export const MAX_BODY_DEPTH = 32;

/** Said instead of `property <name> should not exist`, which would echo the client's input. */
const UNKNOWN_PROPERTY = 'The body has a property this route does not accept.';

/** True when `value` nests objects or arrays more than `limit` levels deep (no recursion). */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Every error of the tree, children included. */
function* walk(errors: readonly ValidationError[]): Generator<ValidationError> {
  for (const error of errors) {
    yield error;
    yield* walk(error.children ?? []);
  }
}

/**
 * Validates every body against its DTO (whitelisted, unknown properties refused, transformed),
 * with answers that never quote the client's input, and refuses bodies nested deeper than
 * `MAX_BODY_DEPTH` before class-transformer recurses into them (a 4 kB `[[[…]]]` would
 * overflow its stack).
 */
export class BodyValidationPipe extends ValidationPipe {
  constructor() {
    super({ whitelist: true, forbidNonWhitelisted: true, transform: true });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && nestsDeeperThan(value, MAX_BODY_DEPTH)) {
      throw new BadRequestException(
        `The request body nests deeper than ${MAX_BODY_DEPTH} levels; send a flat object.`,
      );
    }
    return super.transform(value, metadata);
  }

  override createExceptionFactory() {
    return (errors: ValidationError[] = []) => {
      for (const error of walk(errors)) {
        if (error.constraints?.whitelistValidation !== undefined) {
          error.constraints.whitelistValidation = UNKNOWN_PROPERTY;
        }
      }
      return new BadRequestException([...new Set(this.flattenValidationErrors(errors))]);
    };
  }
}
