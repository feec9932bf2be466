// mathjs on this machine, for issue 10's "at least 5x faster than mathjs without simplification on every scaling family
// at n = 128": the peers' figures were taken on another machine on another day, so the ratio is measured here, in the
// same hour as `dotnet run -c Release --project bench -- report --group scaling`.
//
//   npm install --prefix /tmp/mathjs mathjs@15.2
//   NODE_PATH=/tmp/mathjs/node_modules node bench/tools/mathjs-scaling.mjs
//
// Each case: parse + derivative (simplify: false) + toString, the work the engine's report times (parse, bind,
// differentiate, print), median of up to 200 runs (about 1 s of runs, at least 5) after 5 warm-up runs.
import { createRequire } from 'module';
import { readFileSync } from 'fs';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const require = createRequire(join(process.env.NODE_PATH ?? '.', 'x.js'));
const { parse, derivative, version } = require('mathjs');
const corpus = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'scalar-corpus.jsonl');
const cases = readFileSync(corpus, 'utf8').trim().split('\n').map(JSON.parse)
  .filter(c => c.group === 'scaling' && (c.size === 64 || c.size === 128));

console.log(`mathjs ${version}, node ${process.version}`);
console.log('| case | median µs | runs |');
console.log('| --- | ---: | ---: |');
for (const c of cases) {
  const once = () => derivative(parse(c.expression), c.variable, { simplify: false }).toString();
  for (let i = 0; i < 5; i++) once();
  const times = [];
  const start = performance.now();
  while (times.length < 200 && (times.length < 5 || performance.now() - start < 1000)) {
    const t0 = performance.now();
    once();
    times.push((performance.now() - t0) * 1000);
  }
  times.sort((a, b) => a - b);
  console.log(`| ${c.id} | ${times[Math.floor(times.length / 2)].toFixed(1)} | ${times.length} |`);
}
