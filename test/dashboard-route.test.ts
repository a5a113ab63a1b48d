import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Fastify from 'fastify';
import { builtDashboardDir, registerDashboard } from '../src/http/dashboard.ts';

test('without a build, /dashboard answers 503 with a code and a message saying how to build it', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'pricebook-no-dashboard-'));
  const app = Fastify();
  await registerDashboard(app, empty);
  for (const url of ['/dashboard', '/dashboard/', '/dashboard/assets/app.js']) {
    const res = await app.inject({ url });
    assert.equal(res.statusCode, 503, url);
    assert.equal(res.json().code, 'DASHBOARD_NOT_BUILT');
    assert.match(res.json().message, /npm run build/);
  }
  await app.close();
  rmSync(empty, { recursive: true });
});

test('once built, /dashboard leads to /dashboard/, which serves the page without an API key', async () => {
  const built = mkdtempSync(join(tmpdir(), 'pricebook-dashboard-'));
  writeFileSync(join(built, 'index.html'), '<!doctype html><title>Pricebook dashboard</title>');
  const app = Fastify();
  await registerDashboard(app, built);
  const bare = await app.inject({ url: '/dashboard' });
  assert.equal(bare.statusCode, 301);
  assert.equal(bare.headers.location, '/dashboard/');
  const page = await app.inject({ url: '/dashboard/' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Pricebook dashboard/);
  await app.close();
  rmSync(built, { recursive: true });
});

test('the build is looked for under the package root, from src/ and from the bundle in dist/ alike', () => {
  const root = join(import.meta.dirname, '..');
  assert.equal(builtDashboardDir(join(root, 'src/http/dashboard.ts')), join(root, 'dist/dashboard'));
  assert.equal(builtDashboardDir(join(root, 'dist/main.js')), join(root, 'dist/dashboard'));
});
