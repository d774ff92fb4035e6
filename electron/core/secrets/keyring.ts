// Where secrets (app passwords, access tokens) are kept. In the app: Electron safeStorage, i.e. the
// OS keyring (electron/main/safe-storage-keyring.ts). The CLI and preview host take secrets from the
// environment or keep them only in memory: they never write a secret in plain text.

export interface Keyring {
  get(name: string): Promise<string | null>;
  set(name: string, secret: string): Promise<void>;
  delete(name: string): Promise<void>;
}

export class MemoryKeyring implements Keyring {
  private readonly secrets = new Map<string, string>();
  async get(name: string): Promise<string | null> {
    return this.secrets.get(name) ?? null;
  }
  async set(name: string, secret: string): Promise<void> {
    this.secrets.set(name, secret);
  }
  async delete(name: string): Promise<void> {
    this.secrets.delete(name);
  }
}
