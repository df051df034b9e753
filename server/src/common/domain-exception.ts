import { ERRORS, type ErrorBody, type ErrorCode } from '@sa/contracts';

/** A rule a user's request broke; the global filter maps it to `{ code, message }` and its HTTP status. */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: ErrorBody['details'],
  ) {
    super(message ?? ERRORS[code].message);
  }

  get status(): number {
    return ERRORS[this.code].status;
  }
}
