# One full gradient of a sigmoid/mse multilayer network at batch 1, written by hand with NumPy
# (float64; the textbook's backprop of network.py, weights and biases each in their own arrays,
# which is also what it returns), and with PyTorch (float64, one thread, autograd) where torch is installed: the
# baselines of bench/gradient.ts. Reads the network and its params as JSON on stdin ({ layers,
# inputs, targets, values }: values in the package's order, each node's weights then its bias),
# and prints JSON: the median time of each (ms) after warm-up runs, and NumPy's gradient.
import json
import os
import sys
import time

# One thread, before NumPy loads its BLAS.
for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[v] = "1"
import numpy as np  # noqa: E402

job = json.load(sys.stdin)
layers = job["layers"]
warmup, runs = int(sys.argv[1]), int(sys.argv[2])
values = np.array(job["values"], dtype=np.float64)
x0 = np.array(job["inputs"], dtype=np.float64)
t = np.array(job["targets"], dtype=np.float64)
shapes = []
at = 0
for m, n in zip(layers, layers[1:]):
    shapes.append((at, n, m))
    at += n * (m + 1)
# Each layer's weights and biases as their own arrays, column vectors throughout, as in the
# textbook's network.py (Nielsen, "Neural Networks and Deep Learning", whose BP1-BP4 these are).
weights = [values[o : o + n * (m + 1)].reshape(n, m + 1)[:, :-1].copy() for o, n, m in shapes]
biases = [values[o : o + n * (m + 1)].reshape(n, m + 1)[:, -1:].copy() for o, n, m in shapes]
x = x0.reshape(-1, 1)
y = t.reshape(-1, 1)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def numpy_gradient():
    activation = x
    activations = [x]
    for b, w in zip(biases, weights):
        activation = sigmoid(np.dot(w, activation) + b)
        activations.append(activation)
    a = activations[-1]
    delta = (a - y) * a * (1 - a)
    nabla_b = [None] * len(weights)
    nabla_w = [None] * len(weights)
    nabla_b[-1] = delta
    nabla_w[-1] = np.dot(delta, activations[-2].transpose())
    for l in range(2, len(layers)):
        a = activations[-l]
        delta = np.dot(weights[-l + 1].transpose(), delta) * a * (1 - a)
        nabla_b[-l] = delta
        nabla_w[-l] = np.dot(delta, activations[-l - 1].transpose())
    return nabla_b, nabla_w


def flat(nabla):
    """The gradient in the package's order (each node's weights, then its bias), to compare."""
    nabla_b, nabla_w = nabla
    return np.concatenate([np.hstack([w, b]).ravel() for b, w in zip(nabla_b, nabla_w)])


def median_ms(f):
    for _ in range(warmup):
        f()
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t0)
    return sorted(ts)[len(ts) // 2] * 1000


out = {
    "numpy_ms": median_ms(numpy_gradient),
    "numpy_version": np.__version__,
    "python": os.path.realpath(sys.executable),
    "gradient": flat(numpy_gradient()).tolist(),
}
try:
    import torch
except ImportError:
    torch = None
if torch is not None:
    torch.set_num_threads(1)
    tv = torch.tensor(values, dtype=torch.float64)
    tx = torch.tensor(x0, dtype=torch.float64)
    tt = torch.tensor(t, dtype=torch.float64)
    params = [tv[o : o + n * (m + 1)].reshape(n, m + 1).clone().requires_grad_(True) for o, n, m in shapes]

    def torch_gradient():
        for p in params:
            p.grad = None
        y = tx
        for p in params:
            y = torch.sigmoid(p[:, :-1] @ y + p[:, -1])
        (0.5 * ((y - tt) ** 2).sum()).backward()
        return torch.cat([p.grad.reshape(-1) for p in params])

    out["torch_ms"] = median_ms(torch_gradient)
    out["torch_version"] = torch.__version__
print(json.dumps(out))
