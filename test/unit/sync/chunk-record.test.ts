// The resume record of a chunked upload: writes land in order, and only a record that describes
// chunks one after another (numbers rising with the offset, no gaps) is taken up again.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UploadRecords, type UploadRecord } from '../../../electron/core/sync/chunk-record.ts';

describe('UploadRecords', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'werkplek-chunk-record-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const base = (): UploadRecord => ({ id: 'werkplek-1', target: 'a/big.bin', size: 30, mtimeMs: 1, chunks: [] });

  it('keeps the last snapshot when saves are not awaited one by one', async () => {
    const records = new UploadRecords(dir);
    const record = base();
    const saves: Promise<void>[] = [];
    for (let n = 1; n <= 30; n++) {
      record.chunks.push({ n, offset: n - 1, size: 1, sha1: null });
      saves.push(records.save(record));
    }
    await Promise.all(saves);
    expect((await records.load('a/big.bin'))!.chunks).toHaveLength(30);
    expect(readdirSync(dir)).toHaveLength(1); // no temp files left
  });

  it('takes up records of the earlier format (stored chunks only, a chunkSize field)', async () => {
    const records = new UploadRecords(dir);
    await records.save(base());
    const file = join(dir, readdirSync(dir)[0]!);
    writeFileSync(file, JSON.stringify({ ...base(), chunkSize: 10, chunks: [{ n: 1, offset: 0, size: 10, sha1: 'aa' }, { n: 2, offset: 10, size: 10, sha1: 'bb' }] }));
    expect((await records.load('a/big.bin'))!.chunks.map((c) => c.n)).toEqual([1, 2]);
  });

  it('starts afresh from a record with a gap, numbers out of order, past the end, or unreadable', async () => {
    const records = new UploadRecords(dir);
    await records.save(base());
    const file = join(dir, readdirSync(dir)[0]!);
    const bad = [
      [{ n: 1, offset: 0, size: 10, sha1: 'aa' }, { n: 2, offset: 12, size: 10, sha1: null }],
      [{ n: 2, offset: 0, size: 10, sha1: 'aa' }, { n: 1, offset: 10, size: 10, sha1: null }],
      [{ n: 1, offset: 0, size: 40, sha1: 'aa' }],
      [{ n: 1, offset: 0, size: 0, sha1: 'aa' }],
    ];
    for (const chunks of bad) {
      writeFileSync(file, JSON.stringify({ ...base(), chunks }));
      expect(await records.load('a/big.bin'), JSON.stringify(chunks)).toBeNull();
    }
    writeFileSync(file, '{"id": "werkplek-1", "chunks": [');
    expect(await records.load('a/big.bin')).toBeNull();
    await records.forget('a/big.bin');
    expect(readdirSync(dir)).toEqual([]);
  });
});
