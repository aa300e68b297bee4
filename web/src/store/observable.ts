import { useEffect, useState } from "preact/hooks";

/** A value that tells its subscribers when it changes: the page's state outside components. */
export class Observable<T> {
  private listeners = new Set<(v: T) => void>();
  constructor(private current: T) {}

  get value(): T {
    return this.current;
  }

  set(next: T): void {
    this.current = next;
    for (const l of this.listeners) l(next);
  }

  update(patch: Partial<T>): void {
    this.set({ ...this.current, ...patch });
  }

  subscribe(l: (v: T) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

/** Re-renders the component whenever the observable changes. */
export function useObservable<T>(o: Observable<T>): T {
  const [v, setV] = useState(o.value);
  useEffect(() => {
    setV(o.value);
    return o.subscribe(setV);
  }, [o]);
  return v;
}
