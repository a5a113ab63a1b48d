#!/usr/bin/env node
// The installed `pricebook` command: the admin CLI, compiled to dist/ by `npm install` (prepare).
await import('../dist/cli/main.js');
