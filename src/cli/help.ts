// Usage text for each command.
export const HELP: Record<string, string> = {
  main: `backprop-derive: step-by-step, machine-checked derivations of backpropagation

Usage:
  backprop-derive derive   [SPEC] [flags]   write the proof to out/ (LaTeX, JSON)
  backprop-derive check    [SPEC] [flags]   compare every gradient with finite differences
  backprop-derive evaluate SPEC --params FILE   print E, net, y, delta, gradients and updates

SPEC is a JSON file or a preset name from templates/networks (seed, sigmoid-mse, ...).
Without SPEC and flags: the seed's 3-2-2 network. Run a command with --help for its flags.
Exit codes: 0 success, 1 a numeric check failed, 2 bad input.`,
  derive: `backprop-derive derive [SPEC] [flags]

  --layers 3,2,2          layer sizes, inputs first (overrides SPEC's)
  --activation A          hidden activation: identity, sigmoid, tanh, relu, leaky-relu, softplus, softmax
  --output-activation A   output activation (default: the hidden one)
  --loss L                mse, sse, cross-entropy, binary-cross-entropy
  --format tex,json       formats to write (default: all)
  --out DIR               output directory (default: out)
  --template FILE         replace the built-in template (one format only)
  --fragment              write only the body (derivation.fragment.tex)
  --seed N                seed of the random point of the gradient check (default 1)
  --full-check            check every parameter, not a sample of 300
  --lang en               language of the prose`,
  check: `backprop-derive check [SPEC] [flags]

Evaluates every derived gradient at a seeded random point and compares it with central
differences of an independent forward evaluation. Prints a table; exits 1 on any failure.

  --layers, --activation, --output-activation, --loss   as for derive
  --seed N                seed of the random point (default 1)
  --full-check            check every parameter (default: a seeded sample of 300 beyond 300)
  --tolerance X           relative tolerance (default 1e-5)
  --params FILE           check at the given params instead of a random point`,
  evaluate: `backprop-derive evaluate SPEC --params FILE

Prints JSON: { "E", "nodes": { k: { net, y, delta } }, "gradients": { k: { j, b } },
"updated": { k: { j, b } } }, computed by evaluating the derived expressions.`,
};
