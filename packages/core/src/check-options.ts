import { InvalidArgumentError } from "./errors/index.js";

/** Throws an InvalidArgumentError unless `value` is undefined or a whole number >= 0. */
export function checkCount(name: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new InvalidArgumentError({ argument: name, problem: `expected a whole number >= 0, got ${JSON.stringify(value)}.` });
  }
}

/** Throws an InvalidArgumentError unless `value` is undefined or a positive finite number. */
export function checkPositive(name: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError({ argument: name, problem: `expected a positive number, got ${JSON.stringify(value)}.` });
  }
}
