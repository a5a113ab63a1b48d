// How long `startPricebook()` (pricebook/testing) takes: the first call in a process (module loading excluded,
// measured apart), then the next calls. Run: node --import tsx bench/testing-start.ts
// or, on the bundle a package install runs: npm run build && node --import tsx bench/testing-start.ts --built
const built = process.argv.includes('--built');
const loadStarted = performance.now();
const { startPricebook } = (await import(
  built ? '../dist/testing.js' : '../src/testing.ts'
)) as typeof import('../src/testing.ts');
const loaded = performance.now();

const starts: number[] = [];
const closes: number[] = [];
for (let i = 0; i < 20; i++) {
  const started = performance.now();
  const pricebook = await startPricebook();
  starts.push(performance.now() - started);
  const response = await fetch(`${pricebook.url}/products`, {
    headers: { authorization: `Bearer ${pricebook.testKey}` },
  });
  if (response.status !== 200) throw new Error(`GET /products answered ${response.status}`);
  const closing = performance.now();
  await pricebook.close();
  closes.push(performance.now() - closing);
}
const rest = starts.slice(1).sort((a, b) => a - b);
const ms = (n: number | undefined) => `${Number(n).toFixed(1)} ms`;
console.log(`${built ? 'dist/testing.js' : 'src/testing.ts (tsx)'}: module load ${ms(loaded - loadStarted)}`);
console.log(`first startPricebook() ${ms(starts[0])}; next 19: median ${ms(rest[9])}, max ${ms(rest.at(-1))}`);
console.log(`close(): median ${ms(closes.sort((a, b) => a - b)[10])}`);
