#!/usr/bin/env node
// The installed `pricebook` command: the admin CLI, bundled into dist/ by `npm install` (prepare: scripts/build.js).
await import('../dist/cli/main.js');
