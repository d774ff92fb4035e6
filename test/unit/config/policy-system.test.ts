// The policy as the installed app reads it: root-owned /etc/werkplek/policy.json plus policy.d
// drop-ins in name order; files others can change are refused; WERKPLEK_POLICY only in development;
// fail closed entry by entry; a file that cannot be parsed keeps its last good version.
// The tests run as root: a user's file is made by chown to nobody or chmod o+w.
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isPackagedApp, loadPolicy, mergePolicies } from '../../../electron/core/config/policy-load.ts';
import { validatePolicyText } from '../../../electron/core/config/policy-validate.ts';

const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

function system(files: Record<string, unknown>): { dir: string; state: string; load: (env?: NodeJS.ProcessEnv, packaged?: boolean) => ReturnType<typeof loadPolicy> } {
  const base = mkdtempSync(join(tmpdir(), 'werkplek-etc-'));
  const dir = join(base, 'etc-werkplek');
  mkdirSync(join(dir, 'policy.d'), { recursive: true, mode: 0o755 });
  for (const [name, value] of Object.entries(files)) writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value, null, 2), { mode: 0o644 });
  const state = join(base, 'state');
  return { dir, state, load: (env = {}, packaged = true) => loadPolicy(undefined, { env, packaged, systemDir: dir, stateDir: state }) };
}

const app = (id: string, url = `https://${id}.example.org/`) => ({ id, name: id.toUpperCase(), url });
const messages = (loaded: { problems: Array<{ message: string }> }) => loaded.problems.map((p) => p.message).join('\n');

describe.skipIf(!asRoot)('system policy files', () => {
  it('merges policy.json and policy.d/*.json in byte order of the names, later files winning', () => {
    const { load } = system({
      'policy.json': { organisation: 'Gemeente', apps: [app('portal'), app('files')], locked: { 'shell.allowDevTools': false, 'sync.parallelTransfers': 2 } },
      'policy.d/20-c.json': { locked: { 'sync.parallelTransfers': 8 }, apps: [app('chat')] },
      'policy.d/10-a.json': { locked: { 'sync.parallelTransfers': 4 }, apps: [app('files', 'https://cloud.example.org/')] },
      'policy.d/2-b.json': { defaults: { 'general.locale': 'nl' }, organisation: 'Gemeente Voorbeeld' },
      'policy.d/notes.txt': 'not a policy',
      'policy.d/.hidden.json': '{ broken',
    });
    const loaded = load();
    expect(loaded.problems).toEqual([]);
    expect(loaded.found.map((f) => f.split('/etc-werkplek/')[1])).toEqual(['policy.json', 'policy.d/10-a.json', 'policy.d/2-b.json', 'policy.d/20-c.json']);
    expect(loaded.policy.organisation).toBe('Gemeente Voorbeeld');
    expect(loaded.policy.locked).toEqual({ 'shell.allowDevTools': false, 'sync.parallelTransfers': 8 });
    expect(loaded.policy.defaults).toEqual({ 'general.locale': 'nl' });
    // Same id: replaced where it stood; new ids appended.
    expect(loaded.policy.apps?.map((a) => [a.id, a.url])).toEqual([['portal', 'https://portal.example.org/'], ['files', 'https://cloud.example.org/'], ['chat', 'https://chat.example.org/']]);
  });

  it('refuses a file owned by another user, one writable by others, and one behind a symlink to such a file; the rest still counts', () => {
    const { dir, load } = system({
      'policy.json': { locked: { 'shell.allowDevTools': false } },
      'policy.d/10-user.json': { locked: { 'shell.allowDevTools': true } },
      'policy.d/20-world.json': { locked: { 'updates.enabled': false } },
    });
    chownSync(join(dir, 'policy.d/10-user.json'), NOBODY, NOBODY);
    chmodSync(join(dir, 'policy.d/20-world.json'), 0o666);
    const userFile = join(dir, '..', 'mine.json');
    writeFileSync(userFile, JSON.stringify({ locked: { 'apps.custom': [] } }));
    chownSync(userFile, NOBODY, NOBODY);
    symlinkSync(userFile, join(dir, 'policy.d/30-link.json'));
    const loaded = load();
    expect(loaded.policy.locked).toEqual({ 'shell.allowDevTools': false });
    expect(loaded.problems.map((p) => [p.file.split('/').pop(), p.line, p.column])).toEqual([['10-user.json', 0, 0], ['20-world.json', 0, 0], ['30-link.json', 0, 0]]);
    expect(loaded.problems[0]!.message).toMatch(/^refused: the file can be changed by users other than root \(owner uid 65534, mode 0644\)/);
    expect(loaded.problems[1]!.message).toContain('mode 0666');
    expect(loaded.problems[0]!.nl).toMatch(/^geweigerd: het bestand kan worden gewijzigd door andere gebruikers dan root/);
  });

  it('refuses files in a folder others can write to (they could swap or remove them)', () => {
    const { dir, load } = system({ 'policy.json': { locked: { 'shell.allowDevTools': false } }, 'policy.d/10.json': { locked: { 'updates.enabled': false } } });
    chmodSync(join(dir, 'policy.d'), 0o777);
    const loaded = load();
    expect(loaded.policy.locked).toEqual({ 'shell.allowDevTools': false });
    expect(messages(loaded)).toMatch(/the folder \(.*policy\.d\) can be changed by users other than root \(owner uid 0, mode 0777\)/);
  });

  it('WERKPLEK_POLICY is ignored by the packaged app (with a message) and used in development runs', () => {
    const { dir, load } = system({ 'policy.json': { locked: { 'shell.allowDevTools': false } } });
    const mine = join(dir, '..', 'escape.json');
    writeFileSync(mine, JSON.stringify({ locked: {} }));
    chownSync(mine, NOBODY, NOBODY);
    const packaged = load({ WERKPLEK_POLICY: mine }, true);
    expect(packaged.policy.locked).toEqual({ 'shell.allowDevTools': false });
    expect(packaged.problems[0]!.message).toMatch(/WERKPLEK_POLICY is ignored by the installed app/);
    const development = load({ WERKPLEK_POLICY: join(dir, 'policy.json') }, false);
    expect(development.files).toEqual([join(dir, 'policy.json')]);
    expect(development.problems).toEqual([]);
  });

  it('a file that cannot be parsed keeps its last good version (cached in the state folder), with the problem', () => {
    const { dir, load } = system({
      'policy.json': { apps: [app('portal')], locked: { 'shell.allowDevTools': false, 'apps.custom': [] } },
      'policy.d/50-sync.json': { defaults: { 'sync.serverUrl': 'https://cloud.example.org' } },
    });
    expect(load().problems).toEqual([]);
    writeFileSync(join(dir, 'policy.json'), '{ "locked": { "shell.allowDevTools": tru');
    const broken = load();
    expect(broken.policy.locked).toEqual({ 'shell.allowDevTools': false, 'apps.custom': [] });
    expect(broken.policy.apps?.map((a) => a.id)).toEqual(['portal']);
    expect(broken.policy.defaults).toEqual({ 'sync.serverUrl': 'https://cloud.example.org' });
    expect(broken.problems).toHaveLength(1);
    expect(broken.problems[0]).toMatchObject({ line: 1, column: 38 });
    expect(broken.problems[0]!.message).toMatch(/^invalid JSON: .*; keeping the version of this file last seen on \d{4}-\d\d-\d\d$/);
    // A refused file likewise keeps what it said when it was trusted.
    writeFileSync(join(dir, 'policy.json'), JSON.stringify({ locked: {} }));
    chownSync(join(dir, 'policy.json'), NOBODY, NOBODY);
    const refused = load();
    expect(refused.policy.locked).toEqual({ 'shell.allowDevTools': false, 'apps.custom': [] });
    expect(refused.problems[0]!.message).toMatch(/^refused: .*; keeping the version of this file last seen on/);
  });

  it('a policy.d folder that others can write keeps the drop-ins last seen there (swapping or removing one lifts nothing)', () => {
    const { dir, load } = system({ 'policy.json': { organisation: 'X' }, 'policy.d/10-lock.json': { locked: { 'updates.enabled': false } } });
    expect(load().policy.locked).toEqual({ 'updates.enabled': false });
    chmodSync(join(dir, 'policy.d'), 0o777);
    writeFileSync(join(dir, 'policy.d/10-lock.json'), JSON.stringify({ locked: {} }));
    const loaded = load();
    expect(loaded.policy).toEqual({ organisation: 'X', locked: { 'updates.enabled': false } });
    expect(loaded.problems[0]!.message).toMatch(/policy\.d\) can be changed by users other than root .*; keeping the 1 drop-ins last seen there$/);
    // A deleted drop-in in a trusted folder is the administrator's decision.
    chmodSync(join(dir, 'policy.d'), 0o755);
    rmSync(join(dir, 'policy.d/10-lock.json'));
    expect(load().policy).toEqual({ organisation: 'X' });
    // ... and stays gone: a folder that later turns writable brings nothing of it back.
    chmodSync(join(dir, 'policy.d'), 0o777);
    expect(load().policy).toEqual({ organisation: 'X' });
  });

  it('without a last good version, an unparseable file gives nothing but the other files still count', () => {
    const { load } = system({ 'policy.json': '{ "locked": ', 'policy.d/10.json': { locked: { 'updates.enabled': false } } });
    const loaded = load();
    expect(loaded.policy.locked).toEqual({ 'updates.enabled': false });
    expect(loaded.problems).toHaveLength(1);
  });

  it('no files at all: no policy and no problems', () => {
    const { load } = system({});
    expect(load()).toMatchObject({ present: false, problems: [], policy: {} });
  });
});

describe('fail closed, entry by entry', () => {
  const file = '/etc/werkplek/policy.json';

  it('an unknown key drops that key alone: apps and locks still count', () => {
    const text = '{\n  "organisation": "X",\n  "lockedd": {},\n  "apps": [{ "id": "mail", "name": "Mail", "url": "https://mail.example.org" }],\n  "locked": { "shell.allowDevTools": false, "sync.severUrl": "typo", "updates.enabled": false }\n}';
    const verdict = validatePolicyText(file, text);
    expect(verdict.policy.organisation).toBe('X');
    expect(verdict.policy.apps?.map((a) => a.id)).toEqual(['mail']);
    expect(verdict.policy.locked).toEqual({ 'shell.allowDevTools': false, 'updates.enabled': false });
    expect(verdict.problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [3, 3, 'unknown key "lockedd"'],
      [5, 45, '"locked": unknown key "sync.severUrl"'],
    ]);
  });

  it('a lock with a bad value keeps the key locked, at the policy default or else the built-in one', () => {
    const text = JSON.stringify({ defaults: { 'sync.parallelTransfers': 3 }, locked: { 'sync.parallelTransfers': 'six', 'shell.allowDevTools': 'no', 'updates.enabled': false } });
    const verdict = validatePolicyText(file, text);
    expect(verdict.invalidLocks).toEqual(['sync.parallelTransfers', 'shell.allowDevTools']);
    expect(mergePolicies([verdict]).locked).toEqual({ 'updates.enabled': false, 'sync.parallelTransfers': 3, 'shell.allowDevTools': false });
    expect(verdict.problems[0]!.message).toMatch(/locked\.sync\.parallelTransfers.*the setting stays locked/);
    expect(verdict.problems[0]!.nl).toMatch(/verwacht getal.*blijft vergrendeld/);
    // A later file's valid lock of the same key wins over the fallback.
    expect(mergePolicies([verdict, { policy: { locked: { 'sync.parallelTransfers': 7 } }, invalidLocks: [] }]).locked?.['sync.parallelTransfers']).toBe(7);
  });

  it.each([
    ['javascript:alert(1)', /apps must use https \(got javascript\)/],
    ['file:///etc/passwd', /apps must use https \(got file\)/],
    ['http://intranet.example.org/', /apps must use https \(got http\)/],
    ['https://user:pw@mail.example.org/', /user name or password/],
  ])('an app at %s is left out, the others stay', (url, reason) => {
    const verdict = validatePolicyText(file, JSON.stringify({ apps: [app('one'), { ...app('bad'), url }, app('two')], locked: { 'apps.custom': [] } }, null, 2));
    expect(verdict.policy.apps?.map((a) => a.id)).toEqual(['one', 'two']);
    expect(verdict.policy.locked).toEqual({ 'apps.custom': [] });
    expect(verdict.problems).toHaveLength(1);
    expect(verdict.problems[0]!.message).toMatch(reason);
    expect(verdict.problems[0]).toMatchObject({ line: 11, column: 14 });
  });

  it('checks an app’s other URLs (origins, roomUrl) and apps under apps.custom the same way', () => {
    const verdict = validatePolicyText(file, JSON.stringify({
      apps: [{ ...app('chat'), origins: ['javascript:x'] }, { ...app('chat2'), roomUrl: 'file:///{roomId}' }, { ...app('loop'), url: 'http://127.0.0.1:8080/' }],
      defaults: { 'apps.custom': [app('wiki'), { ...app('evil'), url: 'javascript:alert(1)' }] },
    }));
    expect(verdict.policy.apps?.map((a) => a.id)).toEqual(['loop']);
    expect(verdict.policy.defaults?.['apps.custom']?.map((a) => a.id)).toEqual(['wiki']);
    expect(messages(verdict)).toMatch(/apps\.0\.origins\.0[\s\S]*apps\.1\.roomUrl[\s\S]*defaults\.apps\.custom\.1\.url/);
  });

  it('a value the app would refuse when it uses it is reported and treated as invalid (proxy, dictionary URL)', () => {
    const verdict = validatePolicyText(file, JSON.stringify({ defaults: { 'shell.spellcheckDictionaryUrl': 'http://dict.example.org/' }, locked: { 'shell.proxy': 'proxy:3128;colour=blue', 'updates.enabled': false } }));
    expect(verdict.policy.defaults).toEqual({});
    expect(verdict.invalidLocks).toEqual(['shell.proxy']);
    expect(mergePolicies([verdict]).locked).toEqual({ 'updates.enabled': false, 'shell.proxy': 'system' });
    expect(verdict.problems.map((p) => p.message)).toEqual([
      '"defaults.shell.spellcheckDictionaryUrl": shell.spellcheckDictionaryUrl must use https',
      '"locked.shell.proxy": shell.proxy: unknown option "colour=blue" (only bypass=host,.domain is allowed); the setting stays locked (at its default value) until this is fixed',
    ]);
  });

  it('a second app with the same id is dropped; the first stays', () => {
    const verdict = validatePolicyText(file, JSON.stringify({ apps: [app('mail'), app('chat'), app('mail', 'https://other.example.org/')] }));
    expect(verdict.policy.apps?.map((a) => [a.id, a.url])).toEqual([['mail', 'https://mail.example.org/'], ['chat', 'https://chat.example.org/']]);
    expect(messages(verdict)).toContain('"apps.2.id": a second app with id "mail"; only the first one counts');
  });

  it('a key written twice: both count, with a problem', () => {
    const verdict = validatePolicyText(file, '{ "locked": { "shell.allowDevTools": false },\n  "locked": { "updates.enabled": false } }');
    expect(verdict.policy.locked).toEqual({ 'shell.allowDevTools': false, 'updates.enabled': false });
    expect(verdict.problems[0]).toMatchObject({ line: 2, column: 3 });
  });

  it('a deeply nested file is a clear error at its place, never a stack overflow', () => {
    for (const depth of [40, 5000, 400_000]) {
      const text = `{"apps":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      const verdict = validatePolicyText(file, text);
      expect(verdict.parsed).toBe(false);
      expect(verdict.problems).toEqual([expect.objectContaining({ line: 1, column: 40, message: 'nested more than 32 levels deep: not a policy' })]);
    }
    // Brackets inside strings do not count.
    expect(validatePolicyText(file, JSON.stringify({ organisation: '['.repeat(90) })).problems).toEqual([]);
  });

  it('a top level that is not an object, or an empty file, cannot be parsed', () => {
    expect(validatePolicyText(file, '[]')).toMatchObject({ parsed: false, problems: [{ line: 1, column: 1 }] });
    expect(validatePolicyText(file, '')).toMatchObject({ parsed: false, problems: [{ line: 1, column: 1 }] });
  });
});

describe('never throws', () => {
  const check = (text: string) => {
    const verdict = validatePolicyText('/p.json', text);
    for (const problem of verdict.problems) {
      expect(problem.line).toBeGreaterThanOrEqual(0);
      expect(problem.message.length).toBeGreaterThan(0);
      expect(problem.nl.length).toBeGreaterThan(0);
    }
    // What is kept passes the app's own checks again.
    if (verdict.parsed) expect(validatePolicyText('/p.json', JSON.stringify(mergePolicies([verdict]))).problems).toEqual([]);
  };

  it('on any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), check), { numRuns: 300 });
  });

  it('on any JSON under the policy’s keys', () => {
    const section = fc.constantFrom('apps', 'defaults', 'locked', 'organisation', '$schema', '__proto__', 'constructor');
    const key = fc.oneof(fc.constantFrom('shell.allowDevTools', 'apps.custom', 'sync.serverUrl', 'matrix.dndSchedule', '__proto__', 'toString'), fc.string({ maxLength: 8 }));
    const value = fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.dictionary(key, fc.jsonValue({ maxDepth: 3 })), fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'B'), name: fc.string({ maxLength: 3 }), url: fc.constantFrom('https://a.example/', 'javascript:1', 'file:///x', 'http://x/', 'http://[::1]/') })));
    fc.assert(fc.property(fc.dictionary(section, value), (policy) => check(JSON.stringify(policy))), { numRuns: 300 });
  });
});

describe('packaged or development run', () => {
  it.each([
    [{ versions: {}, execPath: '/usr/bin/node' }, false],
    [{ versions: { electron: '45.0.0' }, execPath: '/work/node_modules/electron/dist/electron' }, false],
    [{ versions: { electron: '45.0.0' }, execPath: '/opt/Werkplek/werkplek', defaultApp: true }, false],
    [{ versions: { electron: '45.0.0' }, execPath: '/opt/Werkplek/werkplek' }, true],
    [{ versions: { electron: '45.0.0' }, execPath: '/tmp/.mount_WerkplXYZ/werkplek' }, true],
  ])('%o → packaged %s', (proc, packaged) => {
    expect(isPackagedApp(proc as never)).toBe(packaged);
  });
});
