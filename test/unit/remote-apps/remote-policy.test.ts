// Remote apps in the policy file: a good entry is kept; a hostile one is left out alone and
// reported at its value's line and column, in English and Dutch (what `werkplek policy check` and
// the policy banner say), while the rest of the policy still counts.
import { describe, expect, it } from 'vitest';
import { validatePolicyText } from '../../../electron/core/config/policy-validate.ts';

const policyText = (remote: Record<string, unknown>) =>
  JSON.stringify(
    {
      apps: [
        { id: 'portaal', name: 'Portaal', url: 'https://portaal.gemeente.nl/' },
        { id: 'zaak', name: 'Zaaksysteem', kind: 'remote-app', url: 'rdp://rds.gemeente.nl', ...remote },
      ],
    },
    null,
    2,
  );

describe('remote apps in the policy', () => {
  it('keeps a good remote app and a web gateway', () => {
    const verdict = validatePolicyText('policy.json', policyText({ rdp: { program: '||Zaak', domain: 'GEMEENTE', gateway: { host: 'gw.gemeente.nl' } } }));
    expect(verdict.problems).toEqual([]);
    expect(verdict.policy.apps?.map((app) => app.id)).toEqual(['portaal', 'zaak']);
    const gateway = validatePolicyText('policy.json', JSON.stringify({ apps: [{ id: 'gw', name: 'Gateway', kind: 'web-gateway', url: 'https://gateway.gemeente.nl/guacamole/' }] }));
    expect(gateway.problems).toEqual([]);
  });

  it.each([
    { name: 'a program starting with /', remote: { rdp: { program: '/p:geheim' } }, at: '"/p:geheim"', en: 'may not start with /, + or -', nl: 'mag niet met /, + of - beginnen' },
    { name: 'a domain with a newline', remote: { rdp: { domain: 'GEMEENTE\n/p:x' } }, at: '"GEMEENTE\\n/p:x"', en: 'control characters', nl: 'stuurtekens' },
    { name: 'a gateway host with a space', remote: { rdp: { gateway: { host: 'gw /p:x' } } }, at: '"gw /p:x"', en: 'is not a host name', nl: 'is geen hostnaam' },
    { name: 'an https url on a remote app', remote: { url: 'https://rds.gemeente.nl' }, at: '"https://rds.gemeente.nl"', en: 'rdp://host', nl: 'rdp://host' },
    { name: 'an rdp section on a web app', remote: { kind: 'other', url: 'https://x.gemeente.nl/', rdp: {} }, at: '{}', en: 'only an app of kind "remote-app"', nl: 'alleen een app van soort' },
  ])('$name: left out, reported where it is, in both languages', ({ remote, at, en, nl }) => {
    const text = policyText(remote);
    const verdict = validatePolicyText('policy.json', text);
    expect(verdict.policy.apps?.map((app) => app.id)).toEqual(['portaal']);
    expect(verdict.problems).toHaveLength(1);
    const [problem] = verdict.problems;
    expect(problem!.message).toContain(en);
    expect(problem!.nl).toContain(nl);
    const lines = text.split('\n');
    expect(lines[problem!.line - 1]!.slice(problem!.column - 1)).toContain(at);
  });

  it('a free list of FreeRDP arguments is an unknown key', () => {
    const verdict = validatePolicyText('policy.json', policyText({ rdp: { args: ['/p:geheim'] } }));
    expect(verdict.policy.apps?.map((app) => app.id)).toEqual(['portaal']);
    expect(verdict.problems[0]!.message).toContain('unknown key "args"');
  });
});
