// FakeFolder-shaped harness (Nextcloud's test shape) over a real WebDAV server: a temp local
// folder, a real SQLite journal, a trash in a temp XDG_DATA_HOME, remote edits made over WebDAV,
// and trees of both sides to compare. Every byte of user data is checked, not just names.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createClient, type WebDAVClient } from 'webdav';
import { SyncEngine, type RunSummary, type SyncEngineOptions } from '../../../electron/core/sync/engine.ts';
import { moveToTrash } from '../../../electron/core/sync/trash.ts';
import type { WebdavServerHandle } from '../../fixtures/servers/index.ts';

export type Tree = Record<string, string>;

const isOwn = (name: string): boolean => name.startsWith('.werkplek-');

/** path → sha1 of content for files, 'dir' for folders; our own journal and temp files left out. */
export function readTree(root: string, rel = '', out: Tree = {}): Tree {
  for (const name of readdirSync(join(root, rel))) {
    if (isOwn(name)) continue;
    const path = rel ? `${rel}/${name}` : name;
    const st = statSync(join(root, path));
    if (st.isDirectory()) {
      out[path.normalize('NFC')] = 'dir';
      readTree(root, path, out);
    } else out[path.normalize('NFC')] = createHash('sha1').update(readFileSync(join(root, path))).digest('hex').slice(0, 12);
  }
  return out;
}

export class SyncFixture {
  readonly server: WebdavServerHandle;
  readonly localDir: string;
  readonly stateDir: string;
  readonly trashHome: string;
  readonly remote: WebDAVClient;
  engine: SyncEngine;
  private readonly base: string;
  private readonly overrides: Partial<SyncEngineOptions>;

  private constructor(server: WebdavServerHandle, overrides: Partial<SyncEngineOptions>) {
    this.server = server;
    this.overrides = overrides;
    this.base = mkdtempSync(join(tmpdir(), 'werkplek-sync-'));
    this.localDir = join(this.base, 'local');
    this.stateDir = join(this.base, 'state');
    this.trashHome = join(this.base, 'xdg-data');
    mkdirSync(this.localDir);
    this.remote = createClient(server.url, { username: server.user, password: server.password });
    this.engine = this.makeEngine();
  }

  static async start(server: WebdavServerHandle, overrides: Partial<SyncEngineOptions> = {}): Promise<SyncFixture> {
    return new SyncFixture(server, overrides);
  }

  private makeEngine(): SyncEngine {
    return new SyncEngine({
      localDir: this.localDir,
      server: { url: this.server.url, user: this.server.user, password: this.server.password },
      journalFile: join(this.stateDir, 'journal.sqlite'),
      trash: (path) => moveToTrash(path, { env: { XDG_DATA_HOME: this.trashHome } }),
      ...this.overrides,
    });
  }

  /** A fresh engine on the same journal, as after a restart. */
  async restart(): Promise<void> {
    await this.engine.close();
    this.engine = this.makeEngine();
  }

  sync(): Promise<RunSummary> {
    return this.engine.syncNow();
  }

  /** Sync until nothing is left to do (at most `max` runs); fails on item errors. */
  async syncUntilStable(max = 4): Promise<RunSummary[]> {
    const runs: RunSummary[] = [];
    for (let i = 0; i < max; i++) {
      const run = await this.sync();
      runs.push(run);
      if (run.errors.length || run.outcome !== 'ok') return runs;
      if (Object.keys(run.actions).length === 0) return runs;
    }
    return runs;
  }

  writeLocal(path: string, content: string | Buffer): void {
    mkdirSync(dirname(join(this.localDir, path)), { recursive: true });
    writeFileSync(join(this.localDir, path), content);
  }

  readLocal(path: string): string {
    return readFileSync(join(this.localDir, path), 'utf8');
  }

  async writeRemote(path: string, content: string | Buffer): Promise<void> {
    const parts = path.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const dir = `/${parts.slice(0, i).join('/')}`;
      if (!(await this.remote.exists(dir))) await this.remote.createDirectory(dir);
    }
    await this.remote.putFileContents(`/${path}`, content, { overwrite: true });
  }

  async readRemote(path: string): Promise<string> {
    return (await this.remote.getFileContents(`/${path}`, { format: 'text' })) as string;
  }

  localTree(): Tree {
    return readTree(this.localDir);
  }

  remoteTree(): Tree {
    return readTree(this.server.dataDir);
  }

  /** Names (NFC) of everything in the trash's files/ folder. */
  trashed(): string[] {
    try {
      return readdirSync(join(this.trashHome, 'Trash', 'files')).map((n) => n.normalize('NFC'));
    } catch {
      return [];
    }
  }

  async close(): Promise<void> {
    await this.engine.close();
    rmSync(this.base, { recursive: true, force: true });
  }
}
