// The last line of a provider method: an engine error that reached it unshaped still names the resource, the
// operation and the request.
import { lastResort } from "../container/errors";

export function guarded<A extends unknown[], R>(operation: string, subject: (...args: A) => string, method: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      return await method(...args);
    } catch (err) {
      throw lastResort(subject(...args), operation, err);
    }
  };
}
