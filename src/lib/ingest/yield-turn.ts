// A turn of the event loop for long loops in the workers: what waits (the page's next request) runs
// before the loop goes on. A message to a port of our own, not setTimeout: nested timers are held
// to 4 ms each, which at a yield per parsed piece would add seconds to an import.

let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

/** Resolves after the tasks queued before it have run. */
export function yieldTurn(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((r) => setTimeout(r, 0));
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
    // Node (unit tests): an open port must not keep the process alive.
    (channel.port1 as MessagePort & { unref?: () => void }).unref?.();
  }
  const port = channel.port2;
  return new Promise((resolve) => {
    waiting.push(resolve);
    port.postMessage(null);
  });
}
