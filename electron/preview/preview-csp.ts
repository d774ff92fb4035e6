// The preview widens the shell's CSP for exactly two things the desktop app does not need: its
// WebSocket bridge and the iframes that stand in for app views. Everything else stays as built.
export function previewCsp(html: string): string {
  return html
    .replace("connect-src 'self'", "connect-src 'self' ws://127.0.0.1:*")
    .replace("frame-src 'none'", 'frame-src https: http://127.0.0.1:* http://localhost:*');
}
