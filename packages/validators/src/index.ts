export { grounded, type GroundedOptions } from "./grounded.js";
