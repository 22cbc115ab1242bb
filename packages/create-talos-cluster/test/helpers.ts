import type { Context } from "../src/index.js";

export interface CapturedContext extends Context {
  out(): string;
  err(): string;
}

export function captureContext(overrides: Partial<Context> = {}): CapturedContext {
  let out = "";
  let err = "";
  return {
    cwd: process.cwd(),
    env: {},
    interactive: false,
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    out: () => out,
    err: () => err,
    ...overrides,
  };
}
