// Builds the engine's options from a plain configuration, with the transfer seams filled in:
// Nextcloud chunked upload v2 for big files where the server announces it (chunked-upload.ts),
// and the bandwidth limits (throttle.ts). Used by the worker session and the CLI alike.
import { basename, dirname, extname, join } from 'node:path';
import { chunkedUploaderFor } from './chunked-upload.ts';
import type { SyncEngineOptions } from './engine.ts';
import { kibPerSecond, Throttle } from './throttle.ts';
import type { EngineConfig } from './worker-protocol.ts';
import { noWrap } from './transfer.ts';

/**
 * Resume records of chunked uploads, one folder per sync pair (per journal): two pairs of the same
 * account that upload to the same server path must never take up each other's half-sent upload.
 */
export const uploadStateDirFor = (journalFile: string): string =>
  join(dirname(journalFile), 'uploads', basename(journalFile, extname(journalFile)));

export function engineOptionsFrom(c: EngineConfig): SyncEngineOptions & { throttle: Throttle } {
  const throttle = new Throttle({ upBytesPerSecond: kibPerSecond(c.uploadLimitKiBps), downBytesPerSecond: kibPerSecond(c.downloadLimitKiBps) });
  // No limit: no extra stream stage at all (a changed limit restarts the engine with a new config).
  const wrap = c.uploadLimitKiBps > 0 || c.downloadLimitKiBps > 0 ? throttle.wrap : noWrap;
  return {
    localDir: c.localDir, server: c.server, journalFile: c.journalFile, parallel: c.parallel,
    deleteThreshold: c.deleteThreshold, excluded: c.excluded, excludeFile: c.excludeFile, pollIntervalSeconds: c.pollIntervalSeconds,
    freeSpaceReserveMiB: c.freeSpaceReserveMiB ?? null,
    wrap,
    uploaderFor: chunkedUploaderFor({ server: c.server, stateDir: uploadStateDirFor(c.journalFile), wrap }),
    throttle,
  };
}
