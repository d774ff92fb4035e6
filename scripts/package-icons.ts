// Renders every icon PNG from its one SVG source with rsvg-convert (Debian: librsvg2-bin).
// The PNGs are committed, so packaging needs no SVG renderer; run this after editing an SVG.
//   node scripts/package-icons.ts
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

export const appIconSizes = [16, 24, 32, 48, 64, 128, 256, 512] as const;

function render(svg: string, size: number, out: string): void {
  execFileSync('rsvg-convert', ['--width', String(size), '--height', String(size), '--keep-aspect-ratio', '--output', out, svg], { stdio: 'inherit' });
}

if (import.meta.main) {
  try {
    execFileSync('rsvg-convert', ['--version'], { stdio: 'ignore' });
  } catch {
    console.error('rsvg-convert is missing: apt-get install -y librsvg2-bin');
    process.exit(1);
  }
  mkdirSync('assets/icons', { recursive: true });
  // electron-builder reads the size from the file name (NxN.png) for the hicolor theme folders.
  for (const size of appIconSizes) render('assets/icon.svg', size, `assets/icons/${size}x${size}.png`);
  // Electron picks name@2x.png on HiDPI panels by itself.
  for (const name of ['tray', 'tray-unread']) {
    render(`assets/tray/${name}.svg`, 22, `assets/tray/${name}.png`);
    render(`assets/tray/${name}.svg`, 44, `assets/tray/${name}@2x.png`);
  }
  console.log(`rendered ${appIconSizes.length} app icon sizes and 4 tray icons`);
}
