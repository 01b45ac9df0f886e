/**
 * The parameters of a /api/v3 request, read the way Binance reads them: the query string and a
 * form-encoded body, a parameter in both taking the query's value; and, for signed requests, the
 * payload that was signed: the raw query string followed directly by the raw body, each without
 * its `signature` parameter. Raw means as sent (percent-encoded), never re-encoded here.
 */

export interface RequestParams {
  /** Decoded values; the query string wins over the body, the first occurrence over later ones. */
  values: Map<string, string>;
  /** What the client signed. */
  payload: string;
  /** The decoded `signature` parameter (its first value; the query string's over the body's), or null. */
  signature: string | null;
  /** A parameter whose name or value could not be decoded (bad percent-encoding). */
  malformed: string | null;
}

function decode(part: string): string | null {
  // Most names and values (timestamp, recvWindow, the hex signature) have nothing to decode.
  if (part.indexOf('%') < 0 && part.indexOf('+') < 0) return part;
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/**
 * Splits one raw part into its parameters; returns that part without `signature` for the payload.
 * The payload keeps every other byte as sent, empty components included ("a=1&&b=2", a leading or
 * trailing "&"): a client signs the bytes it sends, so dropping a component would break its
 * signature. Removing a `signature` component removes one "&" with it: the one before it, or the
 * one after it when it comes first.
 */
function readPart(raw: string, into: RequestParams, overwrite: boolean): string {
  if (raw.length === 0) return '';
  const kept: string[] = [];
  const seen = new Set<string>();
  // The part's first `signature`, like any repeated parameter; undefined until one is seen.
  let signature: string | null | undefined;
  for (const component of raw.split('&')) {
    if (component.length === 0) {
      kept.push(component);
      continue;
    }
    const eq = component.indexOf('=');
    const rawName = eq < 0 ? component : component.slice(0, eq);
    const rawValue = eq < 0 ? '' : component.slice(eq + 1);
    const name = decode(rawName);
    const value = decode(rawValue);
    if (name === 'signature') {
      if (signature === undefined) signature = value;
      continue;
    }
    kept.push(component);
    if (name === null || value === null) {
      into.malformed ??= name ?? rawName;
      continue;
    }
    if (seen.has(name)) continue;
    seen.add(name);
    if (overwrite || !into.values.has(name)) into.values.set(name, value);
  }
  if (signature === null) into.malformed ??= 'signature';
  else if (signature !== undefined && (overwrite || into.signature === null)) into.signature = signature;
  return kept.join('&');
}

export function readRequestParams(rawQuery: string, rawBody: string): RequestParams {
  const params: RequestParams = { values: new Map(), payload: '', signature: null, malformed: null };
  const body = readPart(rawBody, params, false);
  const query = readPart(rawQuery, params, true);
  params.payload = query + body;
  return params;
}

/** The raw query string of a request URL (everything after the first "?"). */
export function rawQueryOf(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at + 1);
}
