// A path inside the sync folder as the renderer names it: relative, '/'-separated, with no '.'
// or '..' step. The name alone proves nothing about links; callers check the real path too
// (local-fs.ts for the engine's own changes, linked-files.ts for opening).

/** Why `path` is not a plain relative path inside the sync folder; null when it is one. */
export function relativePathProblem(path: string): string | null {
  if (typeof path !== 'string' || path === '') return 'an empty path';
  if (path.length > 4096) return 'a path longer than 4096 characters';
  if (path.includes('\0')) return 'a path with a NUL character';
  if (path.startsWith('/')) return 'an absolute path';
  if (path.split('/').some((step) => step === '' || step === '.' || step === '..')) return 'a path with an empty, "." or ".." step';
  return null;
}
