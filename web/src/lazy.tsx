import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** A component whose code is a chunk of its own (Vite splits at each dynamic import), fetched on first use. */
export type LazyComponent<P> = ComponentType<P> & {
  /** Starts fetching the chunk now (a page that will need it soon), resolving when it is there. */
  preload(): Promise<void>;
};

export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): LazyComponent<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<void> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (c) => void (loaded = c),
      (e: unknown) => {
        loading = null;
        throw e;
      },
    ));
  function Lazy(props: P) {
    const [failed, setFailed] = useState(false);
    const [, setReady] = useState(false);
    // Also when the chunk arrived between this render and the effect: the render showed "Loading…".
    useEffect(() => {
      preload().then(
        () => setReady(true),
        () => setFailed(true),
      );
    }, []);
    if (loaded) {
      const Component = loaded;
      return <Component {...props} />;
    }
    return failed ? (
      <p class="alert" role="alert">
        This view could not be loaded: reload the page to try again.
      </p>
    ) : (
      <p class="muted">Loading…</p>
    );
  }
  return Object.assign(Lazy, { preload });
}
