// Where the user's own setting values live. Electron uses electron-store (electron/main); the
// preview host, CLI and tests use this JSON file store with the same shape.
import { mkdirSync, readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SettingsStore {
  read(): Record<string, unknown>;
  write(values: Record<string, unknown>): void;
}

export class JsonFileSettingsStore implements SettingsStore {
  private readonly file: string;
  constructor(file: string) {
    this.file = file;
  }

  read(): Record<string, unknown> {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }

  write(values: Record<string, unknown>): void {
    // Write to a temp file and rename, so a crash mid-write never leaves half a settings file.
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp-${process.pid}`;
    writeFileSync(temp, `${JSON.stringify(values, null, 2)}\n`, { mode: 0o600 });
    const fd = openSync(temp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.file);
  }
}

export class MemorySettingsStore implements SettingsStore {
  private values: Record<string, unknown> = {};
  read(): Record<string, unknown> {
    return structuredClone(this.values);
  }
  write(values: Record<string, unknown>): void {
    this.values = structuredClone(values);
  }
}
