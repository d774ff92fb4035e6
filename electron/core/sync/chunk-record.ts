// The resume record of a chunked upload (chunked-upload.ts): one small JSON file per target under
// the pair's state folder. The server cannot give chunks back, so this record is the only truth
// about them: every chunk is written into it (number, offset, size) BEFORE its PUT starts, and its
// SHA-1 once the server stored it. So after a crash with several chunks in flight, each number the
// server may hold is in the record with its exact range: a resume sends those ranges again under
// the same numbers (replacing whatever half-stored copy is there) and only then plans new chunks
// after the last one. Writes go one after another (each a full snapshot, written beside and
// renamed over): a later snapshot never loses to an earlier one.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface RecordedChunk {
  n: number;
  offset: number;
  size: number;
  /** SHA-1 of the bytes the server stored; null: planned or in flight, not known to be stored. */
  sha1: string | null;
}

export interface UploadRecord {
  id: string;
  /** Server path of the target (relative to the files root). */
  target: string;
  size: number;
  mtimeMs: number;
  /** In offset order, numbers rising with the offset, covering 0..(end of the last) without gaps. */
  chunks: RecordedChunk[];
}

export class UploadRecords {
  private readonly dir: string;
  private writing: Promise<void> = Promise.resolve();

  constructor(dir: string) {
    this.dir = dir;
  }

  private file(target: string): string {
    return join(this.dir, `${createHash('sha1').update(target).digest('hex')}.json`);
  }

  /** The record for `target`, or null (none, or unreadable: then the upload starts afresh). */
  async load(target: string): Promise<UploadRecord | null> {
    try {
      const record = JSON.parse(await readFile(this.file(target), 'utf8')) as UploadRecord;
      // Records of earlier versions have only stored chunks (all with a SHA-1), one after another: still valid.
      return valid(record) ? record : null;
    } catch {
      return null;
    }
  }

  /** Writes a snapshot of `record` now, after any write still under way. */
  save(record: UploadRecord): Promise<void> {
    const snapshot = JSON.stringify(record);
    const file = this.file(record.target);
    const write = async (): Promise<void> => {
      await mkdir(this.dir, { recursive: true });
      const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(tmp, snapshot);
      await rename(tmp, file);
    };
    const done = this.writing.then(write);
    this.writing = done.catch(() => undefined);
    return done;
  }

  async forget(target: string): Promise<void> {
    await this.writing;
    await rm(this.file(target), { force: true });
  }
}

function valid(r: UploadRecord): boolean {
  if (typeof r?.id !== 'string' || typeof r.target !== 'string' || !Number.isSafeInteger(r.size) || !Array.isArray(r.chunks)) return false;
  let end = 0;
  let n = 0;
  for (const c of r.chunks) {
    if (c.offset !== end || !(c.n > n) || !(c.size > 0) || (c.sha1 !== null && typeof c.sha1 !== 'string')) return false;
    end += c.size;
    n = c.n;
  }
  return end <= r.size;
}
