import { SessionStoreUnavailableError } from '../errors/store-errors';

/** `call`, with any failure of the store turned into the 503 {@link SessionStoreUnavailableError}. */
export function storeCall<T>(call: Promise<T>): Promise<T> {
  return call.catch((error: unknown) => {
    throw new SessionStoreUnavailableError(error);
  });
}
