#!/usr/bin/env node
// `npm run bench`: runbook vs tuned ansible-playbook doing the same work on the same lab hosts; prints timings, asserts none.
//
// Workload: test/bench/runbook.yaml (the project's nginx-lb + keepalived master/backup runbooks) and
// test/bench/ansible/bench.yml (the same in Ansible), which must leave byte-identical files.
// Hosts: lab-h5 and up only (lab-h0..h4 are the lab tests'). Root, Linux, with the embedded lab.
//   node test/bench/bench.mjs [--runs 5] [--small 3] [--big 30,100] [--big-runs N] [--big-cold 30] [--skip-ansible]
//                             [--hard-reset] [--corpus DIR | --no-corpus] [--startup-runs N] [--baseline DIR]
// --baseline: another build of runbook (a checkout with dist/ built, e.g. the commit before a change),
// run in the same rounds on the same hosts, alternating: what a change did, under the same load.
// --big: the larger host counts runbook alone is measured on (no-change vs the floor, alternating, RSS, scaling);
// a count above --big-cold is not cold-applied with runbook.yaml (its `serial: 1` backups one at a time take
// minutes at 100 hosts) but set up once with setup-parallel.yaml (the same roles and vars, all at once);
// --corpus: public roles (kept outside the repository; RUNBOOK_CORPUS, else /tmp/corpus) applied then
// rerun on two more hosts: the rerun's execs per host (corpus-execs.mjs); skipped with a message when absent.
// Before each cold apply the hosts are made fresh: by default the workload is undone over ssh and
// the hosts checked to look fresh; --hard-reset rebuilds them (`lab up`), which is only safe when
// nobody else runs `lab up` meanwhile (two at once break the hosts they both rebuild).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compareSnapshots, snapshotHost, staleness, WORKLOAD_FILES } from './lib/host-files.mjs';
import { ansibleInventory, playsPerHost, runbookInventory } from './lib/inventories.mjs';
import { benchHosts, FIRST_BENCH_HOST, labUp, resetHosts, undoWorkload } from './lib/lab-hosts.mjs';
import { runTimed } from './lib/run-timed.mjs';
import { seconds, summarize } from './lib/stats.mjs';
import { ansibleEnv, closeAnsibleSockets, ensureTools, runAnsible, runRunbook } from './lib/tools.mjs';
import { printReport } from './lib/report.mjs';
import { corpusDir, measureCorpus } from './lib/corpus-execs.mjs';
import { labMemory } from './lib/lab-memory.mjs';
import { measureStartup } from './lib/startup.mjs';
import { spawnSync } from 'node:child_process';

const { values: opt } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    small: { type: 'string', default: '3' },
    big: { type: 'string', default: '30,100' },
    corpus: { type: 'string' },
    'no-corpus': { type: 'boolean', default: false },
    'startup-runs': { type: 'string', default: '7' },
    baseline: { type: 'string' },
    'big-runs': { type: 'string' },
    'big-cold': { type: 'string', default: '30' },
    'skip-ansible': { type: 'boolean', default: false },
    'hard-reset': { type: 'boolean', default: false },
  },
});
const runs = Number(opt.runs);
const small = Number(opt.small);
const bigs = opt.big === '' || opt.big === '0' ? [] : opt.big.split(',').map(Number);
const bigRuns = Number(opt['big-runs'] ?? opt.runs);
const bigCold = Number(opt['big-cold']);
const startupRuns = Number(opt['startup-runs']);
const corpus = opt['no-corpus'] ? { skipped: '--no-corpus' } : corpusDir(opt.corpus);
const withAnsible = !opt['skip-ansible'];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ctx = {
  root,
  mainJs: join(root, 'dist', 'main.js'),
  runbookFile: join(root, 'test', 'bench', 'runbook.yaml'),
  ansibleDir: join(root, 'test', 'bench', 'ansible'),
  tmpDir: mkdtempSync(join(tmpdir(), 'runbook-bench-')),
};

/** --baseline: the other build, run from its own checkout (its dist/main.js) on the same hosts. */
const baseline = opt.baseline && { ...ctx, root: resolve(opt.baseline), mainJs: join(resolve(opt.baseline), 'dist', 'main.js') };

/** Makes the hosts fresh for a cold apply, and checks they look it (no workload file, line or service). */
async function freshen(lab, hosts, labSize) {
  if (opt['hard-reset']) await resetHosts(ctx.mainJs, hosts.map((h) => h.name), labSize);
  else await undoWorkload(lab, hosts, WORKLOAD_FILES);
  const snapshots = await Promise.all(hosts.map((h) => snapshotHost(lab, h)));
  const stale = hosts.flatMap((h, i) => staleness(snapshots[i]).map((p) => `${h.name}: ${p}`));
  if (stale.length > 0) throw new Error(`hosts not fresh after the reset:\n  ${stale.join('\n  ')}`);
}

/** The environment without NODE_EXTRA_CA_CERTS when this machine sets it: Node loads those certificates at every start. */
const withoutExtraCerts = process.env.NODE_EXTRA_CA_CERTS ? (({ NODE_EXTRA_CA_CERTS: _, ...env }) => env)(process.env) : undefined;

const log = (line) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main() {
  if (process.getuid?.() !== 0) throw new Error('the bench drives the embedded lab: run it as root on Linux');
  if (![runs, small, bigRuns, bigCold, startupRuns, ...bigs].every(Number.isInteger) || runs < 1 || small < 2 || bigs.some((b) => b < 1)) throw new Error('--runs >= 1, --small >= 2, --big N,M... >= 1: whole numbers');
  if (withAnsible) ensureTools();
  const benchSize = Math.max(small, ...bigs);
  const labSize = FIRST_BENCH_HOST + benchSize + (corpus.dir ? 2 : 0);
  // The corpus roles' hosts boot systemd (geerlingguy.firewall installs a systemd unit), the others SysV.
  const corpusHosts = corpus.dir ? [0, 1].map((i) => `lab-h${FIRST_BENCH_HOST + benchSize + i}`) : [];
  log(`lab up --hosts ${labSize} (bench hosts: lab-h${FIRST_BENCH_HOST} and up${corpus.dir ? `; ${corpusHosts.join(', ')} with systemd` : ''}); ${uptime()}`);
  const labUpMs = labUp(ctx.mainJs, labSize, corpusHosts);
  const labMem = { ...labMemory(), upMs: labUpMs };
  log(`lab up: ${seconds(labUpMs)}; ${labMem.hosts} hosts (${labMem.light} light), ${labMem.processes} processes, ${(labMem.kb / 1024).toFixed(0)} MB + forwarders ${(labMem.forwarderKb / 1024).toFixed(0)} MB (Pss)`);

  const startup = await measureStartup(ctx, startupRuns);
  const baseline = startup.rows[1].summary;
  // Node reads NODE_EXTRA_CA_CERTS at every start (before any of runbook's code runs): when this
  // machine sets it, say what it costs. The runs themselves keep the environment as it is.
  let baselineNoCerts;
  if (withoutExtraCerts) {
    baselineNoCerts = [];
    for (let i = 0; i < 5; i++) baselineNoCerts.push((await runTimed('node', [ctx.mainJs, '--version'], { tmpDir: ctx.tmpDir, env: withoutExtraCerts })).ms);
  }

  const smallRun = await measureSmall(labSize);
  const bigRunsDone = [];
  for (const big of bigs) bigRunsDone.push(await measureBig(labSize, big));
  const floor = {
    small: summarize(smallRun.floor),
    big: bigRunsDone.map((b) => summarize(b.floor)),
    smallReads: summarize(smallRun.floorReads),
    bigReads: bigRunsDone.map((b) => summarize(b.floorReads)),
  };
  let corpusRun;
  if (corpus.dir) {
    labUp(ctx.mainJs, labSize, corpusHosts); // systemd still (a --hard-reset rebuilds hosts as SysV)
    const { lab, hosts } = benchHosts(FIRST_BENCH_HOST + benchSize, 2);
    corpusRun = await measureCorpus(ctx, corpus.dir, lab, hosts);
    for (const r of corpusRun) log(`corpus ${r.role} on ${r.host}: ${r.first.failed ?? `first apply ${seconds(r.first.ms)}, ${r.first.changed} changes`}${r.rerun ? `; rerun ${seconds(r.rerun.ms)}, ${r.rerun.changed} changes, ${r.rerun.execs} exec(s)` : ''}`);
    // The roles leave their packages, files and services: rebuilt (SysV, as the rest of the lab) for the next bench.
    await resetHosts(ctx.mainJs, hosts.map((h) => h.name), labSize);
  } else log(`corpus: skipped (${corpus.skipped})`);
  printReport({
    runs, small, bigs, withAnsible, smallRun, bigRuns: bigRunsDone, loadEnd: loadavg(), uptimeEnd: uptime(),
    floor, startup, labMem, corpus: corpusRun ?? corpus.skipped,
    baseline,
    extraCerts: baselineNoCerts && { file: process.env.NODE_EXTRA_CA_CERTS, without: summarize(baselineNoCerts) },
  });
}

/** `uptime`'s line: the load the numbers were taken under. */
function uptime() {
  return spawnSync('uptime', { encoding: 'utf8' }).stdout.trim();
}

/** Rounds on `small` hosts: each tool, alternating which goes first, does a cold apply on fresh hosts then a no-change rerun. */
async function measureSmall(labSize) {
  const { lab, hosts } = benchHosts(FIRST_BENCH_HOST, small);
  const names = hosts.map((h) => h.name);
  const rbInventory = join(ctx.tmpDir, 'runbook-inventory.yaml');
  const anInventory = join(ctx.tmpDir, 'ansible-inventory.yaml');
  writeFileSync(rbInventory, runbookInventory(hosts, lab));
  writeFileSync(anInventory, ansibleInventory(hosts, lab));
  const result = { hosts: names, floor: [], floorReads: [], runbook: { cold: [], noChange: [], noChangeNoCerts: [] }, ansible: { cold: [], noChange: [] }, baseline: { cold: [], noChange: [] }, mismatches: [], warnings: [], compared: 0 };
  const tools = ['runbook', ...(withAnsible ? ['ansible'] : []), ...(baseline ? ['baseline'] : [])];
  for (let round = 1; round <= runs; round++) {
    const order = round % 2 === 1 ? tools : [...tools].reverse();
    const snapshots = {};
    for (const tool of order) {
      await freshen(lab, hosts, labSize);
      const dir = join(ctx.tmpDir, `ansible-${round}`);
      const run = tool === 'ansible' ? ((env) => () => runAnsible(ctx, anInventory, env))(ansibleEnv(ctx, dir)) : () => runRunbook(tool === 'baseline' ? baseline : ctx, rbInventory);
      try {
        const cold = await run();
        snapshots[tool] = await Promise.all(hosts.map((h) => snapshotHost(lab, h)));
        const noChange = await run();
        if (noChange.changed > 0) result.warnings.push(`round ${round}: ${tool}'s rerun changed ${noChange.changed} things: not a no-change run`);
        result[tool].cold.push(cold);
        result[tool].noChange.push(noChange);
        log(`${names.length} hosts, round ${round}/${runs}, ${tool.padEnd(8)}: cold apply ${seconds(cold.ms)}, no-change ${seconds(noChange.ms)}`);
        // The floor right after, on the same hosts under the same load (the workload's daemons running).
        if (tool === 'runbook') result.floor.push(await floorRun(lab, hosts));
        if (tool === 'runbook') result.floorReads.push(await floorRun(lab, hosts, true));
        if (tool === 'runbook' && withoutExtraCerts) {
          // The same no-change run without the variable (this workload makes no TLS connection).
          const again = await runRunbook(ctx, rbInventory, withoutExtraCerts);
          result.runbook.noChangeNoCerts.push(again);
          log(`${names.length} hosts, round ${round}/${runs}, runbook: no-change without NODE_EXTRA_CA_CERTS ${seconds(again.ms)}`);
        }
      } finally {
        if (tool === 'ansible') closeAnsibleSockets(dir);
      }
    }
    if (snapshots.runbook && snapshots.ansible) {
      hosts.forEach((h, i) => {
        result.compared++;
        for (const p of compareSnapshots(snapshots.runbook[i], snapshots.ansible[i], 'runbook', 'ansible')) result.mismatches.push(`round ${round} ${h.name}: ${p}`);
      });
    }
  }
  result.files = WORKLOAD_FILES.length;
  result.plays = playsPerHost(hosts);
  return result;
}

/**
 * runbook alone on `big` hosts: a cold apply on fresh hosts (above --big-cold: the parallel set-up
 * instead), then no-change reruns, each after a floor run on the same hosts (execs, RSS, scaling).
 */
async function measureBig(labSize, big) {
  const { lab, hosts } = benchHosts(FIRST_BENCH_HOST, big);
  const inventory = join(ctx.tmpDir, 'runbook-inventory-big.yaml');
  writeFileSync(inventory, runbookInventory(hosts, lab));
  log(`${big} hosts (lab-h${FIRST_BENCH_HOST}..lab-h${FIRST_BENCH_HOST + big - 1}): making them fresh`);
  await freshen(lab, hosts, labSize);
  const setUp = big > bigCold;
  const cold = setUp
    ? await runRunbook({ ...ctx, runbookFile: join(ctx.root, 'test', 'bench', 'setup-parallel.yaml') }, inventory, { ...process.env, RUNBOOK_ROLES_PATH: join(ctx.root, 'roles') })
    : await runRunbook(ctx, inventory);
  log(`${big} hosts, runbook ${setUp ? 'set-up (setup-parallel.yaml, not a cold apply of runbook.yaml)' : 'cold apply'} ${seconds(cold.ms)}`);
  const noChange = [];
  const floor = [];
  const floorReads = [];
  const base = [];
  const warnings = [];
  for (let i = 1; i <= bigRuns; i++) {
    floor.push(await floorRun(lab, hosts));
    floorReads.push(await floorRun(lab, hosts, true));
    const r = await runRunbook(ctx, inventory);
    if (r.changed > 0) warnings.push(`${big} hosts run ${i}: the rerun changed ${r.changed} things`);
    noChange.push(r);
    if (baseline) base.push(await runRunbook(baseline, inventory));
    log(`${big} hosts, round ${i}/${bigRuns}: floor ${seconds(floor.at(-1))}, runbook no-change ${seconds(r.ms)} (${(r.ms / floor.at(-1)).toFixed(2)}x; floor with the reads ${seconds(floorReads.at(-1))})${baseline ? `, --baseline ${seconds(base.at(-1).ms)}` : ''}`);
  }
  // 30 keepalived instances running their nginx check every few seconds load the shared CPU and
  // would skew every later measurement on this machine (the next bench's 3-host rounds included).
  await undoWorkload(lab, hosts, WORKLOAD_FILES);
  return { hosts: hosts.length, cold: setUp ? undefined : cold, setUp: setUp ? cold : undefined, noChange, floor, floorReads, baseline: base, warnings, plays: playsPerHost(hosts) };
}

/**
 * One floor run on `hosts`: Node, ssh2, a parallel connect and `true` (lib/ssh-floor.mjs); with
 * `reads`, the reads any tool must make there instead of `true` (host-files.mjs); its wall ms.
 */
async function floorRun(lab, hosts, reads = false) {
  const script = join(ctx.root, 'test', 'bench', 'lib', 'ssh-floor.mjs');
  const r = await runTimed('node', [script, ...(reads ? ['--reads'] : []), lab.keyFile, lab.knownHostsFile, ...hosts.map((h) => String(h.port))], { cwd: ctx.root, tmpDir: ctx.tmpDir });
  if (r.code !== 0) throw new Error(`ssh floor on ${hosts.length} hosts failed (exit ${r.code}): ${r.stderr.slice(-2000)}`);
  return r.ms;
}

try {
  await main();
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(ctx.tmpDir, { recursive: true, force: true });
}

