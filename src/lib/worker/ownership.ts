// Which workspace this tab may write. One tab owns a workspace at a time: its worker holds the Web
// Lock named after the workspace while it has it open (the browser lets go when the tab closes or
// the worker dies), and a BroadcastChannel carries requests between the tabs' workers ("save and
// let go", "the list changed", "everything is being deleted"). The lock decides who may claim a
// workspace; the token the claim writes into the catalog (storage.ts) decides whose save lands.
import { workspaceLock } from '$lib/db/persist-protocol';

const CHANNEL = 'customer-lens.workspaces';
/** How long the owner has to answer "let go" before it is taken as frozen or hung. */
const ACK_MS = 10_000;
/** After the owner answered: how long its last save (it waits for a running import) may take. */
const RELEASE_MS = 5 * 60_000;

type Message =
  /** To the owner of `id`: save now and let go; `from` waits. */
  | { kind: 'release'; id: string; from: string }
  /** The owner's answer: saving now, the lock follows. */
  | { kind: 'releasing'; id: string; to: string }
  /** The catalog changed (a workspace added, renamed, deleted, saved). */
  | { kind: 'catalog' }
  /** Another tab is deleting everything: stop saving. */
  | { kind: 'forget' };

/** What the persistence layer does when another tab asks for something. */
export interface OwnershipHost {
  /** Save now and let go of `id` (it calls `answer()` first, then `release()` when done). */
  onReleaseRequest(id: string, answer: () => void): void;
  /** The lock of `id` was taken by force (this tab was frozen or hung). */
  onLockLost(id: string): void;
  onCatalogChanged(): void;
  onForget(): void;
}

function lockManager(): LockManager | null {
  return (navigator as Navigator & { locks?: LockManager }).locks ?? null;
}

interface Held {
  id: string;
  /** Lets go of the lock. */
  release: () => void;
}

export class Ownership {
  /**
   * This worker's fencing token (a new worker after a crash is a new owner): `tab:worker`, so a
   * reloaded tab knows a lock its previous worker still holds for a moment (see {@link joinTab}).
   */
  #token = `-:${crypto.randomUUID()}`;
  /** Set once a lock was asked for: the token is final from then on. */
  #isTokenFinal = false;
  private held: Held | null = null;
  private channel: BroadcastChannel | null = null;
  private answers = new Map<string, () => void>();

  constructor(private host: OwnershipHost) {
    try {
      this.channel = new BroadcastChannel(CHANNEL);
      this.channel.onmessage = (e: MessageEvent<Message>) => this.receive(e.data);
    } catch {
      // No BroadcastChannel: one tab; the lock and the catalog token still keep saves apart.
    }
  }

  get token(): string {
    return this.#token;
  }

  /** Names this worker's tab in its token; only before its first lock (the token is final then). */
  joinTab(tab: string) {
    if (!this.#isTokenFinal) this.#token = `${tab}:${crypto.randomUUID()}`;
  }

  /** True when `owner` (a catalog's token) is a worker of the tab named `tab`. */
  static isOfTab(owner: string | null | undefined, tab: string): boolean {
    return owner?.startsWith(`${tab}:`) ?? false;
  }

  /** True while this worker holds the lock of `id`. */
  holds(id: string): boolean {
    return this.held?.id === id;
  }

  /**
   * Takes the lock of `id` if no other tab holds it (letting go of any other one). With
   * `waitMs`, waits that long for it: a reloaded tab's previous worker may still be shutting down.
   */
  async acquire(id: string, waitMs = 0): Promise<boolean> {
    if (this.holds(id)) return true;
    this.release();
    return this.request(id, waitMs > 0 ? { signal: AbortSignal.timeout(waitMs) } : {});
  }

  /** Lets go of the lock held (if any). */
  release() {
    const held = this.held;
    this.held = null;
    held?.release();
  }

  /** Runs `task` holding the lock of `id` (another workspace than the open one); null if taken. */
  async whileHolding<T>(id: string, task: () => Promise<T>): Promise<T | null> {
    if (this.holds(id)) return task();
    const locks = lockManager();
    if (!locks) return task();
    let value: T | null = null;
    await locks.request(workspaceLock(id), { ifAvailable: true }, async (lock) => {
      if (lock) value = await task();
    });
    return value;
  }

  /**
   * Takes `id` over from the tab that owns it: asks it to save and let go, waits for its lock.
   * An owner that does not answer within ACK_MS (a frozen or hung tab) loses the lock by force;
   * its late saves are refused by the catalog token.
   */
  async take(id: string): Promise<void> {
    if (await this.acquire(id)) return;
    const waiting = new AbortController();
    let answered = false;
    const got = this.request(id, { signal: waiting.signal });
    this.answers.set(id, () => (answered = true));
    this.post({ kind: 'release', id, from: this.token });
    const timeout = (ms: number) => new Promise<false>((r) => setTimeout(() => r(false), ms));
    try {
      if (await Promise.race([got, timeout(ACK_MS)])) return;
      if (answered && (await Promise.race([got, timeout(RELEASE_MS)]))) return;
      waiting.abort();
      // Granted just before the wait was given up: it is ours.
      if (await got) return;
      if (!(await this.request(id, { steal: true }))) throw new Error('lock not granted');
    } finally {
      this.answers.delete(id);
    }
  }

  /** Tells the other tabs that the list of workspaces changed. */
  announceCatalog() {
    this.post({ kind: 'catalog' });
  }

  /** Tells the other tabs that everything is being deleted. */
  announceForget() {
    this.post({ kind: 'forget' });
  }

  /** Requests the lock; resolves true once held (until release()), false if not granted. */
  private request(id: string, options: LockOptions): Promise<boolean> {
    this.#isTokenFinal = true;
    const locks = lockManager();
    if (!locks) {
      this.held = { id, release: () => {} };
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      let isGranted = false;
      let release = () => {};
      const letGo = new Promise<void>((r) => (release = r));
      const opts = options.signal || options.steal ? options : { ...options, ifAvailable: true };
      locks
        .request(workspaceLock(id), opts, async (lock) => {
          if (!lock) return resolve(false);
          isGranted = true;
          this.release();
          this.held = { id, release };
          resolve(true);
          await letGo;
        })
        .catch(() => {
          // Before the grant: the wait was given up. After it: another tab stole the lock.
          if (!isGranted) return resolve(false);
          if (this.held?.release === release) {
            this.held = null;
            this.host.onLockLost(id);
          }
        });
    });
  }

  private receive(msg: Message) {
    if (msg.kind === 'release' && this.holds(msg.id)) {
      this.host.onReleaseRequest(msg.id, () =>
        this.post({ kind: 'releasing', id: msg.id, to: msg.from })
      );
    } else if (msg.kind === 'releasing' && msg.to === this.token) {
      this.answers.get(msg.id)?.();
    } else if (msg.kind === 'catalog') {
      this.host.onCatalogChanged();
    } else if (msg.kind === 'forget') {
      this.host.onForget();
    }
  }

  private post(msg: Message) {
    this.channel?.postMessage(msg);
  }
}
