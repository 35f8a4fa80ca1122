// Types for scripts/serve.js (imported by e2e tests and the bench).

/** A running static server; `url` ends with `/`. */
export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The Content-Security-Policy header sent with every response. */
export const CONTENT_SECURITY_POLICY: string;

/** Serves `root` (default: build/) on 127.0.0.1; `port: 0` picks a free port (default 4173). */
export function startServer(options?: {
  root?: string;
  port?: number;
  verbose?: boolean;
}): Promise<RunningServer>;
