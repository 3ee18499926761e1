import { InvalidArgumentError } from "./errors/index.js";

/** An InvalidArgumentError unless `value` is undefined or a whole number >= 0. */
export function countProblem(name: string, value: unknown): InvalidArgumentError | undefined {
  if (value === undefined || (typeof value === "number" && Number.isInteger(value) && value >= 0)) return undefined;
  return new InvalidArgumentError({ argument: name, problem: `expected a whole number >= 0, got ${JSON.stringify(value)}.` });
}

/** An InvalidArgumentError unless `value` is undefined or a positive finite number. */
export function positiveProblem(name: string, value: unknown): InvalidArgumentError | undefined {
  if (value === undefined || (typeof value === "number" && Number.isFinite(value) && value > 0)) return undefined;
  return new InvalidArgumentError({ argument: name, problem: `expected a positive number, got ${JSON.stringify(value)}.` });
}
