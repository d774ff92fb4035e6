// Spell checking in Dutch and English. The languages are matched against what Chromium offers
// (`session.availableSpellCheckerLanguages`); the dictionary source may be set by policy because
// the default (Google's CDN) is often blocked in government networks.

/** Wanted codes like `nl`, `en-GB` matched exactly, else by language (`en` → `en-GB`/`en-US`). */
export function pickSpellLanguages(wanted: readonly string[], available: readonly string[]): string[] {
  const out: string[] = [];
  for (const code of wanted) {
    const lower = code.toLowerCase();
    const exact = available.find((candidate) => candidate.toLowerCase() === lower);
    const byLanguage = available.find((candidate) => candidate.toLowerCase().split('-')[0] === lower.split('-')[0]);
    const pick = exact ?? byLanguage;
    if (pick && !out.includes(pick)) out.push(pick);
  }
  return out;
}

/** The dictionary base URL: https (or http on loopback for tests), ending in `/`; '' keeps Chromium's default. */
export function dictionaryBaseUrl(setting: string): { ok: true; url: string | null } | { ok: false; error: string } {
  const raw = setting.trim();
  if (raw === '') return { ok: true, url: null };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: `shell.spellcheckDictionaryUrl: "${raw}" is not a URL` };
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return { ok: false, error: 'shell.spellcheckDictionaryUrl must use https' };
  if (url.username || url.password || url.search || url.hash) return { ok: false, error: 'shell.spellcheckDictionaryUrl may not carry credentials, a query or a fragment' };
  return { ok: true, url: url.href.endsWith('/') ? url.href : `${url.href}/` };
}
