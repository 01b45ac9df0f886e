/**
 * Phone numbers for SMS OTP. Numbers are stored and sent in E.164 only (`+` then 7 to 15 digits,
 * no leading zero in the country code), so one number has exactly one spelling: rate limits,
 * "already in use" checks and the outbox recipient all compare equal strings.
 */

const E164 = /^\+[1-9]\d{6,14}$/;

/** Longer input is not a phone number however it is punctuated; refuse before any regex work. */
const MAX_RAW_LENGTH = 64;

export function isValidPhoneE164(phone: string): boolean {
  return E164.test(phone);
}

/**
 * Turns what a user typed into E.164, or null when it is not an international number.
 * Accepted separators: whitespace, dashes, dots and parentheses; `00` as the international prefix
 * becomes `+`. In international notation a "(0)" is the national trunk prefix
 * ("+49 (0)151 ..." is dialled as +49151...), so it is dropped rather than kept as a digit.
 * National numbers without a country code ("0151 ...") are refused: the country is not guessed.
 */
export function normalizePhone(raw: string): string | null {
  if (raw.length > MAX_RAW_LENGTH) return null;
  let phone = raw.trim();
  if (phone.startsWith('00')) phone = `+${phone.slice(2)}`;
  if (phone.startsWith('+')) phone = phone.replace(/\(\s*0\s*\)/g, '');
  phone = phone.replace(/[\s\-.()]/g, '');
  return isValidPhoneE164(phone) ? phone : null;
}
