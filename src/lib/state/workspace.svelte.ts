// Workspace state: the import flow (file → inspection → mapping → import) and loaded datasets.
import { getContext, setContext } from 'svelte';
import { DbClient, WorkerError } from '$lib/db';
import type {
  AppErrorData,
  DatasetInfo,
  ImportTarget,
  Inspection,
  InspectOptions,
  ImportProgress
} from '$lib/db';
import { mappingFromGuesses, validateMapping } from '$lib/ingest/detect-roles';
import type { ColumnMapping, DatasetKind, MappingProblem } from '$lib/ingest/types';
import { STORAGE_KEYS } from '$lib/privacy/storage-keys';

export type Stage = 'start' | 'inspecting' | 'mapping' | 'importing' | 'ready';

/** One editable row of the mapping step. */
export type MappingColumn = ColumnMapping['columns'][number];

const MAPPING_PREFIX = STORAGE_KEYS.mapping.key;

/** An error to show: which file, what went wrong (i18n code + params). */
export interface ShownError extends AppErrorData {
  fileName?: string;
}

export class Workspace {
  stage = $state<Stage>('start');
  file = $state<File | null>(null);
  // Replaced whole, never edited in place: raw state spares a proxy per column and cell (thousands
  // for a wide file).
  inspection = $state.raw<Inspection | null>(null);
  columns = $state.raw<MappingColumn[]>([]);
  kind = $state<DatasetKind>('transactions');
  target = $state<ImportTarget['mode']>('replace');
  progress = $state<ImportProgress | null>(null);
  error = $state<ShownError | null>(null);
  /** Replaced whole whenever the worker's list changes: raw state, no proxy per column. */
  datasets = $state.raw<DatasetInfo[]>([]);
  activeId = $state<number | null>(null);
  /** The mapping came from a remembered choice for this header set. */
  remembered = $state(false);

  active = $derived(this.datasets.find((d) => d.id === this.activeId) ?? null);
  problems: MappingProblem[] = $derived(
    this.inspection
      ? validateMapping({
          kind: this.kind,
          columns: this.columns,
          date1904: this.inspection.date1904
        })
      : []
  );

  /** Takes SQLite files before the CSV/Excel inspection (set by the saved-workspaces state). */
  onSqliteFile: (file: File) => Promise<boolean> = async () => false;

  constructor(readonly db: DbClient) {
    db.onEvent = (e) => {
      if (e.event === 'datasets-changed') void this.refreshDatasets();
    };
  }

  async refreshDatasets() {
    this.datasets = await this.db.call('datasets', {});
  }

  /** Inspects a dropped, picked or pasted file and opens the mapping step. */
  async openFile(file: File, options: InspectOptions = {}) {
    const previousStage = this.datasets.length ? 'ready' : 'start';
    this.error = null;
    this.stage = 'inspecting';
    this.file = file;
    try {
      if (await this.onSqliteFile(file)) {
        this.file = null;
        this.stage = previousStage;
        return;
      }
      const inspection = await this.db.call('inspect', { file, options });
      this.inspection = inspection;
      this.kind = inspection.kind;
      this.columns = mappingFromGuesses(inspection.guesses, inspection.kind).columns;
      this.remembered = this.restoreMapping(inspection.headerKey);
      this.target = this.datasets.length ? 'add' : 'replace';
      this.stage = 'mapping';
    } catch (err) {
      this.showError(err, file.name);
      this.stage = previousStage;
    }
  }

  /** Re-reads the pending file with another encoding or sheet. */
  reinspect(options: InspectOptions) {
    if (this.file) return this.openFile(this.file, options);
  }

  /** Runs the import with the confirmed mapping. */
  async confirm() {
    if (!this.inspection || this.problems.length) return;
    const inspection = this.inspection;
    const mapping: ColumnMapping = {
      kind: this.kind,
      // Raw state is plain data already (a snapshot would clone it value by value).
      columns: this.columns,
      date1904: inspection.date1904
    };
    this.saveMapping(inspection.headerKey, mapping);
    this.error = null;
    this.stage = 'importing';
    this.progress = { phase: 'reading', bytesRead: 0, bytesTotal: inspection.fileBytes, rows: 0 };
    const mode = this.datasets.length ? this.target : 'replace';
    try {
      const info = await this.db.call(
        'import',
        { mapping, target: { mode, name: inspection.fileName } },
        (p) => {
          if (p.phase !== 'fitting') this.progress = p;
        }
      );
      // The worker is busy finishing the load behind the report: use the answer we have.
      this.datasets = mode === 'replace' ? [info] : [...this.datasets, info];
      this.activeId = info.id;
      this.inspection = null;
      this.stage = 'ready';
    } catch (err) {
      this.showError(err, inspection.fileName);
      // A failed or cancelled import leaves loaded data untouched; go back to the mapping.
      this.stage = 'mapping';
    } finally {
      this.progress = null;
    }
  }

  cancelImport() {
    void this.db.call('cancel', {});
  }

  /** Leaves the mapping step without importing. */
  discard() {
    this.inspection = null;
    this.file = null;
    this.stage = this.datasets.length ? 'ready' : 'start';
  }

  async removeDataset(id: number) {
    try {
      await this.db.call('deleteDataset', { datasetId: id });
    } catch (err) {
      // Refused (another tab owns the workspace) or failed: say so, the list is unchanged.
      return this.showError(err);
    }
    this.datasets = await this.db.call('datasets', {});
    if (this.activeId === id) this.activeId = this.datasets.at(-1)?.id ?? null;
    if (!this.datasets.length) this.stage = 'start';
  }

  setRole(index: number, role: MappingColumn['role']) {
    this.columns = this.columns.map((c) => (c.index === index ? { ...c, role } : c));
  }

  updateColumn(index: number, patch: Partial<MappingColumn>) {
    this.columns = this.columns.map((c) => (c.index === index ? { ...c, ...patch } : c));
  }

  showError(err: unknown, fileName?: string) {
    if (err instanceof WorkerError) this.error = { ...err.data, fileName };
    else this.error = { code: 'internal', params: { message: String(err) }, fileName };
  }

  private restoreMapping(key: string): boolean {
    try {
      const saved = localStorage.getItem(MAPPING_PREFIX + key);
      if (!saved) return false;
      const mapping = JSON.parse(saved) as ColumnMapping;
      if (mapping.columns.length !== this.columns.length) return false;
      this.kind = mapping.kind;
      // Roles are remembered per header set; how values are written (decimal mark, settled date
      // order, serials) belongs to this file: `1.234,56` must not be read with last file's `.`.
      this.columns = this.columns.map((c, i) => ({
        ...c,
        ...mapping.columns[i],
        index: c.index,
        header: c.header,
        type: c.type,
        decimalMark: c.decimalMark ?? mapping.columns[i].decimalMark,
        // A saved answer still applies only if this file needs one; otherwise the question is asked.
        dateOrder: c.dateOrder ?? (c.needsDateOrder ? mapping.columns[i].dateOrder : undefined),
        needsDateOrder: c.needsDateOrder,
        excelSerial: c.excelSerial
      }));
      return true;
    } catch {
      return false;
    }
  }

  private saveMapping(key: string, mapping: ColumnMapping) {
    try {
      localStorage.setItem(MAPPING_PREFIX + key, JSON.stringify(mapping));
    } catch {
      // Not being able to remember a mapping is harmless.
    }
  }
}

const KEY = Symbol('workspace');
export function setWorkspace(ws: Workspace): Workspace {
  return setContext(KEY, ws);
}
export function getWorkspace(): Workspace {
  const ws = getContext<Workspace | undefined>(KEY);
  if (!ws) throw new Error('getWorkspace() called outside the app page');
  return ws;
}
