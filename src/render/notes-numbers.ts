// The notes' equation numbers of a proof's steps, as the notes (default layout) show them: a
// chain's last line carries its number ("3") or its tag ("BP1"). An exercise sheet's key cites
// the notes by these numbers.
import type { Proof } from "../derive/proof.js";
import { DEFAULT_EXPAND } from "./elide.js";
import { buildView } from "./view.js";

export function notesNumbers(proof: Proof): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, d] of buildView(proof, DEFAULT_EXPAND, "notes").display) if (d.number !== undefined) out.set(id, d.number);
  return out;
}
