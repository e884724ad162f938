// What the HTML page shares with the other formats without needing KaTeX: the names of the files
// beside it and HTML escaping. KaTeX (render/html.ts) is loaded only where HTML is rendered.
export const DIAGRAM_FILE = "network.svg";
export const KATEX_CSS = "katex/katex.min.css";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
