/** Email addresses as identities: one normalized form for storage, lookup and uniqueness. */

const EMAIL_PATTERN = /^[^\s@"(),:;<>[\\\]\x00-\x1f\x7f]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Trimmed, NFC and lower-cased: "Alice@Example.COM " and "alice@example.com" are one account. */
export function normalizeEmail(raw: string): string {
  return raw.normalize('NFC').trim().toLowerCase();
}

export function isValidEmail(normalized: string): boolean {
  return normalized.length <= 254 && EMAIL_PATTERN.test(normalized);
}
