#!/usr/bin/env node
import { nodeContext } from "../cli/context.js";
import { runTalosCluster } from "../cli/run.js";

process.exitCode = await runTalosCluster(process.argv.slice(2), nodeContext());
