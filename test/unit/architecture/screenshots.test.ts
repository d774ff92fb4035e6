// The screenshots the e2e suite takes are the ones the docs show: every PNG in docs/screenshots is
// shown by some Markdown file (README.md, docs/**), and every screenshot a Markdown file shows exists.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const shots = join(root, 'docs/screenshots');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    return entry.isDirectory() ? markdownFiles(full) : entry.name.endsWith('.md') ? [full] : [];
  });
}

/** Every image or link target in a Markdown file that points into docs/screenshots, as a path from the root. */
function shown(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/\]\(([^)\s#]+\.png)\)/g)].map((match) => relative(root, resolve(dirname(file), match[1]!))).filter((path) => path.startsWith('docs/screenshots/'));
}

describe('screenshots in the docs', () => {
  const references = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs'))].flatMap((file) => shown(file).map((path) => ({ file: relative(root, file), path })));

  it('finds the references it checks (self-check)', () => {
    expect(references.length).toBeGreaterThan(4);
  });

  it('every screenshot is shown somewhere in the docs', () => {
    const files = readdirSync(shots).filter((name) => name.endsWith('.png')).map((name) => `docs/screenshots/${name}`);
    expect(files.filter((path) => !references.some((reference) => reference.path === path))).toEqual([]);
  });

  it('every screenshot the docs show exists', () => {
    expect(references.filter((reference) => !existsSync(join(root, reference.path))).map((reference) => `${reference.file}: ${reference.path}`)).toEqual([]);
  });
});
