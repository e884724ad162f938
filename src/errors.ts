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

/** Control characters (newlines included) shown as escapes, so that a message stays one line. */
export const escapeControls = (s: string): string =>
  s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    c === "\n" ? "\\n" : c === "\t" ? "\\t" : c === "\r" ? "\\r" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );

/** A string cut to `limit` characters with "..." and its control characters escaped. */
export function shorten(s: string, limit = ECHO_LIMIT): string {
  const cut = s.length > limit ? `${s.slice(0, limit)}...` : s;
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
