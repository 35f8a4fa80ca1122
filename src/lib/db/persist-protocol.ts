// Message types of saved workspaces: restore outcomes, save status events, .sqlite inspection,
// and the names of the locks tabs coordinate through.

/** Web Lock held (exclusive) while the catalog of workspaces is changed, shared while it is read. */
export const CATALOG_LOCK = 'customer-lens.catalog';
/** Held shared by every save, exclusive while "forget everything" deletes the files. */
export const STORAGE_LOCK = 'customer-lens.storage';
/** Held by the one tab (its worker) that owns workspace `id`, while it has it open. */
export const workspaceLock = (id: string) => `customer-lens.workspace.${id}`;
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
  /**
   * The page's settings JSON saved with the workspace: its newest settings file, else (saved by an
   * earlier version) the settings inside its database; null for a new one.
   */
  settings: string | null;
  outcome: 'restored' | 'fell-back' | 'lost' | 'empty' | 'unavailable';
  /**
   * True when another tab owns this workspace: this tab shows its latest save, does not save, and
   * refuses imports and deletions until the user takes it over (`ws.take`).
   */
  isOpenElsewhere?: boolean;
}

/** Why a tab stopped saving its workspace. */
export type ElsewhereReason =
  /** Another tab had it open when this tab opened it. */
  | 'opened'
  /** Another tab took it over ("Use it here" there). */
  | 'taken'
  /** Another tab deleted it. */
  | 'gone'
  /** Another tab deleted everything the app stored. */
  | 'forgotten';

/** Save progress the worker reports on its own. */
export type SaveEvent =
  /** The open workspace changed since its last save; a save is coming. */
  | { state: 'pending' }
  | { state: 'saving' }
  | {
      state: 'saved';
      /**
       * `database`: the database was written (with the settings); `settings`: only the settings
       * (a settings change does not rewrite the database). Either way everything is saved now.
       */
      kind: 'database' | 'settings';
      /** Bytes written: the database file, or the settings file. */
      bytes: number;
      /** Time taken copying the database out of SQLite (0 for settings). */
      exportMs: number;
      writeMs: number;
      workspaces: WorkspaceEntry[];
      currentId: string;
    }
  | { state: 'error'; message: string }
  | { state: 'unavailable' }
  /** Not saving: the workspace belongs to another tab now (or is gone); see `reason`. */
  | { state: 'elsewhere'; reason: ElsewhereReason };

/** A .sqlite/.db file the user opened. */
export interface SqliteInspection {
  fileName: string;
  /** True when it is a workspace this app saved (datasets catalog and settings). */
  isWorkspace: boolean;
  tables: { name: string; rows: number; columns: string[] }[];
}
