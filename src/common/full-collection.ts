import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null = null;

/**
 * A full garbage collection, now. A Buffer's memory goes back only when a collection finds its
 * wrapper dead, and V8 lets tens of MB of dead Buffers (and the big strings a MariaDB insert of a
 * blob chunk builds) pile up between collections of its own: code that has just dropped that
 * much calls this to keep a process's peak memory near what it really holds. It costs tens of
 * milliseconds; call it per many MB, never per request.
 */
export function fullCollection(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
