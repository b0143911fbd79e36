import type { NextFunction, Request, Response } from 'express';

/** The fields http-errors (and so body-parser) put on the errors it makes. */
interface HttpErrorLike {
  status: number;
  expose: boolean;
  message: string;
}

/**
 * Answers errors that reach express outside routing-controllers' own handler, such as the login
 * form's body parser refusing a 5 MB body. Express's default would print the stack trace into the
 * page outside production; here a client error gets its short message and anything else a bare 500.
 * routing-controllers passes on errors it already answered (such as the 403 of a login form posted
 * without its CSRF token): those need nothing more, and express would only log them as failures.
 */
export function handleErrors(error: unknown, _request: Request, response: Response, next: NextFunction): void {
  if (response.writableEnded) return;
  if (response.headersSent) return next(error);
  if (isClientError(error)) {
    response.status(error.status).type('text/plain').send(error.expose ? error.message : 'Bad Request');
    return;
  }
  console.error(error);
  response.status(500).type('text/plain').send('Internal Server Error');
}

function isClientError(error: unknown): error is HttpErrorLike {
  if (typeof error !== 'object' || error === null) return false;
  const { status, expose, message } = error as Partial<Record<keyof HttpErrorLike, unknown>>;
  return typeof status === 'number' && status >= 400 && status < 500 && typeof expose === 'boolean' && typeof message === 'string';
}
