// A Vite plugin that makes sql.js's in-memory file grow by doubling. Emscripten's MEMFS grows a file
// past 1 MB by 1.125× per step, copying the whole file each time: a 160 MB table costs ≈40 copies
// (≈1.3 GB of copying and as much garbage) while an import writes it. Doubling copies at most twice
// the file. Untouched capacity is zero pages the browser does not commit, so memory does not grow.
// Measured at 1M rows in Node: import 20.7 → 15.1 s. sql.js has no API for this (it exports
// neither FS nor sqlite3_file_control), hence the one-expression patch; an sql.js whose code no
// longer has the expression fails the build instead of silently losing it.

/** MEMFS's growth step in the minified builds: `m*(m<1048576?2:1.125)`. */
const GROWTH = /([\w$]+)\*\(\1<1048576\?2:1\.125\)/g;
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

/** @returns {import('vite').Plugin} */
export function sqljsFileGrowth() {
  return {
    name: 'sqljs-file-growth',
    enforce: 'pre',
    transform(code, id) {
      if (!TARGET.test(id.split('?')[0])) return null;
      return { code: patchGrowth(code, id), map: null };
    }
  };
}
