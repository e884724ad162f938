// Bad input: reported as one line naming the field and what is allowed, exit code 2.
export class InputError extends Error {
  constructor(
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = "InputError";
  }
}

/** The longest stretch of a user's value that a message echoes. */
export const ECHO_LIMIT = 60;

/**
 * Characters that would change how a message reads on a terminal, shown as escapes so that a
 * message stays one line of what it says: controls (a newline as \n), format characters (U+202E,
 * which reverses the text after it, zero-width spaces), line and paragraph separators, and lone
 * halves of a surrogate pair.
 */
export const escapeControls = (s: string): string =>
  s.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, (c) =>
    c === "\n" ? "\\n" : c === "\t" ? "\\t" : c === "\r" ? "\\r" : codePoint(c.codePointAt(0)!),
  );

const codePoint = (n: number): string => (n > 0xffff ? `\\u{${n.toString(16)}}` : `\\u${n.toString(16).padStart(4, "0")}`);

/** The first `limit` UTF-16 units of s, one fewer if the cut would split a surrogate pair. */
export function cutAt(s: string, limit: number): string {
  const end =
    limit > 0 && limit < s.length && /[\uD800-\uDBFF]/.test(s[limit - 1]!) && /[\uDC00-\uDFFF]/.test(s[limit]!) ? limit - 1 : limit;
  return s.slice(0, end);
}

/** A string cut to `limit` characters (whole code points) with "..." and its control characters escaped. */
export function shorten(s: string, limit = ECHO_LIMIT): string {
  const cut = s.length > limit ? `${cutAt(s, limit)}...` : s;
  return escapeControls(cut);
}

/**
 * A user's value as a message quotes it: strings in quotes, shortened; numbers and booleans as
 * written; arrays and objects by kind only (never serialised: they may be huge or deeply nested).
 */
export function shown(v: unknown): string {
  switch (typeof v) {
    case "string":
      return `"${shorten(v)}"`;
    case "number":
    case "boolean":
      return String(v);
    case "bigint":
      return `${shorten(String(v))}n (a BigInt)`;
    case "undefined":
      return "missing";
    case "symbol":
      return "a symbol";
    case "function":
      return "a function";
    case "object":
      return v === null ? "null" : Array.isArray(v) ? `an array of ${v.length}` : "an object";
  }
  return "a value";
}
