// A Vite plugin with three patches of sql.js's minified code. sql.js has no API for any of them
// (it exports neither FS nor sqlite3_file_control); each patch finds its expression or fails the
// build, so an sql.js that no longer has it is noticed instead of silently losing the patch.
//
// 1. The in-memory file grows by doubling. Emscripten's MEMFS grows a file past 1 MB by 1.125× per
//    step, copying the whole file each time: a 160 MB table costs ≈40 copies (≈1.3 GB of copying
//    and as much garbage) while an import writes it. Doubling copies at most twice the file.
//    Untouched capacity is zero pages the browser does not commit, so memory does not grow.
//    Measured at 1M rows in Node: import 20.7 → 15.1 s.
// 2. Past 64 MB a file grows in place, in a resizable ArrayBuffer: no copy at all. Even doubling
//    copied the whole file once more at each step, and the old copy stayed until a collection:
//    at 5M rows the step past 1 GB was the peak of the import (+1 GB for a moment).
// 3. `Database.prototype.fileView()`: the database file's bytes as they are in MEMFS, without the
//    full-size copy `export()` makes. A save writes them out at once (`db-bytes.ts`); at 5M rows
//    the copy was 1.2 GB on top of the file, the peak of the whole import before.

/** MEMFS's growth step in the minified builds: `m*(m<1048576?2:1.125)`. */
const GROWTH = /([\w$]+)\*\(\1<1048576\?2:1\.125\)/g;
/**
 * The start of `export()`, which looks its own file up: `var r=B(f).node,u=null,w=r.Qa.write;…
 * r.Ua.set(…);r.Wa=Math.max(r.Wa,…)` gives the path lookup (B), the node's contents (Ua) and
 * its used length (Wa).
 */
const EXPORT_FILE =
  /var ([\w$]+)=\s*([\w$]+)\([\w$]+\)\.node,[\w$]+=null,[\w$]+=\1\.[\w$]+\.write;[\s\S]{0,200}?\1\.([\w$]+)\.set\([\s\S]{0,80}?\1\.([\w$]+)=Math\.max\(\1\.\4,/;
/** MEMFS's copy into a larger array: `m=a.Ua.subarray(0,a.Wa),a.Ua=new Uint8Array(g),a.Ua.set(m)`. */
const GROWTH_COPY =
  /([\w$]+)=([\w$]+)\.([\w$]+)\.subarray\(0,\s*\2\.([\w$]+)\),\s*\2\.\3=\s*new Uint8Array\(([\w$]+)\),\s*\2\.\3\.set\(\1\)/g;
/**
 * Grows a file's array to `size` bytes, keeping its `used` bytes: in place when it is resizable,
 * into a resizable one from 64 MB on (a view that tracks its buffer's length: MEMFS reads the
 * capacity from `length`), else by a copy as before. Web APIs refuse views of resizable buffers:
 * `storage.ts` writes such a file out in copied pieces.
 */
const GROW_FILE = `function lensGrowFile(old, used, size) {
  var buffer = old.buffer;
  if (buffer.resizable && old.byteOffset === 0 && size <= buffer.maxByteLength) {
    buffer.resize(size);
    return old;
  }
  var grown = null;
  if (size >= 67108864) {
    try {
      grown = new Uint8Array(new ArrayBuffer(size, { maxByteLength: Math.max(size, 4294967296) }));
    } catch (e) {}
  }
  grown = grown || new Uint8Array(size);
  grown.set(old.subarray(0, used));
  return grown;
}
`;
/** Where `export` is named on the Database class: `g.prototype["export"]=g.prototype.nc;`. */
const EXPORT_NAME = /([\w$]+)\.prototype\["export"\]=\1\.prototype\.[\w$]+;/g;
const TARGET = /[\\/]sql\.js[\\/]dist[\\/]sql-wasm(-browser)?\.js$/;

/** Rewrites the growth step of sql.js's MEMFS to doubling. */
export function patchGrowth(code, id = 'sql.js') {
  let found = 0;
  const out = code.replace(GROWTH, (_, v) => {
    found++;
    return `${v}*2`;
  });
  if (found !== 1) throw new Error(`${id}: expected one MEMFS growth step, found ${found}`);
  return out;
}

/** Makes MEMFS grow a file past 64 MB in place (see the file's comment). */
export function patchGrowInPlace(code, id = 'sql.js') {
  let found = 0;
  const out = code.replace(GROWTH_COPY, (_, old, node, contents, used, size) => {
    found++;
    return `${node}.${contents}=lensGrowFile(${node}.${contents},${node}.${used},${size})`;
  });
  if (found !== 1) throw new Error(`${id}: expected one MEMFS growth copy, found ${found}`);
  return GROW_FILE + out;
}

/** Adds `Database.prototype.fileView()` (see the file's comment) next to `export`. */
export function patchFileView(code, id = 'sql.js') {
  const file = EXPORT_FILE.exec(code);
  if (!file) throw new Error(`${id}: export() no longer looks its file up as expected`);
  const [, , lookup, contents, used] = file;
  let found = 0;
  const out = code.replace(EXPORT_NAME, (statement, cls) => {
    found++;
    return (
      `${statement}${cls}.prototype.fileView=function(){` +
      `if(!this.db)throw Error("Database closed");` +
      `var n=${lookup}(this.filename).node;` +
      `return new Uint8Array(n.${contents}.buffer,n.${contents}.byteOffset,n.${used})};`
    );
  });
  if (found !== 1) throw new Error(`${id}: expected one export() on Database, found ${found}`);
  return out;
}

/** All three patches. */
export function patchSqlJs(code, id = 'sql.js') {
  return patchFileView(patchGrowInPlace(patchGrowth(code, id), id), id);
}

/** @returns {import('vite').Plugin} */
export function sqljsPatches() {
  return {
    name: 'sqljs-patches',
    enforce: 'pre',
    transform(code, id) {
      if (!TARGET.test(id.split('?')[0])) return null;
      return { code: patchSqlJs(code, id), map: null };
    }
  };
}
