// The import flow: a dropped, picked or pasted file → inspection → the mapping step → import.
import { stateContext } from './context';
import { toErrorData } from '$lib/db';
import type {
  AppErrorData,
  Currency,
  DatasetInfo,
  DbClient,
  ImportTarget,
  Inspection,
  InspectOptions,
  ImportProgress,
  RfmScoring
} from '$lib/db';
import type { Datasets } from './datasets.svelte';
import { Action } from './query.svelte';
import { assignRole, mappingFromGuesses, validateMapping } from '$lib/ingest/detect-roles';
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

/** A mapping remembered for a header set, with the currency chosen for it. */
type RememberedMapping = ColumnMapping & { currency?: Currency | null };

/** Takes a file before the CSV/Excel inspection (true: it was handled, e.g. a SQLite workspace). */
export type FileClaim = (file: File) => Promise<boolean>;

export class ImportFlow {
  stage = $state<Stage>('start');
  /**
   * An orders import just finished: the app goes to the Overview (the data page shows nothing until
   * it has; the Overview clears it). `landed` is that import, named on the Overview with a link back
   * to its report.
   */
  isLanding = $state(false);
  landed = $state.raw<DatasetInfo | null>(null);
  file = $state<File | null>(null);
  // Replaced whole, never edited in place: raw state spares a proxy per column and cell (thousands
  // for a wide file).
  inspection = $state.raw<Inspection | null>(null);
  columns = $state.raw<MappingColumn[]>([]);
  kind = $state<DatasetKind>('transactions');
  #target = $state<ImportTarget['mode']>('replace');
  /** The user picked add or replace for this file (a workspace opening later keeps the choice). */
  #isTargetChosen = false;
  /** Settles when the workspace being opened is on the page (imports wait for it). */
  #opened: Promise<void> = Promise.resolve();
  progress = $state<ImportProgress | null>(null);
  error = $state<ShownError | null>(null);
  /** The mapping came from a remembered choice for this header set. */
  remembered = $state(false);
  /** The currency of the file's money: detected (see `inspection.currency`), remembered or chosen. */
  currency = $state<Currency | null>(null);
  problems: MappingProblem[] = $derived(
    this.inspection
      ? validateMapping({
          kind: this.kind,
          columns: this.columns,
          date1904: this.inspection.date1904
        })
      : []
  );

  /** Deleting a dataset. */
  readonly removing = new Action();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- listeners, not state
  #claims = new Set<FileClaim>();

  constructor(
    private db: DbClient,
    private datasets: Datasets
  ) {
    // An orders table is filled after its report: a file changed meanwhile fails it then.
    db.onEvent((e) => {
      if (e.event === 'import-failed') this.error = { ...e.error, fileName: e.fileName };
    });
  }

  /** How the first heatmap of imported orders will be scored (the RFM settings), if known. */
  scoringAhead: (() => RfmScoring | null) | null = null;

  /** Lets `claim` take files before the inspection (SQLite workspaces); returns the unsubscribe. */
  claimFiles(claim: FileClaim): () => void {
    this.#claims.add(claim);
    return () => this.#claims.delete(claim);
  }

  /** Where the page is when no file is in the mapping step. */
  private get idleStage(): Stage {
    return this.datasets.list.length ? 'ready' : 'start';
  }

  /** Inspects a dropped, picked or pasted file and opens the mapping step. */
  async openFile(file: File, options: InspectOptions = {}) {
    const previousStage = this.idleStage;
    this.error = null;
    this.landed = null;
    this.isLanding = false;
    this.stage = 'inspecting';
    this.file = file;
    try {
      for (const claim of this.#claims) {
        if (!(await claim(file))) continue;
        this.file = null;
        this.stage = previousStage;
        return;
      }
      const inspection = await this.db.call('inspect', { file, options });
      this.inspection = inspection;
      this.kind = inspection.kind;
      this.columns = guessedColumns(inspection, inspection.kind);
      this.currency = inspection.currency;
      this.remembered = this.restoreMapping(inspection.headerKey);
      this.#isTargetChosen = false;
      this.#defaultTarget();
      this.stage = 'mapping';
    } catch (err) {
      this.showError(err, file.name);
      this.stage = previousStage;
    }
  }

  /** Whether the file replaces the workspace's datasets of its kind or joins them. */
  get target(): ImportTarget['mode'] {
    return this.#target;
  }
  set target(mode: ImportTarget['mode']) {
    this.#target = mode;
    this.#isTargetChosen = true;
  }

  /** Without a choice, a file joins what the workspace holds; the first file just fills it. */
  #defaultTarget() {
    if (!this.#isTargetChosen) this.#target = this.datasets.list.length ? 'add' : 'replace';
  }

  /**
   * A workspace is opening (page load, switch, recovery): an import confirmed meanwhile waits for
   * it, so "replace" never runs against a list the user has not seen and nothing restored is lost.
   */
  holdUntilOpened(opening: Promise<unknown>) {
    const opened = opening.then(
      () => {},
      () => {}
    );
    this.#opened = Promise.all([this.#opened, opened]).then(() => {});
  }

  /** Re-reads the pending file with another encoding or sheet. */
  reinspect(options: InspectOptions) {
    if (this.file) return this.openFile(this.file, options);
  }

  /**
   * Changes what the file is (orders, customer table, targets): the columns get the roles guessed
   * for that kind, since each kind has roles of its own.
   */
  setKind(kind: DatasetKind) {
    if (!this.inspection || kind === this.kind) return;
    this.kind = kind;
    this.columns = guessedColumns(this.inspection, kind);
  }

  /**
   * Runs the import with the confirmed mapping. `then` runs before the report shows (the sample
   * imports its targets sheet there), so the page goes from the progress to the finished result.
   */
  async confirm(then?: () => Promise<void>) {
    if (!this.inspection || this.problems.length) return;
    const inspection = this.inspection;
    const mapping: ColumnMapping = {
      kind: this.kind,
      // Raw state is plain data already (a snapshot would clone it value by value).
      columns: this.columns,
      date1904: inspection.date1904
    };
    // A targets sheet's money is the orders' (its dataset carries no currency of its own).
    const currency = this.kind === 'targets' ? null : this.currency;
    this.saveMapping(inspection.headerKey, { ...mapping, currency });
    this.error = null;
    this.stage = 'importing';
    this.progress = { phase: 'reading', bytesRead: 0, bytesTotal: inspection.fileBytes, rows: 0 };
    await this.#opened;
    this.#defaultTarget();
    const mode = this.datasets.list.length ? this.target : 'replace';
    try {
      const heatmap = mapping.kind === 'transactions' ? (this.scoringAhead?.() ?? null) : null;
      const info = await this.db.call(
        'import',
        { mapping, target: { mode, name: inspection.fileName }, currency, heatmap },
        {
          onProgress: (p) => {
            if (p.phase !== 'fitting') this.progress = p;
          }
        }
      );
      // The worker is busy finishing the load behind the report: use the answer we have.
      this.datasets.added(info, mode);
      this.inspection = null;
      await then?.();
      this.landed = mapping.kind === 'transactions' ? info : null;
      this.isLanding = this.landed !== null;
      this.stage = 'ready';
    } catch (err) {
      this.showError(err, inspection.fileName);
      // A failed or cancelled import leaves loaded data untouched; go back to the mapping.
      this.stage = 'mapping';
    } finally {
      this.progress = null;
    }
  }

  /**
   * Imports a file whose mapping needs no confirmation (the sample's targets sheet) next to the
   * data, without showing it: the Data page keeps showing what it showed.
   */
  async importAlongside(file: File) {
    try {
      const inspection = await this.db.call('inspect', { file, options: {} });
      const mapping: ColumnMapping = {
        kind: inspection.kind,
        columns: guessedColumns(inspection, inspection.kind),
        date1904: inspection.date1904
      };
      if (validateMapping(mapping).length > 0) throw new Error(`${file.name}: no clear mapping`);
      const info = await this.db.call('import', {
        mapping,
        target: { mode: 'add', name: inspection.fileName },
        currency: null
      });
      this.datasets.added(info, 'add', { show: false });
    } catch (err) {
      this.showError(err, file.name);
    }
  }

  cancelImport() {
    void this.db.call('cancel', {});
  }

  /** Leaves the mapping step without importing. */
  discard() {
    this.inspection = null;
    this.file = null;
    this.stage = this.idleStage;
  }

  /** Deletes a dataset (its error, if any, in `removing`), then shows what is left. */
  async removeDataset(id: number) {
    await this.removing.run(() => this.datasets.remove(id));
    this.settle();
  }

  /** Back to the start or the report after the datasets changed under the page (restore, delete). */
  settle() {
    if (this.stage === 'start' || this.stage === 'ready') this.stage = this.idleStage;
    this.#defaultTarget();
  }

  /** An import or inspection cut short by a worker restart: nothing is waiting any more. */
  abandon() {
    if (this.stage === 'importing' || this.stage === 'inspecting') this.stage = this.idleStage;
  }

  setRole(index: number, role: MappingColumn['role']) {
    this.columns = assignRole(this.columns, index, role);
  }

  updateColumn(index: number, patch: Partial<MappingColumn>) {
    this.columns = this.columns.map((c) => (c.index === index ? { ...c, ...patch } : c));
  }

  showError(err: unknown, fileName?: string) {
    this.error = { ...toErrorData(err), fileName };
  }

  private restoreMapping(key: string): boolean {
    try {
      const saved = localStorage.getItem(MAPPING_PREFIX + key);
      if (!saved) return false;
      const mapping = JSON.parse(saved) as RememberedMapping;
      if (mapping.columns.length !== this.columns.length) return false;
      this.kind = mapping.kind;
      // What the file says wins; the remembered choice is for files that say nothing.
      this.currency ??= mapping.currency ?? null;
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

  private saveMapping(key: string, mapping: RememberedMapping) {
    try {
      localStorage.setItem(MAPPING_PREFIX + key, JSON.stringify(mapping));
    } catch {
      // Not being able to remember a mapping is harmless.
    }
  }
}

/** The columns as guessed for `kind`: each kind has roles of its own (DOMAIN §7). */
function guessedColumns(inspection: Inspection, kind: DatasetKind): MappingColumn[] {
  const guesses =
    kind === 'targets'
      ? inspection.targetGuesses
      : kind === 'transactions'
        ? inspection.guesses
        : inspection.relatedGuesses[kind];
  return mappingFromGuesses(guesses, kind).columns;
}

export const [getImportFlow, setImportFlow] = stateContext<ImportFlow>('importFlow');
