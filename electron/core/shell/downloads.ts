// The downloads list: every download (Electron's DownloadItem or the preview's own fetch) is
// placed by the same rules (sanitised name, inside the downloads folder, never overwriting),
// reported to the UI with throttled progress, and can be cancelled, opened or shown in its folder.
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Download } from '../bridge/contract-shell.ts';
import type { EventHub } from '../bridge/event-hub.ts';
import type { SettingsService } from '../config/settings-service.ts';
import type { Log } from '../context.ts';
import { partialDownloadPath, resolveDownloadsDir, sanitizeDownloadName, uniqueDownloadPath } from './download-names.ts';
import { fileNameFromDisposition, fileNameFromUrl } from './content-disposition.ts';

export interface DownloadsOptions {
  settings: SettingsService;
  hub: EventHub;
  log: Log;
  /** The system's downloads folder (Electron: app.getPath('downloads')). */
  systemDownloads?: string;
  home?: string;
  /** Progress events at most this often (ms). */
  throttleMs?: number;
}

const keep = 50;

export class DownloadsService {
  private readonly entries = new Map<string, Download>();
  private readonly cancels = new Map<string, () => void>();
  private readonly options: DownloadsOptions;
  private emitTimer: ReturnType<typeof setTimeout> | null = null;
  private lastEmit = 0;

  constructor(options: DownloadsOptions) {
    this.options = options;
  }

  list(): Download[] {
    return [...this.entries.values()].sort((a, b) => b.startedAt - a.startedAt);
  }

  folder(): string {
    const home = this.options.home ?? homedir();
    return resolveDownloadsDir(this.options.settings.get('shell.downloadsDir'), this.options.systemDownloads ?? join(home, 'Downloads'), home);
  }

  /** The full path a suggested name will be saved to (the folder is created if needed). */
  target(suggestedName: string): string {
    const dir = this.folder();
    mkdirSync(dir, { recursive: true });
    const taken = new Set([...this.entries.values()].filter((entry) => entry.state === 'progressing').map((entry) => entry.path));
    return uniqueDownloadPath(dir, sanitizeDownloadName(suggestedName), (path) => taken.has(path) || existsSync(path) || existsSync(partialDownloadPath(path)));
  }

  begin(input: { appId: string | null; url: string; path: string; totalBytes: number; cancel: () => void }): Download {
    const id = randomUUID();
    const entry: Download = { id, appId: input.appId, url: input.url, fileName: input.path.split('/').pop() ?? input.path, path: input.path, receivedBytes: 0, totalBytes: Math.max(0, Math.floor(input.totalBytes)), state: 'progressing', error: null, startedAt: Date.now() };
    this.entries.set(id, entry);
    this.cancels.set(id, input.cancel);
    this.prune();
    this.emit(true);
    return { ...entry };
  }

  progress(id: string, receivedBytes: number, totalBytes: number): void {
    const entry = this.entries.get(id);
    if (!entry || entry.state !== 'progressing') return;
    entry.receivedBytes = Math.max(0, Math.floor(receivedBytes));
    entry.totalBytes = Math.max(0, Math.floor(totalBytes));
    this.emit(false);
  }

  finish(id: string, state: Exclude<Download['state'], 'progressing'>, error: string | null = null): void {
    const entry = this.entries.get(id);
    if (!entry || entry.state !== 'progressing') return;
    entry.state = state;
    entry.error = error;
    if (state === 'completed' && entry.totalBytes === 0) entry.totalBytes = entry.receivedBytes;
    this.cancels.delete(id);
    this.emit(true);
  }

  cancel(id: string): void {
    const cancel = this.cancels.get(id);
    if (!cancel) throw new Error('that download is no longer running');
    cancel();
    this.finish(id, 'cancelled');
  }

  remove(id: string): void {
    const entry = this.require(id);
    if (entry.state === 'progressing') throw new Error('cancel the download before removing it from the list');
    this.entries.delete(id);
    this.emit(true);
  }

  require(id: string): Download {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`no download "${id}"`);
    return entry;
  }

  /**
   * Download with Node's fetch (the preview host, which cannot see its iframes' downloads). The
   * caller has checked that the URL belongs to the app; redirects are followed only while they
   * stay acceptable to `allowed`. Written to `<name>.part` (partialDownloadPath), renamed when complete.
   */
  async fetchInto(appId: string, url: string, allowed: (url: string) => boolean): Promise<Download> {
    const controller = new AbortController();
    // Redirects are followed by hand so that every hop is checked before it is requested.
    let current = url;
    let response = await fetch(current, { signal: controller.signal, redirect: 'manual' });
    for (let hops = 0; response.status >= 300 && response.status < 400 && response.headers.has('location'); hops++) {
      const next = new URL(response.headers.get('location')!, current).href;
      await response.body?.cancel();
      if (hops >= 10) throw new Error('too many redirects');
      if (!allowed(next)) throw new Error(`the download was redirected outside the app (${next})`);
      current = next;
      response = await fetch(current, { signal: controller.signal, redirect: 'manual' });
    }
    if (!response.ok || !response.body) {
      controller.abort();
      throw new Error(`the server answered ${response.status} ${response.statusText}`);
    }
    const name = fileNameFromDisposition(response.headers.get('content-disposition')) ?? fileNameFromUrl(current) ?? 'download';
    const path = this.target(name);
    const partial = partialDownloadPath(path);
    const total = Number(response.headers.get('content-length') ?? 0) || 0;
    const entry = this.begin({ appId, url, path, totalBytes: total, cancel: () => controller.abort() });
    let received = 0;
    const counter = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        received += chunk.length;
        this.progress(entry.id, received, total);
        done(null, chunk);
      },
    });
    const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    void pipeline(body, counter, createWriteStream(partial, { flags: 'wx', mode: 0o644 }))
      .then(() => {
        renameSync(partial, path);
        this.finish(entry.id, 'completed');
      })
      .catch((error: unknown) => {
        rmSync(partial, { force: true });
        if (controller.signal.aborted) this.finish(entry.id, 'cancelled');
        else {
          this.options.log.warn(`download of ${url} failed`, error);
          this.finish(entry.id, 'interrupted', error instanceof Error ? error.message : String(error));
        }
      });
    return entry;
  }

  /** Cancel everything still running (quit). */
  close(): void {
    for (const id of [...this.cancels.keys()]) this.cancel(id);
    if (this.emitTimer) clearTimeout(this.emitTimer);
  }

  private prune(): void {
    const finished = this.list().filter((entry) => entry.state !== 'progressing');
    for (const entry of finished.slice(keep)) this.entries.delete(entry.id);
  }

  private emit(now: boolean): void {
    const throttle = this.options.throttleMs ?? 250;
    const send = () => {
      this.emitTimer = null;
      this.lastEmit = Date.now();
      this.options.hub.emit('shell.downloads', this.list());
    };
    if (now || Date.now() - this.lastEmit >= throttle) {
      if (this.emitTimer) clearTimeout(this.emitTimer);
      send();
    } else if (!this.emitTimer) {
      this.emitTimer = setTimeout(send, throttle - (Date.now() - this.lastEmit));
    }
  }
}
