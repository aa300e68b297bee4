import type { Observable } from "../store/observable.js";
import { useObservable } from "../store/observable.js";

interface Env {
  isolated: boolean | null;
  backend: string;
  cores: number;
}

/** Whether the page is cross-origin isolated (so training can use threads), and the kernels in use. */
export function EnvBadges({ env, workers }: { env: Observable<Env>; workers: number | null }) {
  const e = useObservable(env);
  const isolated = e.isolated ?? globalThis.crossOriginIsolated === true;
  return (
    <div class="env">
      <span
        class="pill"
        title={isolated ? "SharedArrayBuffer is available: data-parallel threads" : "served without COOP/COEP headers: training runs in one thread"}
      >
        <span class={`dot ${isolated ? "ok" : "warn"}`} />
        cross-origin isolated: <b data-testid="isolated">{isolated ? "yes" : "no"}</b>
      </span>
      {!isolated && (
        <span class="pill" data-testid="one-thread">
          training in one thread
        </span>
      )}
      <span class="pill">
        kernels: <b>{e.backend}</b>
      </span>
      <span class="pill">
        {workers ?? (isolated ? e.cores : 1)} thread{(workers ?? (isolated ? e.cores : 1)) > 1 ? "s" : ""}
      </span>
    </div>
  );
}
