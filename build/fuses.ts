// The Electron fuses Werkplek ships with (RELIABILITY.md "Fuses"). Every fuse is stated, and
// strictlyRequireAllFuses makes a fuse added by a future Electron fail the build until decided.
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

export const werkplekFuses = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would turn the signed binary into a general Node interpreter.
  [FuseV1Options.RunAsNode]: false,
  // Cookies encrypted with the OS keyring key, like safeStorage. One-way: never turn it off again.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS could preload code; note this also ignores NODE_EXTRA_CA_CERTS.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // No --inspect/--inspect-brk: a debugger port is remote code execution.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Validates app.asar against the hash in the binary (enforced on macOS/Windows; harmless on Linux).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Load the app only from app.asar, never from an app/ folder placed beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The shell UI is served from app://, so file:// needs no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  [FuseV1Options.WasmTrapHandlers]: true,
} satisfies FuseV1Config;
