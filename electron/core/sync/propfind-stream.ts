// The answer to a PROPFIND (RFC 4918 multistatus), read as a stream: bytes in, one PropfindEntry
// out per <d:href> of a <d:response>, as soon as its response ends. Nothing else is kept, so a
// listing costs memory for its entries, never for its text. The XML must be well-formed (sax in
// strict mode, only the five XML entities, namespaces resolved: DAV:, oc: and nc: are matched by
// their URI, never by prefix); anything else — an undefined entity, an unclosed tag, a cut-off
// body, another root — fails the whole answer with RemoteError('protocol'), never a shorter one.
// Bounds: entries, bytes, the length of one text, element depth and attributes per element.
import sax from 'sax';
import { RemoteError } from './remote-error.ts';

/** The properties this client asks for (dav-client's PROPFIND body), from 2xx propstats only. */
export interface PropfindEntry {
  /** The <d:href> text as sent (entities resolved, still percent-encoded). */
  href: string;
  /** A <d:propstat> with a <d:prop> described it (false: a status-only response). */
  described: boolean;
  /** <d:resourcetype> holds <d:collection/>. */
  collection: boolean;
  etag: string | null;
  contentLength: string | null;
  lastModified: string | null;
  fileId: string | null;
  permissions: string | null;
  /** oc:size (a folder's size on Nextcloud). */
  size: string | null;
  /** The first <oc:checksum> of <oc:checksums>. */
  checksum: string | null;
  dataFingerprint: string | null;
}

export interface StreamLimits {
  /** Hrefs (responses) in one answer. */
  maxEntries: number;
  /** Bytes of the answer (after any Content-Encoding). */
  maxBytes: number;
  /** How to raise the two above, for the message (e.g. "listingLimits in the server options"). */
  raiseHint: string;
}

/** One text (an href, an ETag…) longer than this fails the answer: real ones are far shorter. */
export const MAX_TEXT = 64 * 1024;
/** Deeper nesting fails the answer: a multistatus needs 6 levels (…prop, checksums, checksum). */
const MAX_DEPTH = 64;
/** More attributes on one element fail the answer (sax keeps a tag's attributes until its '>'). */
const MAX_ATTRIBUTES = 256;
/** sax is fed pieces of at most this many characters, so the attribute bound is checked often. */
const PIECE = 16 * 1024;

const DAV = 'DAV:';
const OC = 'http://owncloud.org/ns';
const NC = 'http://nextcloud.org/ns';

// What an open element is, by its parent and name (a stack of these is the parser's state).
const OUTSIDE = 0, MULTISTATUS = 1, RESPONSE = 2, PROPSTAT = 3, PROP = 4, RESOURCETYPE = 5, CHECKSUMS = 6, TEXT = 7, SKIP = 8;
// The texts read (TEXT's field): PROPS properties (their index in `props` and `pending`), then href and status.
const ETAG = 0, LENGTH = 1, MODIFIED = 2, FILEID = 3, PERMISSIONS = 4, SIZE = 5, CHECKSUM = 6, FINGERPRINT = 7, PROPS = 8, HREF = 8, STATUS = 9;

const DAV_PROPS: Record<string, number> = { getetag: ETAG, getcontentlength: LENGTH, getlastmodified: MODIFIED };
const OC_PROPS: Record<string, number> = { fileid: FILEID, permissions: PERMISSIONS, size: SIZE, 'data-fingerprint': FINGERPRINT };

const isOwnCloud = (uri: string): boolean => uri === OC || uri === NC;
/** "HTTP/1.1 200 OK" → true; a propstat without a status counts as 2xx. */
const isSuccess = (status: string | null): boolean => status === null || /^HTTP\/[\d.]+\s+2\d\d(?:\s|$)/i.test(status);
const size = (bytes: number): string => (bytes >= 1024 * 1024 ? `${+(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${bytes} bytes`);

export class MultistatusReader {
  private readonly parser: sax.SAXParser;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly contexts: number[] = [];
  private bytes = 0;
  private entries = 0;
  private rootSeen = false;
  private rootClosed = false;
  /** The text being read (the open TEXT element's), and which one. */
  private text = '';
  private field = -1;
  private fieldName = '';
  // The response being read: its hrefs, the props of its 2xx propstats, and the propstat open now.
  private hrefs: string[] = [];
  private props: (string | null)[] = new Array<string | null>(PROPS).fill(null);
  private collection = false;
  private described = false;
  private pending: (string | null)[] = new Array<string | null>(PROPS).fill(null);
  private pendingCollection = false;
  private pendingProp = false;
  private status: string | null = null;

  private readonly what: string;
  private readonly limits: StreamLimits;
  private readonly onEntry: (entry: PropfindEntry) => void;

  /**
   * `what` names the answer in messages ("the listing of /Photos"); `onEntry` gets each entry
   * (it may throw: the error leaves write() or end() as it is).
   */
  constructor(what: string, limits: StreamLimits, onEntry: (entry: PropfindEntry) => void) {
    this.what = what;
    this.limits = limits;
    this.onEntry = onEntry;
    // strictEntities: only &amp; &lt; &gt; &quot; &apos; (sax's default also knows HTML's).
    // position stays on: sax checks its buffers' lengths by position.
    this.parser = new sax.SAXParser(true, { xmlns: true, trim: true, strictEntities: true } as sax.SAXOptions);
    this.parser.onerror = (error) => {
      throw new RemoteError('protocol', `${what} is not well-formed XML (${error.message.split('\n')[0]})`);
    };
    this.parser.onopentag = (tag) => this.open(tag as sax.QualifiedTag);
    this.parser.onclosetag = () => this.close();
    this.parser.ontext = (text) => this.addText(text);
    this.parser.oncdata = (text) => this.addText(text);
  }

  /** The next bytes of the body; throws a RemoteError when they break the XML or a bound. */
  write(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limits.maxBytes) this.fail(`is larger than ${size(this.limits.maxBytes)}: given up (raise maxBytes of ${this.limits.raiseHint} to read it)`);
    this.feed(this.decode(chunk, true));
  }

  /** The body ended: throws unless it was one whole multistatus. */
  end(): void {
    this.feed(this.decode(new Uint8Array(0), false));
    if (!this.rootSeen) this.fail('is empty or not XML: no WebDAV multistatus');
    if (!this.rootClosed) this.fail('is cut off: the answer ended inside the XML');
    this.parser.close();
  }

  private fail(problem: string): never {
    throw new RemoteError('protocol', `${this.what} ${problem}`);
  }

  private decode(chunk: Uint8Array, stream: boolean): string {
    try {
      return this.decoder.decode(chunk, { stream });
    } catch {
      return this.fail('is not UTF-8');
    }
  }

  private feed(text: string): void {
    for (let at = 0; at < text.length; at += PIECE) {
      this.parser.write(text.length <= PIECE ? text : text.slice(at, at + PIECE));
      // sax holds a tag's attributes until the tag ends, checking each new one against all before
      // it: an element with endless attributes would grow without bound (and take quadratic time).
      if (((this.parser as unknown as { attribList?: unknown[] }).attribList?.length ?? 0) > MAX_ATTRIBUTES) this.fail(`has an element with more than ${MAX_ATTRIBUTES} attributes`);
    }
  }

  private open(tag: sax.QualifiedTag): void {
    const parent = this.contexts.length ? this.contexts[this.contexts.length - 1]! : OUTSIDE;
    if (this.contexts.length >= MAX_DEPTH) this.fail(`nests elements deeper than ${MAX_DEPTH} levels`);
    const { uri, local } = tag;
    let context = SKIP;
    switch (parent) {
      case OUTSIDE:
        if (this.rootSeen) this.fail('has more than one root element');
        if (uri !== DAV || local !== 'multistatus') this.fail(`is not a WebDAV multistatus (its root is <${local}>${uri ? ` in ${uri}` : ''})`);
        this.rootSeen = true;
        context = MULTISTATUS;
        break;
      case MULTISTATUS:
        if (uri === DAV && local === 'response') {
          context = RESPONSE;
          this.hrefs = [];
          this.props.fill(null);
          this.collection = false;
          this.described = false;
        }
        break;
      case RESPONSE:
        if (uri === DAV && local === 'href') context = this.reading(HREF, local);
        else if (uri === DAV && local === 'propstat') {
          context = PROPSTAT;
          this.pending.fill(null);
          this.pendingCollection = false;
          this.pendingProp = false;
          this.status = null;
        }
        break;
      case PROPSTAT:
        if (uri === DAV && local === 'prop') {
          context = PROP;
          this.pendingProp = true;
        } else if (uri === DAV && local === 'status') context = this.reading(STATUS, local);
        break;
      case PROP: {
        const field = uri === DAV ? DAV_PROPS[local] : isOwnCloud(uri) ? OC_PROPS[local] : undefined;
        if (field !== undefined) context = this.reading(field, local);
        else if (uri === DAV && local === 'resourcetype') context = RESOURCETYPE;
        else if (isOwnCloud(uri) && local === 'checksums') context = CHECKSUMS;
        break;
      }
      case RESOURCETYPE:
        if (uri === DAV && local === 'collection') this.pendingCollection = true;
        break;
      case CHECKSUMS:
        if (isOwnCloud(uri) && local === 'checksum' && this.pending[CHECKSUM] === null) context = this.reading(CHECKSUM, local);
        break;
    }
    this.contexts.push(context);
  }

  private reading(field: number, name: string): number {
    this.field = field;
    this.fieldName = name;
    this.text = '';
    return TEXT;
  }

  private addText(text: string): void {
    if (this.contexts[this.contexts.length - 1] !== TEXT) return;
    this.text += text;
    if (this.text.length > MAX_TEXT) this.fail(`has a <${this.fieldName}> text longer than ${MAX_TEXT / 1024} KiB`);
  }

  private close(): void {
    const context = this.contexts.pop();
    if (context === TEXT) {
      const value = this.text.trim();
      this.text = '';
      if (this.field === HREF) {
        if (++this.entries > this.limits.maxEntries) this.fail(`has more than ${this.limits.maxEntries} entries: given up (raise maxEntries of ${this.limits.raiseHint} to read it)`);
        this.hrefs.push(value);
      } else if (this.field === STATUS) this.status = value;
      else this.pending[this.field] = value === '' ? null : value;
    } else if (context === PROPSTAT) {
      this.described ||= this.pendingProp;
      if (isSuccess(this.status)) {
        for (let f = 0; f < PROPS; f++) if (this.pending[f] != null) this.props[f] = this.pending[f]!;
        this.collection ||= this.pendingCollection;
      }
    } else if (context === RESPONSE) this.emit();
    else if (context === MULTISTATUS) this.rootClosed = true;
  }

  private emit(): void {
    if (this.hrefs.length === 0) this.fail('has a response without an href');
    const p = this.props;
    for (const href of this.hrefs) {
      this.onEntry({
        href, described: this.described, collection: this.collection,
        etag: p[ETAG] ?? null, contentLength: p[LENGTH] ?? null, lastModified: p[MODIFIED] ?? null, fileId: p[FILEID] ?? null,
        permissions: p[PERMISSIONS] ?? null, size: p[SIZE] ?? null, checksum: p[CHECKSUM] ?? null, dataFingerprint: p[FINGERPRINT] ?? null,
      });
    }
  }
}
