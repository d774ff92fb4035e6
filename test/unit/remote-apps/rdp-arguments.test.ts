// FreeRDP's command line for a remote-app entry, as a table: what each policy value becomes in
// FreeRDP 2 and 3, and hostile values (a host with spaces, a leading / + -, line breaks, commas)
// refused with the reason instead of passed on.
import { describe, expect, it } from 'vitest';
import { RdpArgumentError, rdpArguments, type RemoteAppEntry, type RdpArgumentOptions } from '../../../electron/core/remote-apps/rdp-arguments.ts';
import { appDefinitionSchema } from '../../../electron/core/config/catalog-schema.ts';

const entry = (url: string, rdp: Record<string, unknown> | undefined, extra: Partial<RemoteAppEntry> = {}): RemoteAppEntry => {
  const parsed = appDefinitionSchema.safeParse({ id: 'boekhouding', name: 'Boekhouding', kind: 'remote-app', url, ...(rdp ? { rdp } : {}) });
  // Values the schema itself refuses (wrong types) never reach the builder; rules are the builder's.
  return { ...(parsed.success ? parsed.data : { id: 'boekhouding', name: 'Boekhouding', kind: 'remote-app', url, rdp: rdp as RemoteAppEntry['rdp'] }), ...extra };
};
const password: RdpArgumentOptions = { dialect: 2, username: 'jan', passwordFromStdin: true };
const tail = ['+clipboard', '/sound', '/wm-class:werkplek-boekhouding', '/log-level:WARN'];

describe('rdpArguments: what the catalog entry becomes', () => {
  const cases: Array<{ name: string; url: string; rdp?: Record<string, unknown>; options?: Partial<RdpArgumentOptions>; args: string[] }> = [
    { name: 'a full desktop, password from stdin', url: 'rdp://rds.gemeente.nl', args: ['/v:rds.gemeente.nl', '/u:jan', '/from-stdin:force', '/t:Boekhouding', '/dynamic-resolution', ...tail] },
    { name: 'a port', url: 'rdp://rds.gemeente.nl:3390', args: ['/v:rds.gemeente.nl', '/port:3390', '/u:jan', '/from-stdin:force', '/t:Boekhouding', '/dynamic-resolution', ...tail] },
    { name: 'a RemoteApp alias with domain (FreeRDP 2)', url: 'rdp://rds.gemeente.nl', rdp: { program: '||Boekhouding', domain: 'GEMEENTE' }, args: ['/v:rds.gemeente.nl', '/u:jan', '/d:GEMEENTE', '/from-stdin:force', '/app:||Boekhouding', ...tail] },
    { name: 'a RemoteApp alias (FreeRDP 3)', url: 'rdp://rds.gemeente.nl', rdp: { program: '||Boekhouding' }, options: { dialect: 3 }, args: ['/v:rds.gemeente.nl', '/u:jan', '/from-stdin:force', '/app:program:||Boekhouding', ...tail] },
    { name: 'a program path with spaces stays one argument', url: 'rdp://rds.gemeente.nl', rdp: { program: 'C:\\Program Files\\Zaak\\zaak.exe' }, args: ['/v:rds.gemeente.nl', '/u:jan', '/from-stdin:force', '/app:C:\\Program Files\\Zaak\\zaak.exe', ...tail] },
    { name: 'a gateway (FreeRDP 2): same sign-in, no /gu or /gp', url: 'rdp://rds.gemeente.nl', rdp: { program: '||Zaak', gateway: { host: 'gw.gemeente.nl', port: 8443, transport: 'http' } }, args: ['/v:rds.gemeente.nl', '/u:jan', '/from-stdin:force', '/g:gw.gemeente.nl:8443', '/gt:http', '/app:||Zaak', ...tail] },
    { name: 'a gateway (FreeRDP 3)', url: 'rdp://rds.gemeente.nl', rdp: { program: '||Zaak', gateway: { host: 'gw.gemeente.nl', transport: 'auto' } }, options: { dialect: 3 }, args: ['/v:rds.gemeente.nl', '/u:jan', '/from-stdin:force', '/gateway:g:gw.gemeente.nl,type:auto', '/app:program:||Zaak', ...tail] },
    { name: 'single sign-on: no user, nothing from stdin', url: 'rdp://rds.gemeente.nl', rdp: { signIn: 'sso', program: '||Zaak' }, options: { dialect: 3, username: null, passwordFromStdin: false }, args: ['/v:rds.gemeente.nl', '/app:program:||Zaak', ...tail] },
    {
      name: 'options: fingerprint, security, full screen, no clipboard or sound, home drive',
      url: 'rdp://rds.gemeente.nl',
      rdp: { certificateFingerprint: 'AB'.repeat(32), security: 'nla', fullscreen: true, multimon: true, clipboard: false, audio: false, homeDrive: true },
      args: ['/v:rds.gemeente.nl', '/u:jan', '/from-stdin:force', '/t:Boekhouding', '/sec:nla', `/cert:fingerprint:sha256:${Array(32).fill('ab').join(':')}`, '/f', '/dynamic-resolution', '/multimon', '-clipboard', '+home-drive', '/wm-class:werkplek-boekhouding', '/log-level:WARN'],
    },
    { name: 'auth-only (checks and tests)', url: 'rdp://127.0.0.1:33899', options: { authOnly: true }, args: ['/v:127.0.0.1', '/port:33899', '/u:jan', '/from-stdin:force', '/t:Boekhouding', '/dynamic-resolution', ...tail, '+auth-only'] },
  ];
  it.each(cases)('$name', ({ url, rdp, options, args }) => {
    expect(rdpArguments(entry(url, rdp), { ...password, ...options })).toEqual(args);
  });

  it('never puts a password on the command line', () => {
    const args = rdpArguments(entry('rdp://rds.gemeente.nl', { gateway: { host: 'gw.gemeente.nl' } }), password);
    expect(args.some((arg) => /^\/(p|gp):/.test(arg) || arg.includes(',p:'))).toBe(false);
  });
});

describe('rdpArguments: hostile values are refused, never passed on', () => {
  const hostile: Array<{ name: string; url?: string; rdp?: Record<string, unknown>; options?: Partial<RdpArgumentOptions>; extra?: Partial<RemoteAppEntry>; path: string }> = [
    { name: 'a host with spaces', url: 'rdp://rds gemeente.nl', path: 'url' },
    { name: 'a host starting with -', url: 'rdp://-rds.gemeente.nl', path: 'url' },
    { name: 'an escaped space in the host', url: 'rdp://rds%20x.nl', path: 'url' },
    { name: 'a password in the url', url: 'rdp://jan:geheim@rds.gemeente.nl', path: 'url' },
    { name: 'a path after the host', url: 'rdp://rds.gemeente.nl/%2Fp:x', path: 'url' },
    { name: 'another scheme', url: 'https://rds.gemeente.nl', path: 'url' },
    { name: 'a program starting with /', rdp: { program: '/p:geheim' }, path: 'rdp.program' },
    { name: 'a program starting with +', rdp: { program: '+auth-only' }, path: 'rdp.program' },
    { name: 'a program starting with -', rdp: { program: '-clipboard' }, path: 'rdp.program' },
    { name: 'a program with a newline', rdp: { program: '||Zaak\n/p:x' }, path: 'rdp.program' },
    { name: 'a program with a comma (FreeRDP 3 sub-option)', rdp: { program: '||Zaak,cmd:calc' }, path: 'rdp.program' },
    { name: 'a program that is not an alias or a Windows path', rdp: { program: 'zaak.exe' }, path: 'rdp.program' },
    { name: 'a domain starting with /', rdp: { domain: '/gateway:g:evil' }, path: 'rdp.domain' },
    { name: 'a domain with a space', rdp: { domain: 'GEMEENTE X' }, path: 'rdp.domain' },
    { name: 'a policy user name starting with +', rdp: { username: '+home-drive' }, path: 'rdp.username' },
    { name: 'a gateway host with a space', rdp: { gateway: { host: 'gw.gemeente.nl /p:x' } }, path: 'rdp.gateway.host' },
    { name: 'a gateway host starting with -', rdp: { gateway: { host: '-gw' } }, path: 'rdp.gateway.host' },
    { name: 'a malformed fingerprint', rdp: { certificateFingerprint: 'ab,ignore' }, path: 'rdp.certificateFingerprint' },
    { name: 'a typed user name starting with /', options: { username: '/p:geheim' }, path: 'username' },
    { name: 'a typed user name with a newline', options: { username: 'jan\n/p:x' }, path: 'username' },
    { name: 'a name with a newline', extra: { name: 'Zaak\n/p:x' }, path: 'name' },
    { name: 'an id that is not an id', extra: { id: '-x' }, path: 'id' },
    { name: 'an rdp section on a web app', extra: { kind: 'other' }, rdp: { program: '||Zaak' }, path: 'rdp' },
  ];
  it.each(hostile)('$name', ({ url, rdp, options, extra, path }) => {
    const build = () => rdpArguments(entry(url ?? 'rdp://rds.gemeente.nl', rdp, extra), { ...password, ...options });
    expect(build).toThrow(RdpArgumentError);
    try {
      build();
    } catch (error) {
      expect((error as RdpArgumentError).problem.path.join('.')).toBe(path);
      expect((error as RdpArgumentError).problem.nl.length).toBeGreaterThan(5);
    }
  });

  it('unknown rdp keys (a free list of FreeRDP arguments) are not part of the schema', () => {
    const parsed = appDefinitionSchema.safeParse({ id: 'x', name: 'X', kind: 'remote-app', url: 'rdp://rds.gemeente.nl', rdp: { args: ['/p:geheim'] } });
    expect(parsed.success).toBe(false);
  });
});
