// The Linux integration files in build/ checked with the tools Debian ships for them: the AppArmor
// profile with apparmor_parser, the launcher and maintainer scripts with shellcheck, plus what
// electron-builder itself would trip over (its ${macro} expansion) and the committed icons.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appIconSizes } from '../../../scripts/package-icons.ts';

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const skip = (reason: string) => console.info(`skipped: ${reason}`);
const profile = 'build/apparmor/werkplek';
const scripts = ['build/linux/werkplek', 'build/linux/after-install.sh', 'build/linux/before-remove.sh', 'build/linux/after-remove.sh'];

function parseProfile(text: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'werkplek-apparmor-'));
  try {
    const file = join(dir, 'werkplek');
    writeFileSync(file, text);
    const result = spawnSync('apparmor_parser', ['-Q', file], { encoding: 'utf8' });
    return { status: result.status, output: result.stderr.split('\n').filter((line) => !line.startsWith('Cache read/write disabled')).join('\n').trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('AppArmor profile', () => {
  it('allows user namespaces to the installed binary only, unconfined otherwise', () => {
    const text = readFileSync(profile, 'utf8');
    expect(text).toMatch(/^abi <abi\/4\.0>,$/m);
    expect(text).toMatch(/^profile werkplek \/opt\/Werkplek\/werkplek flags=\(unconfined\) \{$/m);
    expect(text).toMatch(/^\s+userns,$/m);
    expect(text).toMatch(/include if exists <local\/werkplek>/);
  });

  it('parses with apparmor_parser -Q', () => {
    if (!has('apparmor_parser')) return skip('apparmor_parser missing (apt-get install -y apparmor)');
    expect(parseProfile('profile broken /x {\n  no_such_rule,\n}\n').status).not.toBe(0); // the parser really checks
    const text = readFileSync(profile, 'utf8');
    if (existsSync('/etc/apparmor.d/abi/4.0')) {
      const full = parseProfile(text);
      expect(full.output).toBe('');
      expect(full.status).toBe(0);
      return;
    }
    // AppArmor 3 (Debian 12, Ubuntu 22.04) has neither abi/4.0 nor the userns rule; the deb's
    // post-install skips the profile there. Everything else in it must still parse.
    skip('full profile: this AppArmor has no abi/4.0 (needs AppArmor 4, as on Ubuntu 24.04); parsed without the abi line and userns rule');
    const v3 = parseProfile(text.replace(/^abi <abi\/4\.0>,\n/m, '').replace(/^\s+userns,\n/m, ''));
    expect(v3.output).toBe('');
    expect(v3.status).toBe(0);
  });
});

describe('launcher and maintainer scripts', () => {
  it.each(scripts)('%s passes shellcheck', (file) => {
    if (!has('shellcheck')) return skip('shellcheck missing (apt-get install -y shellcheck)');
    const result = spawnSync('shellcheck', ['-s', 'bash', file], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.each(scripts)('%s never disables the Chromium sandbox', (file) => {
    const code = readFileSync(file, 'utf8').split('\n').filter((line) => !line.trim().startsWith('#'));
    expect(code.filter((line) => /no-sandbox|disable-setuid-sandbox/.test(line))).toEqual([]);
  });

  it('has no ${word} that electron-builder would expand (or reject) in the files it templates', () => {
    for (const file of ['build/linux/after-install.sh', 'build/linux/after-remove.sh', profile]) {
      expect(readFileSync(file, 'utf8').match(/\$\{[a-zA-Z]+\}/g), file).toBeNull();
    }
  });
});

describe('package metadata files', () => {
  const metainfo = 'build/linux/example.werkplek.Werkplek.metainfo.xml';

  it('the AppStream metainfo names the app id, desktop entry and current version', async () => {
    const { default: config } = await import('../../../build/electron-builder.config.ts');
    const xml = readFileSync(metainfo, 'utf8');
    const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
    expect(xml).toContain(`<id>${config.appId}</id>`);
    expect(metainfo).toBe(`build/linux/${config.appId}.metainfo.xml`);
    expect(xml).toContain('<launchable type="desktop-id">werkplek.desktop</launchable>');
    expect(xml).toMatch(new RegExp(`<release version="${version.replace(/\./g, '\\.')}"`));
  });

  it('the AppStream metainfo passes appstreamcli validate', () => {
    if (!has('appstreamcli')) return skip('appstreamcli missing (apt-get install -y appstream)');
    const result = spawnSync('appstreamcli', ['validate', '--no-net', metainfo], { encoding: 'utf8' });
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it('changelog.gz is the gzip of the changelog', () => {
    expect(gunzipSync(readFileSync('build/linux/changelog.gz')).toString()).toBe(readFileSync('build/linux/changelog', 'utf8'));
  });

  it('the changelog names the version in package.json', () => {
    const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
    expect(readFileSync('build/linux/changelog', 'utf8').split('\n')[0]).toBe(`werkplek (${version}) stable; urgency=medium`);
  });
});

describe('icons', () => {
  const pngSize = (file: string) => {
    const data = readFileSync(file);
    expect(data.subarray(1, 4).toString()).toBe('PNG');
    return [data.readUInt32BE(16), data.readUInt32BE(20)];
  };

  it.each(appIconSizes.map((size) => [size]))('assets/icons/%ix%i.png is rendered at its size', (size) => {
    expect(pngSize(`assets/icons/${size}x${size}.png`)).toEqual([size, size]);
  });

  it('has the tray icons at 22 px and 44 px (@2x)', () => {
    for (const name of ['tray', 'tray-unread']) {
      expect(pngSize(`assets/tray/${name}.png`)).toEqual([22, 22]);
      expect(pngSize(`assets/tray/${name}@2x.png`)).toEqual([44, 44]);
    }
  });
});
