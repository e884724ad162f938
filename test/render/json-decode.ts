// Reads derivation.json's compact steps (format 3, README "derivation.json") back into one
// object per step, as a consumer would: block fields and the block's check apply to every step
// that does not give its own; an "instances" block stands for the steps first..last.
export interface DecodedStep {
  readonly id: string;
  readonly relation?: string;
  readonly rule?: string;
  readonly label?: string;
  readonly lhs?: { latex: string; text: string };
  readonly rhs?: { latex: string; text: string };
  readonly result?: string;
  readonly instanceOf?: readonly string[];
  readonly continues: boolean;
  readonly forall: readonly { index: string; set: string }[];
  readonly check?: Record<string, unknown>;
}

type Json = Record<string, unknown>;

export function decodeSteps(doc: unknown): DecodedStep[] {
  const out: DecodedStep[] = [];
  for (const section of (doc as { sections: { blocks: Json[] }[] }).sections) {
    for (const block of section.blocks) {
      if (block.kind !== "steps") continue;
      const shared = { relation: block.relation, rule: block.rule, label: block.label } as Json;
      const blockCheck = block.check as Json | undefined;
      const instances = block.instances as { of: string[]; count: number; first: string; last: string } | undefined;
      if (instances !== undefined) {
        const [a, b] = [Number(instances.first.slice(1)), Number(instances.last.slice(1))];
        if (b - a + 1 !== instances.count) throw new Error(`instances ${instances.first}..${instances.last} are not ${instances.count}`);
        const own = (block.checks ?? {}) as Record<string, Json>;
        for (let i = a; i <= b; i++) {
          const id = `s${i}`;
          const check = own[id] ?? blockCheck;
          out.push({ id, ...shared, instanceOf: instances.of, continues: false, forall: [], ...(check ? { check } : {}) } as DecodedStep);
        }
        continue;
      }
      for (const s of block.steps as Json[]) {
        const check = (s.check ?? blockCheck) as Json | undefined;
        out.push({
          ...shared,
          ...s,
          continues: s.continues === true,
          forall: (s.forall ?? []) as DecodedStep["forall"],
          ...(check ? { check } : {}),
        } as DecodedStep);
      }
    }
  }
  return out;
}
