#!/usr/bin/env node
// A committed entry point, so that pnpm can link the bin before the package is built.
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
