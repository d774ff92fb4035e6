// The afterPack hook flips Electron's fuses as build/fuses.ts says, on a fake binary that carries
// the fuse sentinel (RELIABILITY.md §Fuses), and refuses binaries it cannot fully configure.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import { afterPack } from '../../../build/after-pack.ts';
import { werkplekFuses } from '../../../build/fuses.ts';
import { standInBinary } from '../../../scripts/package-stand-in.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'werkplek-fuses-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const fuse = (wire: Awaited<ReturnType<typeof getCurrentFuseWire>>, option: FuseV1Options) => String.fromCharCode(Number(wire[option]));

/** An unpacked app folder: the fake binary plus the launcher afterPack expects. */
function appOutDir(binary: Buffer): string {
  const out = join(dir, 'linux-unpacked');
  mkdirSync(join(out, 'bin'), { recursive: true });
  writeFileSync(join(out, 'werkplek'), binary);
  writeFileSync(join(out, 'bin/werkplek'), '#!/bin/sh\n');
  return out;
}

describe('fuses', () => {
  it('states all nine V1 fuses, as strictlyRequireAllFuses demands', () => {
    const stated = Object.keys(werkplekFuses).filter((key) => /^\d+$/.test(key)).map(Number).sort();
    expect(stated).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(werkplekFuses.strictlyRequireAllFuses).toBe(true);
  });

  it('afterPack flips the fake binary from Electron defaults to the Werkplek settings', async () => {
    const out = appOutDir(standInBinary());
    const before = await getCurrentFuseWire(join(out, 'werkplek'));
    expect(fuse(before, FuseV1Options.RunAsNode)).toBe('1');
    await afterPack({ appOutDir: out, electronPlatformName: 'linux', packager: { projectDir: process.cwd() } }, { bundleCli: false });
    const after = await getCurrentFuseWire(join(out, 'werkplek'));
    expect(fuse(after, FuseV1Options.RunAsNode)).toBe('0');
    expect(fuse(after, FuseV1Options.EnableCookieEncryption)).toBe('1');
    expect(fuse(after, FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0');
    expect(fuse(after, FuseV1Options.EnableNodeCliInspectArguments)).toBe('0');
    expect(fuse(after, FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('1');
    expect(fuse(after, FuseV1Options.OnlyLoadAppFromAsar)).toBe('1');
    expect(fuse(after, FuseV1Options.LoadBrowserProcessSpecificV8Snapshot)).toBe('0');
    expect(fuse(after, FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe('0');
    expect(fuse(after, FuseV1Options.WasmTrapHandlers)).toBe('1');
  });

  it('fails the build on an Electron with a fuse Werkplek has not decided on', async () => {
    const out = appOutDir(standInBinary('1011000110'));
    await expect(afterPack({ appOutDir: out, electronPlatformName: 'linux', packager: { projectDir: process.cwd() } }, { bundleCli: false })).rejects.toThrow(/strictlyRequireAllFuses/);
  });

  it('fails the build on a binary without a fuse wire', async () => {
    const out = appOutDir(Buffer.from('#!/bin/sh\nexit 0\n'));
    await expect(afterPack({ appOutDir: out, electronPlatformName: 'linux', packager: { projectDir: process.cwd() } }, { bundleCli: false })).rejects.toThrow(/sentinel/);
  });

  it('fails the build when the launcher is missing, and for other platforms', async () => {
    const out = appOutDir(standInBinary());
    rmSync(join(out, 'bin/werkplek'));
    await expect(afterPack({ appOutDir: out, electronPlatformName: 'linux', packager: { projectDir: process.cwd() } }, { bundleCli: false })).rejects.toThrow(/launcher/);
    await expect(afterPack({ appOutDir: out, electronPlatformName: 'win32', packager: { projectDir: process.cwd() } })).rejects.toThrow(/Linux only/);
  });
});
