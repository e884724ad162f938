// Usage text for each command. Every file named here ships in the package.
const SPEC = `SPEC is a JSON file (any name with a "/" or ending in .json: ./seed is a file), "-" for
standard input, or the name of a preset: seed, sigmoid-mse, tanh-mse, deep-relu, sigmoid-bce, and
for other topologies residual, dense, pruned, two-outputs, output-feeds, tied-autoencoder, the
recurrent rnn and rnn-last, and the convolutional conv1d and conv2d. Without SPEC and network
flags: the seed's 3-2-2 network. Its format (layers, with "connections" for skips, the graph
form node by node, with "tied" weights, the recurrent form or the convolutional form):
README.md, "Network spec", and
schema/spec.schema.json in the package.`;

const NETWORK = `  --layers 3,2,2          layer sizes, inputs first (overrides SPEC's)
  --activation A          hidden activation: identity, sigmoid, tanh, relu, leaky-relu, softplus,
                          softmax, or JSON: '{"custom": "x / (1 + abs(x))"}'
  --output-activation A   output activation (default: the hidden one); the same forms
  --loss L                mse, sse, cross-entropy, binary-cross-entropy, or JSON:
                          '{"custom": "(y - t)^4"}'`;

export const HELP: Record<string, string> = {
  main: `backprop-derive: step-by-step, machine-checked derivations of backpropagation

Usage:
  backprop-derive derive   [SPEC...] [flags]  write the proof, every step checked, to out/
  backprop-derive check    [SPEC] [flags]     check every step and every gradient numerically
  backprop-derive evaluate [SPEC] --params FILE  print E, net, y, delta, gradients and updates
  backprop-derive verify   [SPEC] --claim TEXT   check your own formulas, and say what is wrong
  backprop-derive exercises [SPEC...] [flags] an exercise sheet and its answer key, every answer checked
  backprop-derive --version

${SPEC}
Run a command with --help for its flags.
Exit codes: 0 success, 1 a numeric check failed, 2 bad input.`,
  derive: `backprop-derive derive [SPEC...] [flags]

Writes the derivation to --out in every --format, each step and each gradient checked. With
several specs, each is written to OUT/<name>/ (<name>: the file name without .json, the
preset's name, or "stdin").

${NETWORK}
  --format tex,html,md,json   formats to write (default: all four); numpy, pytorch and js add the
                          backward pass as a program (backprop.py, backprop_torch.py,
                          backprop.mjs) that prints evaluate's JSON for a params file;
                          ipynb the notes as a notebook with the NumPy code in cells
  --out DIR               output directory (default: out); "-" writes the document of the one
                          --format to standard output (HTML and Markdown then refer to files,
                          network.svg (and katex/ with --assets external), that are not written)
  --template FILE         replace the built-in template of one format: the one --format names,
                          or the one the file name ends with (*.tex.njk, *.html.njk, *.md.njk,
                          *.json.njk); the variables it may use: templates/README.md
  --fragment              write only the body (derivation.fragment.tex, .html, .md)
  --style notes|proof|slides  a textbook chapter (default), the exhaustive proof, every step
                          with its rule and check mark, or lecture slides (a Beamer deck,
                          derivation.slides.tex; with --format html, or tex,html, also one
                          self-contained HTML deck, derivation.slides.html)
  --label-prefix P        prefix of every label and anchor (default: from the network's name)
  --labels full|short|none  the justification beside each formula: in full, a few words
                          naming the rule, or none (default: short in the notes, full in the proof)
  --appendix include|omit   the lemmas, the table of activations and the details of the check
                          (default: include; omit with --fragment)
  --code numpy|pytorch|js   add the backward pass as a program to the documents (tex, html,
                          md): an appendix listing it, each function beside the equations it
                          computes
  --tags plain|prefixed     BP1-BP4 as they are, or after the label prefix, P-BP1 (default:
                          prefixed in a fragment given --label-prefix)
  --number-from N         the number of the first numbered equation (default 1), so that a
                          second fragment in one document continues the first
  --section-level L       top headings: chapter, section (default) or subsection
  --author NAME           the author line of the documents (default: none)
  --assets inline|external  HTML: one self-contained file (default), or KaTeX's files in katex/
  --expand N              show layers of up to N nodes in full in the documents
  --lang L                language of the prose: en (default) or zh-Hant
  --params FILE           the worked example at these params (README.md, "Params"); "-" reads
                          standard input
  --example small|none    without --params, the notes carry a worked example on small fixed
                          numbers (networks of up to 120 weights and biases); none leaves it out
  --digits N              significant digits of its numbers, 1 to 9 (default 6)
  --no-check              check nothing (quick, while editing a template); the documents say so
  --cas                   also cross-check the gradients with the computer algebra system
                          nerdamer-prime (networks of up to 40 parameters)
  --seed N                seed of the random points of the checks (default 1)
  --full-check            check every parameter and every step of long enumerations
                          (default: seeded samples of 300)
  --points, --method, --tolerance   as for check: how every step is checked
  --watch                 derive again whenever a spec file, the params or the template
                          changes (a bad edit is reported and the watch goes on; Ctrl-C stops)
  --quiet, -q             print nothing but errors (no list of files, no summaries, no progress)`,
  check: `backprop-derive check [SPEC] [flags]

Checks every step of the proof numerically: each equality at seeded random points of the
network (index-form steps over their bindings, or a seeded sample of at most 100), every
symbol taking its true value from an independent forward evaluation, and every derivative
symbol (dE/dnet_k, dnet_k/dy_j, dy_i/dnet_k, ...) by perturbing that quantity and recomputing
what lies downstream. Definitions and notation are reported as such, not as checks. Then
compares every derived gradient with central differences, as a table, and, for networks of up
to 40 parameters, with the derivatives of the computer algebra system nerdamer-prime. Prints a
summary (steps verified, definitions, failed; the worst relative error and where); exits 1 on
any failure. A point at which a difference step would cross a relu kink or leave a logarithm's
domain is redrawn, up to 50 times.

${NETWORK}
  --points N              random points per step, 1 to 100 (default 3)
  --method M              central (default): Richardson-extrapolated central differences;
                          complex-step: exact to rounding where the network is analytic
                          (identity, sigmoid, tanh, softplus, softmax, analytic custom),
                          central differences through relu-type activations
  --tolerance X           relative tolerance, between 0 and 1 (default 1e-5); below 1e-4 x
                          max(1, |E|) differences are measured absolutely
  --seed N                seed of the random points (default 1)
  --full-check            check every gradient and every step of long enumerations
                          (default: seeded samples of 300 beyond 300)
  --params FILE           check at the given params instead of random points ("-": standard input);
                          with "examples", also the gradients of the whole batch loss
  --json                  print the report as JSON: { passed, gradients, steps, cas }
  --quiet, -q             print nothing; the exit code says whether every check passed`,
  evaluate: `backprop-derive evaluate [SPEC] [network flags] --params FILE

${NETWORK}

Prints JSON: { "E", "nodes": { k: { net, y, delta } }, "gradients": { k: { j, b } },
"updated": { k: { j, b } } }, computed by evaluating the derived expressions; with "examples"
(a mini-batch), { "E", "examples": [{ "E", "nodes" }], "gradients", "updated" }. SPEC or FILE may
be "-" (standard input), not both. The params format: README.md, "Params", and
schema/params.schema.json in the package.`,
  verify: `backprop-derive verify [SPEC] [flags] (--claim TEXT)... | --claims FILE

Checks your own formulas against the network: each claim at seeded random points, over every
node its free indices range over, against values from the forward definitions and finite
differences. A claim is an equation in LaTeX (\\delta_j = y_j(1-y_j)\\sum_k \\delta_k w_{kj}) or
in the plain notation (delta_j = y_j*(1-y_j)*sum(delta_k*w_k_j, k, downstream(j))), its left side
E, delta_k, net_k, y_k, dE/dw_kj, dE/dw_b_k, dE/dy_k, dE/dnet_k, dy_i/dnet_k, or an update
w_kj <- ... (w'_kj = ...). Free indices range over what follows the formula: "for j in hidden,
k in {6, 7}" (hidden, output, input, layer N, a list); without it i input, j hidden, k output.
A failing claim gets its likely mistake, a note and the correct formula. Exit codes: 0 all
hold, 1 one fails, 2 one cannot be read (or bad input).

${NETWORK}
  --claim TEXT            a claim (repeat for several)
  --claims FILE           one claim per line; lines starting with # and blank lines are skipped
  --json                  print { claims: [ { claim, verdict, range, worst, counterexample,
                          diagnosis, note, correct } ] }
  --format html|md|tex    write a graded report (verify.html, .md or .tex) to --out
  --out DIR               where the report goes (default: out)
  --lang L                language of notes and report: en (default) or zh-Hant
  --points N              random points, 1 to 20 (default 3)
  --seed N                seed of the random points (default 1)
  --tolerance X           relative tolerance, between 0 and 1 (default 1e-5)
  --quiet, -q             print nothing but errors; the exit code gives the verdict`,
  exercises: `backprop-derive exercises [SPEC...] [network flags] [flags]

Writes an exercise sheet on the network (or on each of several, one part each, the exercises
numbered through) and its answer key to --out: exercises.<fmt> and answers.<fmt> for tex, html
and md, exercises.json and exercises.moodle.xml. The key cites the notes' equation numbers.
Every numeric answer
is computed from the derived formulas and checked against an independent evaluation at the
sheet's numbers, every derivation step at random points, before anything is written.

${NETWORK}
  --kinds LIST            numeric, derivation, spot-the-error, mini-batch (default: all)
  --count N               at most N exercises, 1 to 100 (kinds take turns; shared out over the specs)
  --seed N                the sheet's numbers and choices (default 1): one seed per student
  --vary network          also draw other hidden layer sizes and hidden activation from the seed
                          (a layered spec without connections or tied weights)
  --format LIST           tex, html, md, json, moodle (default: all)
  --lang L                en (default) or zh-Hant
  --out DIR               output directory (default: out)
  --quiet, -q             print nothing but errors`,
};
