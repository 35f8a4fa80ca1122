// Message types of saved workspaces: restore outcomes, save status events, .sqlite inspection.
/** A saved workspace as the page lists it. */
export interface WorkspaceEntry {
  id: string;
  name: string;
  updatedAt: string;
  /** Size of the current saved database in bytes (0 before the first save). */
  bytes: number;
}

/** What opening a workspace found: `fell-back` = the latest save was damaged, the one before opened. */
export interface RestoreResult {
  workspaces: WorkspaceEntry[];
  currentId: string | null;
  /** The page's settings JSON stored with the workspace (null for a new one). */
  settings: string | null;
  outcome: 'restored' | 'fell-back' | 'lost' | 'empty' | 'unavailable';
}

/** Save progress the worker reports on its own. */
export type SaveEvent =
  | { state: 'saving' }
  | {
      state: 'saved';
      bytes: number;
      exportMs: number;
      writeMs: number;
      workspaces: WorkspaceEntry[];
      currentId: string;
    }
  | { state: 'error'; message: string }
  | { state: 'unavailable' };

/** A .sqlite/.db file the user opened. */
export interface SqliteInspection {
  fileName: string;
  /** True when it is a workspace this app saved (datasets catalog and settings). */
  isWorkspace: boolean;
  tables: { name: string; rows: number; columns: string[] }[];
}
