// The code tab: the backward pass of the network shown as NumPy, PyTorch or JavaScript (the
// library's toCode, what `derive --format numpy|pytorch|js` writes), and its three files among
// the downloads.
import { CODE_LANGS, type CodeLang, InputError, type Proof, toCode } from "../src/index.js";
import type { Download } from "./downloads.js";

const LABELS: Readonly<Record<CodeLang, string>> = { numpy: "NumPy", pytorch: "PyTorch (by hand)", js: "JavaScript" };
const TYPES: Readonly<Record<CodeLang, string>> = { numpy: "text/x-python", pytorch: "text/x-python", js: "text/javascript" };

/** The programs as downloads: backprop.py, backprop_torch.py, backprop.mjs. */
export const CODE_DOWNLOADS: readonly Download[] = CODE_LANGS.map((lang) => ({
  file: toCodeName(lang),
  label: `the backward pass in ${LABELS[lang]}`,
  type: TYPES[lang],
  make: (input) => {
    const program = toCode(input.proof, lang);
    return { name: program.name, content: program.text };
  },
}));

function toCodeName(lang: CodeLang): string {
  return { numpy: "backprop.py", pytorch: "backprop_torch.py", js: "backprop.mjs" }[lang];
}

/** The code box (#code): a choice of language and the program; returns what shows a new proof. */
export function mountCode(doc: Document): (proof: Proof) => void {
  const box = doc.getElementById("code");
  const select = doc.getElementById("code-lang") as HTMLSelectElement | null;
  const text = doc.getElementById("code-text");
  if (box === null || select === null || text === null) return () => undefined;
  for (const lang of CODE_LANGS) select.append(Object.assign(doc.createElement("option"), { value: lang, textContent: LABELS[lang] }));
  let shown: Proof | undefined;
  const show = (): void => {
    if (shown === undefined) return;
    // Made only while the box is open: a large network's program is long.
    if (!(box as HTMLDetailsElement).open) return;
    try {
      text.textContent = toCode(shown, select.value as CodeLang).text;
    } catch (e) {
      // A form the programs are not written for: said in the box, as the command line says it.
      text.textContent = e instanceof InputError ? e.detail : String(e);
    }
    text.dataset.lang = select.value;
  };
  select.addEventListener("change", show);
  box.addEventListener("toggle", show);
  return (proof) => {
    shown = proof;
    show();
  };
}

/**
 * The choice, beside the downloads, of a program the documents list in an appendix (as `derive
 * --code` adds it); returns what reads the choice: a language, or undefined for none.
 */
export function mountCodeOption(doc: Document): () => CodeLang | undefined {
  const buttons = doc.getElementById("download-buttons");
  if (buttons === null) return () => undefined;
  const label = Object.assign(doc.createElement("label"), { className: "download-code", textContent: "Documents end with the code: " });
  const select = Object.assign(doc.createElement("select"), { id: "download-code" });
  select.append(Object.assign(doc.createElement("option"), { value: "", textContent: "none" }));
  for (const lang of CODE_LANGS) select.append(Object.assign(doc.createElement("option"), { value: lang, textContent: LABELS[lang] }));
  label.append(select);
  buttons.before(label);
  return () => CODE_LANGS.find((l) => l === select.value);
}
