#!/usr/bin/env node
import { nodeContext } from "../cli/context.js";
import { runCreate } from "../create/run.js";

process.exitCode = await runCreate(process.argv.slice(2), nodeContext());
