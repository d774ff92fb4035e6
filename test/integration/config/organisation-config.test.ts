// The configuration an organisation publishes for the first run (/.well-known/werkplek.json),
// read from a real HTTP server on loopback: found, absent, broken, hostile, too large, redirected.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverOrganisation, settingsFrom, wellKnownUrlFor } from '../../../electron/core/config/organisation-config.ts';

describe('wellKnownUrlFor', () => {
  it.each([
    ['portaal.voorbeeld.nl', 'https://portaal.voorbeeld.nl/.well-known/werkplek.json'],
    ['  https://portaal.voorbeeld.nl/start?x=1  ', 'https://portaal.voorbeeld.nl/.well-known/werkplek.json'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080/.well-known/werkplek.json'],
    ['http://portaal.voorbeeld.nl', null], // plain http only on this computer
    ['javascript:alert(1)', null],
    ['file:///etc/passwd', null],
    ['twee woorden', null],
    ['', null],
  ])('%j → %j', (typed, expected) => {
    expect(wellKnownUrlFor(typed)).toBe(expected);
  });
});

describe('discoverOrganisation', () => {
  let server: http.Server;
  let base = '';
  let answer: { status: number; body: string; headers?: Record<string, string> } = { status: 404, body: '' };
  const seen: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.url!);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const good = { organisation: 'Gemeente Voorbeeld', portal: 'https://portaal.voorbeeld.nl/', files: { server: 'https://cloud.voorbeeld.nl' }, chat: { homeserver: 'https://matrix.voorbeeld.nl' } };

  it('finds what the organisation publishes, at the well-known path', async () => {
    answer = { status: 200, body: JSON.stringify(good) };
    const found = await discoverOrganisation(`${base}/portal/start`);
    expect(found).toEqual({ ok: true, url: `${base}/.well-known/werkplek.json`, config: good });
    expect(seen.at(-1)).toBe('/.well-known/werkplek.json');
    expect(settingsFrom(found.ok ? found.config : good, [])).toEqual({
      'sync.serverUrl': 'https://cloud.voorbeeld.nl', 'matrix.homeserver': 'https://matrix.voorbeeld.nl',
      'apps.custom': [{ id: 'portaal', name: 'Gemeente Voorbeeld', url: 'https://portaal.voorbeeld.nl/', kind: 'portal' }],
    });
  });

  it('says why not: not published, unreachable, not JSON, a hostile URL, an unknown key, too large, a redirect', async () => {
    answer = { status: 404, body: 'no' };
    expect(await discoverOrganisation(base)).toMatchObject({ ok: false, problem: 'not-published', detail: 'HTTP 404' });
    expect(await discoverOrganisation('http://127.0.0.1:9')).toMatchObject({ ok: false, problem: 'unreachable' });
    answer = { status: 200, body: '<html>portal</html>' };
    expect(await discoverOrganisation(base)).toMatchObject({ ok: false, problem: 'invalid', detail: 'not JSON' });
    answer = { status: 200, body: JSON.stringify({ ...good, files: { server: 'javascript:alert(1)' } }) };
    expect(await discoverOrganisation(base)).toMatchObject({ ok: false, problem: 'invalid', detail: expect.stringMatching(/files\.server: must be an https address/) });
    answer = { status: 200, body: JSON.stringify({ ...good, locked: { 'sync.enabled': false } }) };
    expect(await discoverOrganisation(base)).toMatchObject({ ok: false, problem: 'invalid' });
    answer = { status: 200, body: JSON.stringify({ ...good, padding: 'x'.repeat(20_000) }) };
    expect(await discoverOrganisation(base)).toMatchObject({ ok: false, problem: 'not-published', detail: 'too-large' });
    answer = { status: 302, body: '', headers: { location: 'https://elders.example/werkplek.json' } };
    expect(await discoverOrganisation(base)).toMatchObject({ ok: false, problem: 'not-published', detail: 'HTTP 302' });
  });

  it('keeps a portal app the person already has', () => {
    expect(settingsFrom({ organisation: 'X', portal: 'https://p.example/' }, [{ id: 'portaal' }])).toEqual({});
  });
});
