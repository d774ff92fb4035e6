// The screen-share picker page and the choices read back from it.
import { describe, expect, it } from 'vitest';
import { isWaylandSession, pickedSource, screenPickerPage, sourceKind } from '../../../electron/core/shell/screen-share.ts';
import { mainTexts } from '../../../electron/core/shell/main-texts.ts';

const sources = [
  { id: 'screen:0:0', name: 'Screen 1', thumbnail: 'data:image/png;base64,AAAA' },
  { id: 'window:42:0', name: 'Agenda <script>alert(1)</script> "x"', thumbnail: 'javascript:alert(1)' },
];

describe('screen-share picker', () => {
  it('groups screens and windows, escapes every name, takes only PNG data thumbnails, runs no script', () => {
    const page = screenPickerPage(sources, mainTexts('en', 'en'), 'Meet & Greet', 'en');
    expect(page).toContain('<h2>Entire screen</h2><ul><li><a href="#source-0"><img src="data:image/png;base64,AAAA" alt=""><span>Screen 1</span>');
    expect(page).toContain('<h2>Window</h2><ul><li><a href="#source-1"><span class="none"></span><span>Agenda &#60;script&#62;alert(1)&#60;/script&#62; &#34;x&#34;</span>');
    expect(page).toContain('Meet &#38; Greet wants to see your screen');
    expect(page).toContain("default-src 'none'; img-src data:");
    expect(page).not.toMatch(/<script|javascript:|\son\w+=/i);
    expect(screenPickerPage(sources, mainTexts('nl', 'en'), 'Vergaderen', 'nl')).toContain('Vergaderen wil je scherm zien. Kies wat je deelt:');
  });

  it('reads a choice from the in-page navigation only', () => {
    expect(pickedSource('data:text/html,x#source-1', sources)).toBe(sources[1]);
    expect(pickedSource('data:text/html,x#cancel', sources)).toBe('cancel');
    expect(pickedSource('data:text/html,x#source-9', sources)).toBeNull();
    expect(pickedSource('data:text/html,x', sources)).toBeNull();
    expect(pickedSource('data:text/html,x#source-1x', sources)).toBeNull();
  });

  it('kinds and Wayland sessions', () => {
    expect(sourceKind('screen:1:0')).toBe('screen');
    expect(sourceKind('window:7:0')).toBe('window');
    expect(isWaylandSession({ XDG_SESSION_TYPE: 'wayland' })).toBe(true);
    expect(isWaylandSession({ XDG_SESSION_TYPE: 'x11', WAYLAND_DISPLAY: 'wayland-0' })).toBe(false);
    expect(isWaylandSession({ WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(isWaylandSession({})).toBe(false);
  });
});
