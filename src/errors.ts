// Bad input: reported as one line naming the field and what is allowed, exit code 2.
export class InputError extends Error {
  constructor(
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = "InputError";
  }
}
