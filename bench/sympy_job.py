# The job of `backprop-derive derive` of a sigmoid/mse network, for SymPy, in one of two forms.
#   expanded: write E from the forward definitions and differentiate it with respect to every
#             weight and bias (each gradient comes out fully expanded, nothing shared).
#   factored: what backprop-derive writes: each delta by the chain rule, an output's as
#             dE/dy_k f'(net_k), a hidden node's as the sum over its successors of delta_k
#             dnet_k/dy_j times f'(net_j), each local derivative taken by SymPy, the deltas
#             kept as symbols; every gradient as delta_k dnet_k/dw_kj (delta_k y_j).
# Prints JSON: the parameter count, the time to import SymPy and the time of the job itself.
import json
import sys
import time

t0 = time.perf_counter()
import sympy as sp  # noqa: E402

t1 = time.perf_counter()
sizes = [int(s) for s in sys.argv[1].split(",")]
mode = sys.argv[2] if len(sys.argv) > 2 else "expanded"
if mode not in ("expanded", "factored"):
    raise SystemExit(f"mode: expanded or factored, not {mode}")


def sigmoid(x):
    return 1 / (1 + sp.exp(-x))


layers = [[sp.Symbol(f"x_{i}") for i in range(1, sizes[0] + 1)]]
params = []
nets = {}  # node symbol y_k -> (net_k symbol, its definition, its weights, the inputs it reads)
node = sizes[0]
ys = layers[0]
for size in sizes[1:]:
    outs = []
    for _ in range(size):
        node += 1
        ws = [sp.Symbol(f"w_{node}_{j}") for j in range(1, len(ys) + 1)]
        b = sp.Symbol(f"w_b_{node}")
        params += ws + [b]
        net = sp.Add(*[w * y for w, y in zip(ws, ys)]) + b
        if mode == "expanded":
            outs.append(sigmoid(net))
        else:
            yk = sp.Symbol(f"y_{node}")
            nets[yk] = (sp.Symbol(f"net_{node}"), net, ws + [b], ys)
            outs.append(yk)
    layers.append(outs)
    ys = outs
ts = [sp.Symbol(f"t_{k}") for k in range(len(ys))]
E = sp.Rational(1, 2) * sp.Add(*[(t - y) ** 2 for t, y in zip(ts, ys)])
if mode == "expanded":
    grads = [sp.diff(E, p) for p in params]
else:
    delta = {yk: sp.Symbol(f"delta_{str(yk)[2:]}") for yk in nets}
    deltas = {}
    grads = []
    for depth in range(len(layers) - 1, 0, -1):
        for yk in layers[depth]:
            netk, _, _, _ = nets[yk]
            fprime = sp.diff(sigmoid(netk), netk)
            if depth == len(layers) - 1:
                deltas[yk] = sp.diff(E, yk) * fprime
            else:
                after = layers[depth + 1]
                deltas[yk] = sp.Add(*[delta[ym] * sp.diff(nets[ym][1], yk) for ym in after]) * fprime
    for yk, (_, net, ws, _) in nets.items():
        grads += [delta[yk] * sp.diff(net, w) for w in ws]
t2 = time.perf_counter()
print(json.dumps({"params": len(grads), "import_s": t1 - t0, "job_s": t2 - t1}))
