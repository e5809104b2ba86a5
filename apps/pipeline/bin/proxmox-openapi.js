#!/usr/bin/env node
// A committed entry point, so that pnpm can link the bin before the package is built.
import { runProcess } from '../dist/bundle/run-process.js';

process.exitCode = await runProcess(process.argv.slice(2));
