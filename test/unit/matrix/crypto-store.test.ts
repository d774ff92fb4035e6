// The notifier's crypto store file: IndexedDB databases (schema, indexes, binary values) survive a
// save and a restore into a fresh in-memory IndexedDB; the file is sealed (no plaintext, tampering
// or another device's file is refused, and nothing is restored); sign-out removes file and key.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cryptoKeyringName, databasePrefix, PersistentCryptoStore } from '../../../electron/core/matrix/sdk/crypto-store.ts';
import { MemoryKeyring } from '../../../electron/core/secrets/keyring.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const req = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));

async function seed(store: PersistentCryptoStore): Promise<void> {
  const open = store.factory.open(`${databasePrefix}::matrix-sdk-crypto`, 3);
  open.onupgradeneeded = () => {
    const sessions = open.result.createObjectStore('inbound_group_sessions', { keyPath: 'id' });
    sessions.createIndex('backup', 'needsBackup', { unique: false });
    open.result.createObjectStore('core');
  };
  const db = await req(open);
  const tx = db.transaction(['inbound_group_sessions', 'core'], 'readwrite');
  tx.objectStore('inbound_group_sessions').put({ id: 's1', needsBackup: 1, pickle: new Uint8Array([1, 2, 3, 250]) });
  tx.objectStore('core').put('secret-olm-account-pickle', 'account');
  await new Promise((resolve) => (tx.oncomplete = resolve));
  db.close();
}

function setUp(binding = '@alice:x|DEVICE') {
  const dir = mkdtempSync(join(tmpdir(), 'werkplek-crypto-'));
  dirs.push(dir);
  const keyring = new MemoryKeyring();
  const file = join(dir, 'matrix', 'crypto-store.bin');
  const logs: string[] = [];
  const make = (b = binding) => new PersistentCryptoStore(file, keyring, b, (m) => logs.push(m));
  return { file, keyring, logs, make };
}

describe('PersistentCryptoStore', () => {
  it('restores schema, indexes and binary values into a fresh IndexedDB; the file holds no plaintext', async () => {
    const { file, make } = setUp();
    const first = make();
    const { storageKey } = await first.open();
    await seed(first);
    await first.save();
    expect(readFileSync(file).includes('secret-olm-account-pickle')).toBe(false);

    const second = make();
    const again = await second.open();
    expect([...again.storageKey]).toEqual([...storageKey]);
    const db = await req(second.factory.open(`${databasePrefix}::matrix-sdk-crypto`));
    expect(db.version).toBe(3);
    const tx = db.transaction(['inbound_group_sessions', 'core']);
    const session = await req(tx.objectStore('inbound_group_sessions').index('backup').get(1));
    expect(session).toEqual({ id: 's1', needsBackup: 1, pickle: new Uint8Array([1, 2, 3, 250]) });
    expect(await req(tx.objectStore('core').get('account'))).toBe('secret-olm-account-pickle');
    db.close();
  });

  it("another device's file, or a tampered one, is refused and nothing is restored", async () => {
    const { file, make, logs } = setUp();
    const first = make();
    await first.open();
    await seed(first);
    await first.save();
    const other = make('@alice:x|OTHERDEVICE');
    await other.open();
    expect(await other.factory.databases()).toEqual([]);
    expect(logs.join('\n')).toContain('could not be read');
    const bytes = readFileSync(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
    writeFileSync(file, bytes);
    const tampered = make();
    await tampered.open();
    expect(await tampered.factory.databases()).toEqual([]);
  });

  it('wipe removes the file and the key from the keyring', async () => {
    const { file, keyring, make } = setUp();
    const store = make();
    await store.open();
    await seed(store);
    await store.save();
    expect(existsSync(file)).toBe(true);
    await store.wipe();
    expect(existsSync(file)).toBe(false);
    expect(await keyring.get(cryptoKeyringName)).toBeNull();
  });
});
