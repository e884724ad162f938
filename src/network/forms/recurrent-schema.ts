// The shapes of the recurrent form: the spec's `recurrent` object and a recurrent network's
// params (inputs and targets as rows per step, the matrices U, W, V and the vectors b, c). Like
// schema.ts they validate the input (the first problem named) and are emitted as JSON Schema;
// what depends on the sizes (a matrix's shape, the number of rows) is checked in code.
import * as z from "zod";
import { shown } from "../../errors.js";

/** At most this many steps are unrolled. */
export const MAX_STEPS = 200;
/** At most this many units in each of x, h and y. */
export const MAX_RECURRENT_SIZE = 1_000;

const isNot = (what: string) => (iss: { input?: unknown }) =>
  iss.input === undefined ? `is required: ${what}` : `is ${shown(iss.input)}; must be ${what}`;

const whole = (what: string, max: number) => {
  const message = isNot(`a whole number from 1 to ${max} (${what})`);
  return z.number({ error: message }).int({ error: message }).min(1, { error: message }).max(max, { error: message });
};

const RECURRENT_SHAPE = {
  inputs: whole("the size of each input x^(t)", MAX_RECURRENT_SIZE).describe("n_x: the size of the input x^(t) of each step"),
  hidden: whole("the size of the hidden state h^(t)", MAX_RECURRENT_SIZE).describe("n_h: the size of the hidden state h^(t)"),
  outputs: whole("the size of each output y^(t)", MAX_RECURRENT_SIZE).describe("n_y: the size of the output o^(t) and y^(t)"),
  steps: whole("the number of time steps", MAX_STEPS).describe("T: the number of steps the network is unrolled over"),
  lossAt: z
    .enum(["every", "last"], { error: (iss) => `is ${shown(iss.input)}; allowed: "every" (E sums the loss of every step) or "last"` })
    .optional()
    .describe('the steps whose output carries a loss: "every" (default) or "last"'),
};

export const RecurrentSchema = z
  .strictObject(RECURRENT_SHAPE, {
    error: (iss) =>
      iss.code === "unrecognized_keys"
        ? `unknown key; allowed: ${Object.keys(RECURRENT_SHAPE).join(", ")}`
        : iss.input === undefined
          ? "is required"
          : 'must be an object { "inputs": 2, "hidden": 3, "outputs": 2, "steps": 3 }',
  })
  .describe("the recurrent form: an Elman network unrolled over steps (Goodfellow's U, W, V, b, c)");

const num = (what: string) => z.number({ error: isNot(`a finite number (${what})`) });
const row = (what: string) => z.array(num(what), { error: isNot(`an array of numbers (${what})`) });
const matrix = (what: string) => z.array(row(what), { error: isNot(`an array of rows, one per receiving unit (${what})`) });

const WEIGHTS_SHAPE = {
  U: matrix("U: input to hidden, n_h rows of n_x").describe("U[i][j]: from input x_j to hidden unit i (n_h rows of n_x)"),
  W: matrix("W: hidden to hidden, n_h rows of n_h").describe("W[i][j]: from h_j^(t-1) to h_i^(t) (n_h rows of n_h)"),
  V: matrix("V: hidden to output, n_y rows of n_h").describe("V[k][i]: from hidden unit i to output k (n_y rows of n_h)"),
  b: row("b: the hidden biases, n_h numbers").describe("the hidden biases (n_h numbers)"),
  c: row("c: the output biases, n_y numbers").describe("the output biases (n_y numbers)"),
};

const PARAMS_SHAPE = {
  $schema: z.string({ error: "must be a string (the URL or path of this schema)" }).optional(),
  inputs: matrix("x^(t): T rows of n_x").describe("x^(1), ..., x^(T): one row of n_x numbers per step"),
  targets: matrix("the targets: one row of n_y per step with a loss").describe(
    'one row of n_y targets per step that carries a loss (T rows, or one when lossAt is "last")',
  ),
  h0: row("h^(0): n_h numbers").optional().describe("the initial state h^(0) (n_h numbers, default zeros)"),
  eta: num("the learning rate").describe("the learning rate"),
  weights: z
    .strictObject(WEIGHTS_SHAPE, {
      error: (iss) =>
        iss.code === "unrecognized_keys"
          ? `unknown key; allowed: ${Object.keys(WEIGHTS_SHAPE).join(", ")}`
          : 'must be an object { "U": [[...]], "W": [[...]], "V": [[...]], "b": [...], "c": [...] }',
    })
    .describe("the shared weights, row = receiving unit"),
};

export const RecurrentParamsSchema = z
  .strictObject(PARAMS_SHAPE, {
    error: (iss) =>
      iss.code === "unrecognized_keys"
        ? `unknown key; allowed: ${Object.keys(PARAMS_SHAPE).join(", ")}`
        : 'must be a JSON object with "inputs", "targets", "eta" and "weights" (and optionally "h0")',
  })
  .describe("The numbers of a worked example of a recurrent network");
