#!/usr/bin/env node
process.stderr.write("jinja-delimiter-renderer: not implemented yet\n");
process.exitCode = 1;
