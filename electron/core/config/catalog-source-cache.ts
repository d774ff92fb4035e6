// The last good app list from the catalog source, with its icons, on disk: the sidebar is complete
// at start-up and without network, and a broken answer later never empties it. One file, written
// atomically; read back through its schema (a damaged file is no list, not a crash).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const cachedEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  group: z.string(),
  iconUrl: z.string().nullable(),
  /** The icon as a data: URL, fetched once per icon URL. */
  icon: z.string().startsWith('data:image/').nullable(),
});
export type CachedEntry = z.infer<typeof cachedEntrySchema>;

const cachedListSchema = z.object({
  version: z.literal(1),
  /** The source it came from: a list of another source is not used. */
  sourceUrl: z.string(),
  language: z.enum(['nl', 'en']),
  fetchedAt: z.string(),
  /** How many entries of that answer were left out (portal-navigation.ts). */
  dropped: z.number().int().min(0),
  entries: z.array(cachedEntrySchema),
});
export type CachedList = z.infer<typeof cachedListSchema>;

export class CatalogSourceCache {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'catalog-source', 'navigation.json');
  }

  read(): CachedList | null {
    try {
      const parsed = cachedListSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** Writes the list (temp file + rename); a failure only costs the next offline start, so it is returned, not thrown. */
  write(list: CachedList): string | null {
    try {
      mkdirSync(join(this.file, '..'), { recursive: true, mode: 0o700 });
      const temp = `${this.file}.tmp-${process.pid}`;
      writeFileSync(temp, JSON.stringify(list), { mode: 0o600 });
      renameSync(temp, this.file);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }
}
