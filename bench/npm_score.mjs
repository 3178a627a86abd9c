// Reference for bench_score: npm @bigfive-org/score on the same Big Five
// answers the C engine scores. Reads the answer file bench_score writes
// (u32 n, u32 items, then n×items int16 little-endian, already in pack item
// order, Q_MISSING = -32768) and the pack for each item's domain and facet.
// The answer objects are built before the clock starts, so only the scoring
// is timed (CPU time); that reference does less work than IPM (raw sums only, no keying,
// norms, T-scores, percentiles or bands), which favours npm.
// Usage: node bench/npm_score.mjs ANSWERS.bin PACK.json  → prints "respondents/s N"
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const score = require('@bigfive-org/score');
const [file, packFile] = process.argv.slice(2);
const pack = JSON.parse(readFileSync(packFile, 'utf8'));
const bytes = readFileSync(file);
const n = bytes.readUInt32LE(0);
const items = bytes.readUInt32LE(4);
if (items !== pack.items.length) throw new Error(`answers have ${items} items, pack ${pack.items.length}`);

// Item id "i<k>" → facet slot as in Johnson's order; domain letter from the facet scale id.
const facetOf = {};
for (const s of pack.scales) if (s.items) for (const it of s.items) facetOf[it] = s.id;
const meta = pack.items.map((it) => {
  const f = facetOf[it.id];
  return { domain: f[0].toUpperCase(), facet: Number(f.slice(1)), reversed: it.keyed === '-' };
});

const sets = new Array(n);
for (let r = 0; r < n; r++) {
  const answers = [];
  for (let i = 0; i < items; i++) {
    const v = bytes.readInt16LE(8 + 2 * (r * items + i));
    if (v === -32768) continue;
    // The npm UI hands the scorer keyed values; do the same here.
    answers.push({ domain: meta[i].domain, facet: meta[i].facet, score: meta[i].reversed ? 6 - v : v });
  }
  sets[r] = { answers };
}

// CPU time of the process (its garbage collector's threads included), as
// bench_score measures its own side: other load on the machine does not count.
const c0 = process.cpuUsage();
let sink = 0;
for (let r = 0; r < n; r++) sink += score(sets[r]).N.score;
const cpu = process.cpuUsage(c0);
const seconds = (cpu.user + cpu.system) / 1e6;
if (sink < 0) console.log(sink);
console.log(`respondents/s ${(n / seconds).toFixed(0)} seconds ${seconds.toFixed(3)}`);
