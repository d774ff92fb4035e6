// A small download (most files of a tree) written in one go: its body is gathered in memory, then
// the temp file is created (O_EXCL), written, given the server's time and fstat'ed by synchronous
// calls, which take microseconds each, less than a thread-pool round trip; only the fsync, which
// waits for the disk, goes to the thread pool. The streaming path took eight round trips per file
// (open, write, fsync, close, lutimes and the lstat after the rename), which made most of the
// distance to the raw limit in bench g.
import { closeSync, constants, fstatSync, fsync, futimesSync, openSync, writeSync, type Stats } from 'node:fs';
import { promisify } from 'node:util';

/** Bodies up to this size are gathered in memory; a cut-off one is fetched whole again (no resume). */
export const SMALL_DOWNLOAD = 64 * 1024;

const fsyncFd = promisify(fsync);
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;

/**
 * Writes `chunks` into the new file `tempPath` (never an existing name or a link: O_EXCL), sets its
 * modification time, fsyncs it, and returns its stat as it will be once renamed into place.
 */
export async function writeSmallTemp(tempPath: string, chunks: readonly Buffer[], mtime: Date | null): Promise<Stats> {
  const fd = openSync(tempPath, CREATE_NEW, 0o644);
  try {
    for (const chunk of chunks) {
      for (let at = 0; at < chunk.length;) at += writeSync(fd, chunk, at);
    }
    if (mtime) futimesSync(fd, new Date(), mtime);
    await fsyncFd(fd);
    return fstatSync(fd);
  } finally {
    closeSync(fd);
  }
}
