// Child process for benchmark d: the local scan of a big tree against an up-to-date journal,
// measured in a process of its own so its peak RSS is the scan's. Prints one JSON line.
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Journal } from '../../electron/core/sync/journal.ts';
import { discoverLocal } from '../../electron/core/sync/discover-local.ts';
import { DEFAULT_IGNORES, IgnoreList } from '../../electron/core/sync/names.ts';

const [mode, root, journalFile] = process.argv.slice(2) as [string, string, string];

if (mode === 'raw') {
  // The physical limit: readdir + lstat of every entry in a tight synchronous loop, nothing else.
  const t = performance.now();
  let n = 0;
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const st = lstatSync(join(dir, name));
      n++;
      if (st.isDirectory()) walk(join(dir, name));
    }
  };
  walk(root);
  console.log(JSON.stringify({ ms: performance.now() - t, entries: n, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
} else {
  const t = performance.now();
  const journal = new Journal(journalFile);
  const known = journal.all();
  const { entries } = await discoverLocal(root, { ignore: new IgnoreList(DEFAULT_IGNORES), excluded: [] });
  let changed = 0;
  for (const [path, e] of entries) {
    const j = known.get(path);
    if (!j || (e.type === 'file' && (j.localSize !== e.size || j.localMtimeMs !== e.mtimeMs))) changed++;
  }
  journal.close();
  console.log(JSON.stringify({ ms: performance.now() - t, entries: entries.size, changed, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}
