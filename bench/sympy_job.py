# The same job as `backprop-derive derive` of a sigmoid/mse network, for SymPy: write E from the
# forward definitions and differentiate it with respect to every weight and bias. Prints JSON:
# the parameter count, the time to import SymPy and the time of the job itself.
import json
import sys
import time

t0 = time.perf_counter()
import sympy as sp  # noqa: E402

t1 = time.perf_counter()
sizes = [int(s) for s in sys.argv[1].split(",")]
ys = [sp.Symbol(f"x_{i}") for i in range(1, sizes[0] + 1)]
params = []
node = sizes[0]
for size in sizes[1:]:
    outs = []
    for _ in range(size):
        node += 1
        ws = [sp.Symbol(f"w_{node}_{j}") for j in range(1, len(ys) + 1)]
        b = sp.Symbol(f"w_b_{node}")
        params += ws + [b]
        net = sp.Add(*[w * y for w, y in zip(ws, ys)]) + b
        outs.append(1 / (1 + sp.exp(-net)))
    ys = outs
ts = [sp.Symbol(f"t_{k}") for k in range(len(ys))]
E = sp.Rational(1, 2) * sp.Add(*[(t - y) ** 2 for t, y in zip(ts, ys)])
grads = [sp.diff(E, p) for p in params]
t2 = time.perf_counter()
print(json.dumps({"params": len(grads), "import_s": t1 - t0, "job_s": t2 - t1}))
