// English messages of the documents' appendix listing the backward pass as a program (--code).
// Spread into en.ts; zh-Hant has the same keys (code-zh-Hant.ts).
export const codeEn = {
  "code-title-numpy": "The backward pass in NumPy",
  "code-title-pytorch": "The backward pass in PyTorch, by hand",
  "code-title-js": "The backward pass in JavaScript",
  "code-intro":
    "The program below computes the forward pass, the error, the error terms, the gradients and one step of gradient descent of this network. Its variables are named after the quantities of the equations, and its comments cite the equation each line implements by number.",
  "code-computes": "{name} computes equations {refs}:",
  "code-computes-one": "{name} computes equation {refs}:",
  "code-runner": "Reading the weights and the examples, running one step and printing the results:",
  "code-sep": ", ",
} as const;
