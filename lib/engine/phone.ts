/** Phone rules of SPEC §5.4 / §7: only a full mainland mobile number can reach a customer. */

/**
 * The bare 11-digit number (spaces, dashes, dots, parentheses and a leading +86 / 0086 / 86
 * removed), or null when not a full number.
 */
export function normalizeFullPhone(phone: string): string | null {
  let p = phone.replace(/[\s\-.()（）]/g, '');
  if (p.startsWith('+86')) p = p.slice(3);
  else if (p.startsWith('0086')) p = p.slice(4);
  else if (/^861\d{10}$/.test(p)) p = p.slice(2);
  return /^1\d{10}$/.test(p) ? p : null;
}

/** True when the phone is a full number (a masked 138****1234 is not). */
export function isFullPhone(phone: string): boolean {
  return normalizeFullPhone(phone) !== null;
}
