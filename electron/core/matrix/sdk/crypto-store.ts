// Where the notifier's end-to-end keys live. matrix-js-sdk's Rust crypto keeps its store in IndexedDB,
// which plain Node (the notifier's process, the CLI) lacks: it gets fake-indexeddb (in memory, a fresh
// instance per session), and this class makes that persistent: before initRustCrypto it restores the
// databases from one file in the notifier's data folder, after changes it writes them back. The file
// is AES-256-GCM with a key kept in the keyring (bound to the user and device), written atomically,
// mode 0600; the Rust store additionally encrypts its own values with a key derived from the same
// secret. See docs/architecture.md (Matrix) for why this and not SQLite or a plain in-memory store.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Keyring } from '../../secrets/keyring.ts';

export const cryptoKeyringName = 'matrix.crypto-store-key';
const magic = Buffer.from('WPKS1');
export const databasePrefix = 'werkplek-matrix';

interface IndexDump {
  name: string;
  keyPath: string | string[];
  unique: boolean;
  multiEntry: boolean;
}

interface ObjectStoreDump {
  name: string;
  keyPath: string | string[] | null;
  autoIncrement: boolean;
  indexes: IndexDump[];
  keys: IDBValidKey[];
  values: unknown[];
}

interface DatabaseDump {
  name: string;
  version: number;
  stores: ObjectStoreDump[];
}

const request = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });

export interface CryptoStoreKeys {
  /** Handed to initRustCrypto (`storageKey`): the Rust store encrypts its values with it. */
  storageKey: Uint8Array;
}

export class PersistentCryptoStore {
  private readonly file: string;
  private readonly keyring: Keyring;
  private readonly binding: string;
  private readonly log: (message: string) => void;
  readonly factory = new IDBFactory();
  private fileKey: Buffer | null = null;
  private lastDigest = '';
  private writing: Promise<void> = Promise.resolve();

  /** `binding` (user and device) is authenticated with the file: a snapshot of another device is never restored. */
  constructor(file: string, keyring: Keyring, binding: string, log: (message: string) => void) {
    this.file = file;
    this.keyring = keyring;
    this.binding = binding;
    this.log = log;
  }

  /** Makes this store's databases the ones IndexedDB users see (the Rust crypto opens them by name). */
  activate(): void {
    (globalThis as { indexedDB: IDBFactory }).indexedDB = this.factory;
  }

  /** Loads the keys from the keyring (creating them at first use) and restores the saved databases. */
  async open(): Promise<CryptoStoreKeys> {
    let secret = await this.keyring.get(cryptoKeyringName);
    if (!secret) {
      secret = randomBytes(32).toString('base64');
      await this.keyring.set(cryptoKeyringName, secret);
      rmSync(this.file, { force: true }); // a file without its key is unreadable: start clean
    }
    const master = Buffer.from(secret, 'base64');
    this.fileKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'werkplek matrix crypto snapshot', 32));
    const storageKey = new Uint8Array(hkdfSync('sha256', master, Buffer.alloc(0), 'werkplek matrix rust store', 32));
    const dumps = this.readFile();
    if (dumps) for (const dump of dumps) await this.restoreDatabase(dump);
    return { storageKey };
  }

  private readFile(): DatabaseDump[] | null {
    let data: Buffer;
    try {
      data = readFileSync(this.file);
    } catch {
      return null; // first start of this device
    }
    try {
      if (!data.subarray(0, magic.length).equals(magic)) throw new Error('not a crypto store file');
      const iv = data.subarray(magic.length, magic.length + 12);
      const tag = data.subarray(magic.length + 12, magic.length + 28);
      const decipher = createDecipheriv('aes-256-gcm', this.fileKey!, iv);
      decipher.setAAD(Buffer.from(this.binding));
      decipher.setAuthTag(tag);
      const plain = Buffer.concat([decipher.update(data.subarray(magic.length + 28)), decipher.final()]);
      this.lastDigest = createHash('sha256').update(plain).digest('hex');
      return deserialize(plain) as DatabaseDump[];
    } catch (error) {
      // Another device's file, a changed key or damage: keys cannot be recovered from it.
      this.log(`matrix: the saved encryption keys could not be read (${error instanceof Error ? error.message : String(error)}); this device starts without them`);
      return null;
    }
  }

  private async restoreDatabase(dump: DatabaseDump): Promise<void> {
    const open = this.factory.open(`${databasePrefix}${dump.name}`, dump.version);
    open.onupgradeneeded = () => {
      const db = open.result;
      for (const store of dump.stores) {
        const created = db.createObjectStore(store.name, { keyPath: store.keyPath, autoIncrement: store.autoIncrement });
        for (const index of store.indexes) created.createIndex(index.name, index.keyPath, { unique: index.unique, multiEntry: index.multiEntry });
      }
    };
    const db = await request(open);
    if (dump.stores.length) {
      const tx = db.transaction(dump.stores.map((s) => s.name), 'readwrite');
      for (const store of dump.stores) {
        const target = tx.objectStore(store.name);
        store.values.forEach((value, i) => void (store.keyPath === null ? target.put(value, store.keys[i]) : target.put(value)));
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('restoring the crypto store failed'));
      });
    }
    db.close();
  }

  private async dumpDatabase(name: string): Promise<DatabaseDump> {
    const db = await request(this.factory.open(name));
    try {
      const names = [...db.objectStoreNames];
      const stores: ObjectStoreDump[] = [];
      if (names.length) {
        const tx = db.transaction(names, 'readonly');
        for (const storeName of names) {
          const store = tx.objectStore(storeName);
          const indexes = [...store.indexNames].map((n) => {
            const index = store.index(n);
            return { name: n, keyPath: index.keyPath, unique: index.unique, multiEntry: index.multiEntry };
          });
          const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
          stores.push({ name: storeName, keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes, keys, values });
        }
      }
      return { name: name.slice(databasePrefix.length), version: db.version, stores };
    } finally {
      db.close();
    }
  }

  /** Writes the databases to the file when they changed since the last write (one write at a time). */
  save(): Promise<void> {
    this.writing = this.writing.then(() => this.saveNow()).catch((error: unknown) => this.log(`matrix: could not save the encryption keys: ${String(error)}`));
    return this.writing;
  }

  private async saveNow(): Promise<void> {
    if (!this.fileKey) return;
    const names = (await this.factory.databases()).map((d) => d.name!).filter((n) => n.startsWith(databasePrefix));
    const dumps: DatabaseDump[] = [];
    for (const name of names.sort()) dumps.push(await this.dumpDatabase(name));
    const plain = serialize(dumps);
    const digest = createHash('sha256').update(plain).digest('hex');
    if (digest === this.lastDigest) return;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.fileKey, iv);
    cipher.setAAD(Buffer.from(this.binding));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, Buffer.concat([magic, iv, cipher.getAuthTag(), body]), { mode: 0o600 });
    renameSync(temp, this.file);
    this.lastDigest = digest;
  }

  /** Sign-out: the file and its key go; nothing of this device's keys remains. */
  async wipe(): Promise<void> {
    await this.writing;
    this.fileKey = null;
    rmSync(this.file, { force: true });
    await this.keyring.delete(cryptoKeyringName);
    for (const db of await this.factory.databases()) if (db.name) this.factory.deleteDatabase(db.name);
  }
}
