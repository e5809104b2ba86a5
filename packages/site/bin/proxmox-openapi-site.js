#!/usr/bin/env node
// A committed entry point (pnpm links bins before the package is built): `proxmox-openapi-site`
// runs the same command as `proxmox-openapi site`, for the Pages workflow and local use.
import { processIo, runCommand } from '@proxmox-openapi/core';
import { siteCommand } from '../dist/site-command.js';

process.exitCode = await runCommand(siteCommand, process.argv.slice(2), processIo());
