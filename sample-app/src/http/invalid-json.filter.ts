import { BadRequestException, Catch, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

/**
 * Answers a body that is not JSON with a fixed message. The parser's own message quotes the body
 * (`Unexpected token … "assword": hunter2-se…`), which must not travel back or into logs.
 */
@Catch(BadRequestException)
export class InvalidJsonFilter extends BaseExceptionFilter {
  override catch(exception: BadRequestException, host: ArgumentsHost): void {
    const invalidJson = exception.cause instanceof SyntaxError;
    super.catch(
      invalidJson ? new BadRequestException('The request body is not valid JSON.') : exception,
      host,
    );
  }
}
