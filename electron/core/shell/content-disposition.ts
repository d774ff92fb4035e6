// The file name a server suggests in Content-Disposition (RFC 6266): parameters are matched by
// their exact name, case-insensitively; `filename*` (RFC 8187/5987: UTF-8 or ISO-8859-1,
// percent-encoded) wins over `filename` (a token or a quoted-string with `\` escapes), and a
// `filename*` that cannot be decoded falls back to `filename`. The result still goes through
// sanitizeDownloadName.

/** The parameters after the disposition type, names lower-cased; the first of a repeated name counts. */
function dispositionParameters(header: string): Map<string, string> {
  const parameters = new Map<string, string>();
  let at = header.indexOf(';');
  while (at !== -1 && at < header.length) {
    at++; // past the ';'
    const equals = header.indexOf('=', at);
    const semicolon = header.indexOf(';', at);
    if (equals === -1 || (semicolon !== -1 && semicolon < equals)) {
      at = semicolon; // a parameter without a value: skip it
      continue;
    }
    const name = header.slice(at, equals).trim().toLowerCase();
    let value: string;
    at = equals + 1;
    while (header[at] === ' ' || header[at] === '\t') at++;
    if (header[at] === '"') {
      value = '';
      for (at++; at < header.length && header[at] !== '"'; at++) {
        if (header[at] === '\\' && at + 1 < header.length) at++;
        value += header[at];
      }
      at = header.indexOf(';', at);
    } else {
      const end = header.indexOf(';', at);
      value = header.slice(at, end === -1 ? undefined : end).trim();
      at = end;
    }
    if (name !== '' && !parameters.has(name)) parameters.set(name, value);
  }
  return parameters;
}

/** An RFC 8187 ext-value (`charset'language'percent-encoded`), or null when it cannot be decoded. */
function decodeExtValue(value: string): string | null {
  const parts = /^([^']*)'[^']*'(.*)$/s.exec(value);
  if (!parts) return null;
  const [, charset = '', encoded = ''] = parts;
  try {
    if (charset.toLowerCase() === 'utf-8') return decodeURIComponent(encoded);
    if (charset.toLowerCase() === 'iso-8859-1') {
      if (/%(?![0-9a-f]{2})/i.test(encoded)) return null;
      return encoded.replace(/%([0-9a-f]{2})/gi, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    }
  } catch {
    // a malformed escape or invalid UTF-8: not decodable
  }
  return null;
}

export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const parameters = dispositionParameters(header);
  const extended = parameters.get('filename*');
  const decoded = extended === undefined ? null : decodeExtValue(extended);
  if (decoded) return decoded;
  return parameters.get('filename') || null;
}

/** The last path segment of a URL, decoded, as a fallback name. */
export function fileNameFromUrl(raw: string): string | null {
  try {
    const last = new URL(raw).pathname.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : null;
  } catch {
    return null;
  }
}
