import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../electron/core/bridge/sender-policy.ts';

describe('bridge sender check (checklist #17)', () => {
  it.each([
    [{ url: 'app://werkplek/index.html', isTopFrame: true }, true],
    [{ url: 'app://werkplek/', isTopFrame: true }, true],
    [{ url: 'app://werkplek/index.html', isTopFrame: false }, false],
    [{ url: 'app://evil/index.html', isTopFrame: true }, false],
    [{ url: 'app://werkplek.evil/index.html', isTopFrame: true }, false],
    [{ url: 'https://werkplek/index.html', isTopFrame: true }, false],
    [{ url: 'file:///opt/Werkplek/index.html', isTopFrame: true }, false],
    [{ url: 'http://127.0.0.1:5190/', isTopFrame: true }, false],
    [{ url: '', isTopFrame: true }, false],
    [{ url: null, isTopFrame: true }, false],
    [{ url: 'not a url', isTopFrame: true }, false],
    [null, false],
  ])('%j → %s', (frame, expected) => {
    expect(isTrustedSender(frame)).toBe(expected);
  });
});
