// What the page shows, as one value: the spec's JSON text as typed (the truth, even while it does
// not parse), the look of the documents, the checks and the worked example. It travels in the
// URL's fragment (a lecturer shares the link) and in localStorage (a reload keeps it).
export type Style = "notes" | "proof";

export interface PageState {
  readonly specText: string;
  readonly style: Style;
  readonly lang: string;
  readonly check: boolean;
  readonly example: boolean;
  /** The worked example's params as JSON text; "" until drawn or typed. */
  readonly paramsText: string;
}

export const LANGS = ["en", "zh-Hant"] as const;
export const STORAGE_KEY = "backprop-derive-playground";

/** A spec as the JSON editor shows it: one key a line, each value on one line. */
export function formatSpec(spec: unknown): string {
  if (spec === null || typeof spec !== "object" || Array.isArray(spec)) return compact(spec);
  const entries = Object.entries(spec as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `  ${JSON.stringify(k)}: ${compact(v)}`).join(",\n")}\n}`;
}

/** JSON on one line, with a space after each comma and colon outside strings: [3, 2, 2]. */
function compact(v: unknown): string {
  const s = JSON.stringify(v) ?? "null";
  let out = "";
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    out += c;
    if (inString) {
      if (c === "\\") out += s[++i] ?? "";
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "," || c === ":") out += " ";
  }
  return out;
}

const FIELDS = { spec: "specText", style: "style", lang: "lang", check: "check", example: "example", params: "paramsText" } as const;

/** The state as a URL fragment: spec=...&style=proof&... (only what differs from `defaults`). */
export function encodeState(s: PageState, defaults: PageState): string {
  const q = new URLSearchParams();
  for (const [key, field] of Object.entries(FIELDS)) {
    const v = s[field];
    if (v === defaults[field] && key !== "spec") continue;
    q.set(key, typeof v === "boolean" ? (v ? "1" : "0") : v);
  }
  return q.toString();
}

/** The state a fragment or a stored string describes; unknown or bad values keep the defaults. */
export function decodeState(text: string, defaults: PageState): PageState {
  const q = new URLSearchParams(text.replace(/^#/, ""));
  const str = (k: string, d: string): string => q.get(k) ?? d;
  const bool = (k: string, d: boolean): boolean => (q.has(k) ? q.get(k) === "1" : d);
  const style = q.get("style");
  const lang = q.get("lang");
  return {
    specText: str("spec", defaults.specText),
    style: style === "notes" || style === "proof" ? style : defaults.style,
    lang: lang !== null && (LANGS as readonly string[]).includes(lang) ? lang : defaults.lang,
    check: bool("check", defaults.check),
    example: bool("example", defaults.example),
    paramsText: str("params", defaults.paramsText),
  };
}

/** The state from the link, else from the last visit, else the defaults. */
export function initialState(defaults: PageState): PageState {
  if (location.hash.length > 1) return decodeState(location.hash, defaults);
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved !== null) return decodeState(saved, defaults);
  } catch {
    // No storage: the defaults.
  }
  return defaults;
}

/** The state into the link (replacing the history entry) and into local storage. */
export function storeState(s: PageState, defaults: PageState): void {
  const hash = encodeState(s, defaults);
  try {
    history.replaceState(null, "", `#${hash}`);
    localStorage.setItem(STORAGE_KEY, hash);
  } catch {
    // A page whose storage is off still works; the link is the record.
  }
}
