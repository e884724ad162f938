// A frame of values at a point: the params, inputs and targets set, and every net and y
// computed, by the dense kernel (src/check/dense.ts) where one is given and otherwise by the
// printed forward definitions, node by node in numbered order; and the output nodes' δ from
// their printed trees, which the kernel's backward pass starts from (src/check/derived.ts).
import { EvalError } from "../expr/evaluate.js";
import type { Proof } from "../derive/proof.js";
import type { Params } from "../network/params.js";
import { layerLogs, type DenseKernel, type KernelArrays } from "./dense.js";
import { ARRAYS, DELTA, ETA, LN1MY, LNY, NET, P, T, Y, YMT, yMinusT } from "./frame.js";
import { programs, type Programs } from "./programs.js";

const PER_NODE = [Y, NET, DELTA, T, LNY, LN1MY, YMT];

/** A frame at p: params, inputs and targets set, every net and y computed (by the kernel where given). */
export function frameOf(proof: Proof, p: Params, kernel: DenseKernel | undefined): { frame: Float64Array[]; arrays: KernelArrays } {
  const network = proof.network;
  const size = network.nodes.length;
  const frame: Float64Array[] = Array.from({ length: ARRAYS }, () => new Float64Array(0));
  // Read where they are: copying 10^5 weights would cost more than a whole gradient.
  frame[P] = p.values as unknown as Float64Array;
  // One allocation for the per-node arrays: a typed array's own buffer costs more than its views.
  const store = new Float64Array(7 * size + 1).fill(Number.NaN);
  for (let i = 0; i < PER_NODE.length; i++) frame[PER_NODE[i]!] = store.subarray(i * size, (i + 1) * size);
  frame[ETA] = store.subarray(7 * size);
  frame[ETA][0] = p.eta;
  const y = frame[Y]!;
  const inputs = network.inputs;
  for (let i = 0; i < inputs.length; i++) y[inputs[i]!] = p.inputs[i]!;
  network.outputs.forEach((n, i) => (frame[T]![n] = p.targets[i]!));
  const arrays: KernelArrays = {
    p: frame[P]!,
    y: frame[Y]!,
    net: frame[NET]!,
    delta: frame[DELTA]!,
    lny: frame[LNY]!,
    ln1my: frame[LN1MY]!,
  };
  if (kernel !== undefined) kernel.forward(arrays);
  else forward(programs(proof), frame);
  // y_k - t_k of every output, for an error term that is exactly that (outputDeltaScope).
  for (const k of network.outputs) frame[YMT]![k] = yMinusT(frame[Y]![k]!, frame[T]![k]!, frame[LN1MY]![k]!);
  return { frame, arrays };
}

/** The output nodes' δ, each from its printed tree, for the kernel's backward pass. */
export function outputDeltas(progs: Programs, kernel: DenseKernel, frame: Float64Array[]): void {
  for (const k of kernel.outputs) {
    const c = progs.delta(k);
    if (c === undefined || c.deltas.length > 0) throw new EvalError(`no value for delta_${k}`);
    frame[DELTA]![k] = c.run(frame);
  }
}

/** net and y of every node in numbered order; a coupled (softmax) layer once its last net is known. */
function forward(progs: Programs, frame: Float64Array[]): void {
  const network = progs.network;
  const net = frame[NET]!;
  const y = frame[Y]!;
  for (const node of network.nodes) {
    const k = node.id;
    const netProgram = progs.net[k];
    if (netProgram === undefined) continue;
    net[k] = netProgram.run(frame);
    const layer = network.layers[node.layer]!;
    const a = layer.activation!;
    if (a.elementwise) {
      y[k] = progs.y[k]!.run(frame);
      if (a.logValue !== undefined && a.logOneMinusValue !== undefined) {
        frame[LNY]![k] = a.logValue(net[k]!);
        frame[LN1MY]![k] = a.logOneMinusValue(net[k]!);
      } else {
        frame[LNY]![k] = Math.log(y[k]!);
        frame[LN1MY]![k] = Math.log1p(-y[k]!);
      }
    } else if (k === layer.nodes[layer.nodes.length - 1]) {
      // The printed quotient e^{net_k} / sum_l e^{net_l}, evaluated the stable way (shifted by
      // the largest net), since the naive one overflows to Inf / Inf once a net passes ~709.
      const ys = a.values(layer.nodes.map((m) => net[m]!));
      layer.nodes.forEach((m, i) => (y[m] = ys[i]!));
      layerLogs(layer, net, y, frame[LNY]!, frame[LN1MY]!);
    }
  }
}
