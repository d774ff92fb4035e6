// Secrets in the app: encrypted with Electron safeStorage (the OS keyring: libsecret/kwallet),
// stored as ciphertext in secrets.json. Refuses to store anything when only the plain-text
// fallback ("basic_text") would protect it.
import { safeStorage, app } from 'electron';
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Keyring } from '../core/secrets/keyring.ts';

export class SafeStorageKeyring implements Keyring {
  private readonly file = join(app.getPath('userData'), 'secrets.json');

  private read(): Record<string, string> {
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  private write(all: Record<string, string>): void {
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify(all), { mode: 0o600 });
    renameSync(temp, this.file);
  }

  async get(name: string): Promise<string | null> {
    const sealed = this.read()[name];
    if (!sealed || !safeStorage.isEncryptionAvailable()) return null;
    return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
  }

  async set(name: string, secret: string): Promise<void> {
    if (!safeStorage.isEncryptionAvailable() || safeStorage.getSelectedStorageBackend() === 'basic_text') {
      throw new Error('No OS keyring is available (install and unlock GNOME Keyring or KWallet); Werkplek will not store the secret unencrypted.');
    }
    this.write({ ...this.read(), [name]: safeStorage.encryptString(secret).toString('base64') });
  }

  async delete(name: string): Promise<void> {
    const { [name]: _removed, ...rest } = this.read();
    this.write(rest);
  }
}
