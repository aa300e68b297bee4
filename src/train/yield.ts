/**
 * Yield to the event loop once this long has passed since the last yield: after every step of
 * a model whose steps take longer, and every few hundred of a tiny model's (a yield costs µs).
 * Signals, a Worker's messages and timers get through within a step.
 */
export const YIELD_EVERY_MS = 2;

/** The cheapest way back through the event loop: setImmediate in Node; a MessageChannel round trip elsewhere (setTimeout clamps to ≥ 1–4 ms). */
export const yieldToEventLoop: () => Promise<void> =
  typeof setImmediate === "function"
    ? () => new Promise((resolve) => setImmediate(resolve))
    : (() => {
        const channel = new MessageChannel();
        const waiting: (() => void)[] = [];
        channel.port1.onmessage = () => waiting.shift()?.();
        return () =>
          new Promise<void>((resolve) => {
            waiting.push(resolve);
            channel.port2.postMessage(0);
          });
      })();
