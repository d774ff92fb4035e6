// Local change trigger: chokidar watches the sync folder; bursts of events (an editor's save is
// several) are debounced into one call, well within a second of the last change.
import { watch, type FSWatcher } from 'chokidar';
import { TEMP_PREFIX } from './names.ts';

export class SyncWatcher {
  private readonly watcher: FSWatcher;
  private timer: NodeJS.Timeout | null = null;

  constructor(root: string, debounceMs: number, onChange: () => void, onReady?: () => void) {
    this.watcher = watch(root, {
      ignoreInitial: true,
      // A link is not synced (discover-local): its target, often outside the folder, is not watched either.
      followSymlinks: false,
      // Our own temp files and the journal change during every run; they must not trigger another.
      ignored: (path: string) => path.includes(`/${TEMP_PREFIX}`) || /\/\.werkplek-journal/.test(path),
    });
    this.watcher.on('all', () => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(onChange, debounceMs);
    });
    if (onReady) this.watcher.once('ready', onReady);
    this.watcher.on('error', () => undefined); // an unreadable subfolder is reported by the scan, not here
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.watcher.close();
  }
}
