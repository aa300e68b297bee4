/**
 * Lets the event loop run (messages, signals, timers) and comes straight back. Not
 * setTimeout(0): browsers clamp nested timeouts to 4 ms, which would cost a page training a
 * small model most of its time. Node has setImmediate; browsers and workers a MessageChannel.
 */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (fn: () => void) => unknown };
  if (typeof g.setImmediate === "function") return new Promise((resolve) => g.setImmediate!(resolve));
  if (typeof MessageChannel === "function") {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
