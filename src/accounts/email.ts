/**
 * Email addresses as identities: one normalized form for storage, lookup and uniqueness.
 *
 * Protects: against look-alike duplicates ("ｔim@example.com" in full-width letters beside
 * "tim@example.com") and ambiguous Unicode. Invariants: input is folded with NFKC, trimmed and
 * lower-cased; the domain is stored in its ASCII (IDNA/punycode) form; the local part must be plain
 * ASCII (dot-atom), so no two stored addresses differ only in look-alike characters.
 */
import { domainToASCII } from 'node:url';

const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** NFKC-folded, trimmed, lower-cased, with an ASCII (punycode) domain. */
export function normalizeEmail(raw: string): string {
  const folded = raw.normalize('NFKC').trim().toLowerCase();
  const at = folded.lastIndexOf('@');
  if (at < 1) return folded;
  // domainToASCII answers '' for a domain IDNA refuses; the address then fails validation.
  const domain = domainToASCII(folded.slice(at + 1));
  return `${folded.slice(0, at)}@${domain}`;
}

export function isValidEmail(normalized: string): boolean {
  if (normalized.length > 254) return false;
  const at = normalized.lastIndexOf('@');
  if (at < 1 || at > 64) return false;
  return LOCAL_PART.test(normalized.slice(0, at)) && DOMAIN.test(normalized.slice(at + 1));
}
