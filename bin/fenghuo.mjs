#!/usr/bin/env node
// The `fenghuo` command. Runs the TypeScript sources directly through tsx, so what the
// command does is always what the sources say (no stale build).
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/main.ts');
