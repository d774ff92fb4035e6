// Which FreeRDP this computer has: `xfreerdp3` (FreeRDP 3) where present, else `xfreerdp` (FreeRDP 2,
// Debian's freerdp2-x11). Looked up on PATH like a shell would, without running a shell.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { FreeRdpDialect } from './rdp-arguments.ts';

export interface FreeRdpClient {
  path: string;
  dialect: FreeRdpDialect;
}

const candidates: Array<{ name: string; dialect: FreeRdpDialect }> = [
  { name: 'xfreerdp3', dialect: 3 },
  { name: 'xfreerdp', dialect: 2 },
];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function findFreeRdp(pathVariable: string = process.env.PATH ?? ''): FreeRdpClient | null {
  const dirs = pathVariable.split(delimiter).filter((dir) => dir.startsWith('/'));
  for (const { name, dialect } of candidates) {
    for (const dir of dirs) {
      const path = join(dir, name);
      if (executable(path)) return { path, dialect };
    }
  }
  return null;
}
