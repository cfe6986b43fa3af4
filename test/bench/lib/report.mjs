// The bench's closing report: the side-by-side table, file identity, execs, scaling, RSS, where time goes, the targets.
import { spawnSync } from 'node:child_process';
import { CORES } from './run-timed.mjs';
import { formatSummary, mb, ratio, seconds, summarize, table } from './stats.mjs';

const ms = (runs) => summarize(runs.map((r) => r.ms));
const maxOf = (values) => (values.length === 0 ? undefined : Math.max(...values));
const mark = (ok) => (ok === undefined ? 'n/a' : ok ? 'met' : 'MISSED');

function ansibleVersion() {
  const r = spawnSync('ansible-playbook', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0].trim() : 'ansible-playbook (version unknown)';
}

/** Highest SSH exec count of a host over the runs, and per play (hosts take part in `plays[host]` plays). */
function execsOf(runs, plays) {
  const perHost = runs.flatMap((r) => Object.entries(r.execs).map(([host, n]) => ({ n, perPlay: n / plays[host] })));
  return { max: maxOf(perHost.map((e) => e.n)), perPlay: maxOf(perHost.map((e) => e.perPlay)) };
}

/** Each task's apply time (the slowest host's), median over the runs, slowest first. */
function slowestTasks(runs, count) {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.tasks)))];
  return names
    .map((name) => ({ name, ms: summarize(runs.map((r) => r.tasks[name] ?? 0)).median }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count);
}

function startupSplit(runs) {
  const engine = summarize(runs.filter((r) => r.engineMs !== undefined).map((r) => r.engineMs));
  const before = summarize(runs.filter((r) => r.engineMs !== undefined).map((r) => r.ms - r.engineMs));
  return { engine, before };
}

export function printReport({ runs, small, withAnsible, baseline, extraCerts, smallRun, bigRuns, floor, loadEnd, uptimeEnd, startup, labMem, corpus }) {
  const s = smallRun;
  const rb = { cold: ms(s.runbook.cold), noChange: ms(s.runbook.noChange) };
  const an = withAnsible ? { cold: ms(s.ansible.cold), noChange: ms(s.ansible.noChange) } : {};
  const out = [];
  out.push('', `== runbook vs ansible-playbook: ${small} lab hosts (${s.hosts[0]}..${s.hosts[s.hosts.length - 1]}), ${runs} runs each ==`);
  out.push(`workload: runbooks nginx-lb + keepalived-master + keepalived-backup (3 plays, ${s.files} files, nginx and keepalived started)`);
  if (withAnsible) out.push(`ansible: ${ansibleVersion()}; tuned: pipelining, ControlMaster=auto ControlPersist=60s, forks 64, gather_facts off, interpreter set`);
  out.push('');
  out.push(table([
    ['scenario', 'runbook median (min-max)', 'ansible median (min-max)', 'ratio'],
    ['cold apply', formatSummary(rb.cold), formatSummary(an.cold), ratio(an.cold, rb.cold)],
    ['no-change', formatSummary(rb.noChange), formatSummary(an.noChange), ratio(an.noChange, rb.noChange)],
  ]));
  if (s.baseline.cold.length > 0) {
    const base = { cold: ms(s.baseline.cold), noChange: ms(s.baseline.noChange) };
    out.push(`--baseline build, same rounds: cold apply ${formatSummary(base.cold)} (this build ${ratio(base.cold, rb.cold)} faster), no-change ${formatSummary(base.noChange)} (${ratio(base.noChange, rb.noChange)})`);
  }
  if (s.runbook.noChangeNoCerts.length > 0) {
    const noCerts = ms(s.runbook.noChangeNoCerts);
    out.push(`(no-change with NODE_EXTRA_CA_CERTS unset, which this machine sets: runbook ${formatSummary(noCerts)}${withAnsible ? `, ${ratio(an.noChange, noCerts)}` : ''}; not a target, the environment as it is counts)`);
  }
  out.push('');
  if (withAnsible) {
    if (s.mismatches.length === 0) {
      out.push(`files: IDENTICAL after each tool's cold apply (${s.files} files x ${s.compared} host comparisons: sha256, mode, owner; nginx and keepalived running)`);
    } else {
      out.push(`files: MISMATCH between runbook and ansible (${s.mismatches.length} differences):`);
      out.push(...s.mismatches.map((m) => `  ${m}`));
    }
  }
  const smallExecs = execsOf(s.runbook.noChange, s.plays);
  out.push(`execs/host (no-change, ${small} hosts): ${smallExecs.max} over 2 plays = ${smallExecs.perPlay} per play (most of any host, any run)`);
  const bigs = bigRuns.map((run, i) => ({ run, n: run.hosts, noChange: ms(run.noChange), floor: floor.big[i], floorReads: floor.bigReads[i], execs: execsOf(run.noChange, run.plays), rss: maxOf([run.cold ?? run.setUp, ...run.noChange].map((r) => r.rssKb ?? 0)) }));
  const rssSmall = maxOf([...s.runbook.cold, ...s.runbook.noChange].map((r) => r.rssKb ?? 0));
  const rssAnsible = withAnsible ? maxOf([...s.ansible.cold, ...s.ansible.noChange].map((r) => r.rssKb ?? 0)) : undefined;
  out.push('', 'scaling (runbook alone; the floor: start node, load ssh2, connect to every host in parallel, run `true`; with the reads: run instead the reads any tool must make there, one find, one sha256sum, /etc/hosts, the pidfiles; both beside each no-change run):');
  const coldCell = (b) => (b.run.cold ? seconds(b.run.cold.ms) : `set-up ${seconds(b.run.setUp.ms)}`);
  out.push(table([
    ['hosts', 'no-change median (min-max)', 'x 3 hosts', 'floor median (min-max)', 'x floor', 'floor with the reads', 'x that', 'cold apply', 'execs/host', 'peak RSS'],
    [small, formatSummary(rb.noChange), '1.00x', formatSummary(floor.small), `${(rb.noChange.median / floor.small.median).toFixed(2)}x`, formatSummary(floor.smallReads), `${(rb.noChange.median / floor.smallReads.median).toFixed(2)}x`, seconds(rb.cold.median), smallExecs.max, mb(rssSmall)],
    ...bigs.map((b) => [b.n, formatSummary(b.noChange), `${(b.noChange.median / rb.noChange.median).toFixed(2)}x`, formatSummary(b.floor), `${(b.noChange.median / b.floor.median).toFixed(2)}x`, formatSummary(b.floorReads), `${(b.noChange.median / b.floorReads.median).toFixed(2)}x`, coldCell(b), b.execs.max, mb(b.rss)]),
  ]));
  for (const b of bigs.filter((x) => x.run.baseline.length > 0)) {
    out.push(`--baseline build at ${b.n} hosts, same rounds: no-change ${formatSummary(ms(b.run.baseline))} (this build ${ratio(ms(b.run.baseline), b.noChange)} faster)`);
  }
  const growth = (label, values) => `${label} ${values.map((v) => seconds(v)).join(' -> ')}`;
  out.push(`time growth ${[small, ...bigs.map((b) => b.n)].join(' -> ')} hosts: ${growth('runbook no-change', [rb.noChange.median, ...bigs.map((b) => b.noChange.median)])}; ${growth('floor', [floor.small.median, ...bigs.map((b) => b.floor.median)])}; ${growth('floor with the reads', [floor.smallReads.median, ...bigs.map((b) => b.floorReads.median)])}`);
  if (bigs.some((b) => b.run.setUp)) out.push('(set-up: hosts above --big-cold brought to the end state once by setup-parallel.yaml, the same roles without `serial: 1`; the no-change runs are runbook.yaml)');
  if (withAnsible) out.push(`(ansible-playbook's largest process: ${mb(rssAnsible)} at ${small} hosts)`);
  if (labMem) {
    out.push(`lab: ${labMem.hosts} hosts up (${labMem.light} light: sshd only), \`lab up\` ${seconds(labMem.upMs)}; ${labMem.processes} processes in their PID namespaces ${mb(labMem.kb)} + their forwarders ${mb(labMem.forwarderKb)} (Pss) = ${mb((labMem.kb + labMem.forwarderKb) / labMem.hosts)} per host`);
  }
  printStartup(out, startup);
  printCorpus(out, corpus);
  out.push('', "where runbook's time goes (medians):");
  if (baseline) out.push(`  node + CLI startup alone (\`runbook --version\`): ${seconds(baseline.median)}`);
  if (extraCerts) {
    out.push(`    NODE_EXTRA_CA_CERTS is set here (${extraCerts.file}): Node loads those certificates at every start; without it \`runbook --version\` takes ${seconds(extraCerts.without.median)}, ${seconds(baseline.median - extraCerts.without.median)} less per run (the runs above keep the environment as it is)`);
  }
  const split = (label, runs) => {
    const { engine, before } = startupSplit(runs);
    if (engine) out.push(`  ${label}: wall ${seconds(ms(runs).median)} = ${seconds(before.median)} before the run starts (modules, load, validate, render) + ${seconds(engine.median)} engine (connect, facts, plan, apply)`);
  };
  split(`no-change, ${small} hosts`, s.runbook.noChange);
  for (const b of bigs) split(`no-change, ${b.n} hosts`, b.run.noChange);
  split(`cold apply, ${small} hosts`, s.runbook.cold);
  // The lab hosts' sshd and fact scripts run on the controller's own cores: when the whole machine
  // is busy, more hosts cost more wall time however little the controller itself does.
  const cpu = (label, runs) => {
    const own = summarize(runs.filter((r) => r.cpuMs !== undefined).map((r) => r.cpuMs));
    const busy = summarize(runs.filter((r) => r.busyMs !== undefined).map((r) => r.busyMs / (r.ms * CORES)));
    if (own && busy) out.push(`  ${label}: runbook's own CPU ${seconds(own.median)}; the whole machine (${CORES} cores, lab hosts included) ${Math.round(busy.median * 100)}% busy`);
  };
  cpu(`CPU, no-change, ${small} hosts`, s.runbook.noChange);
  for (const b of bigs) cpu(`CPU, no-change, ${b.n} hosts`, b.run.noChange);
  out.push(`  cold apply, slowest tasks (slowest host): ${slowestTasks(s.runbook.cold, 6).map((t) => `${t.name} ${seconds(t.ms)}`).join('; ')}`);
  for (const b of bigs.filter((x) => x.run.cold)) out.push(`  cold apply, ${b.n} hosts, slowest tasks: ${slowestTasks([b.run.cold], 4).map((t) => `${t.name} ${seconds(t.ms)}`).join('; ')}`);

  out.push('', "targets (issue #20's; printed as ratios, never asserted):");
  const target = (text, ok, value) => out.push(`  ${mark(ok).padEnd(6)} ${text}: ${value}`);
  const ofFloor = (run, fl) => run.median / fl.median;
  // The floor with the reads as well: what is above it is runbook's own (the reads are the hosts' work, on this machine's cores).
  const andReads = (run, fl, reads) => `${ofFloor(run, fl).toFixed(2)}x (${ofFloor(run, reads).toFixed(2)}x the floor with the reads)`;
  target(`no-change at ${small} hosts <= 1.15x the floor`, ofFloor(rb.noChange, floor.small) <= 1.15, andReads(rb.noChange, floor.small, floor.smallReads));
  if (withAnsible) {
    target(`no-change >= 40x faster than tuned ansible at ${small} hosts`, an.noChange.median / rb.noChange.median >= 40, ratio(an.noChange, rb.noChange));
    target('cold apply >= 8x faster (every start confirmed to stay up)', an.cold.median / rb.cold.median >= 8, ratio(an.cold, rb.cold));
  }
  target('1 exec per host (no-change, all plays)', smallExecs.max === 1 && bigs.every((b) => b.execs.max === 1), `${maxOf([smallExecs.max, ...bigs.map((b) => b.execs.max)])}`);
  for (const b of bigs) target(`no-change at ${b.n} hosts <= 1.15x the floor`, ofFloor(b.noChange, b.floor) <= 1.15, andReads(b.noChange, b.floor, b.floorReads));
  const largest = bigs.at(-1);
  if (largest) target(`controller peak RSS < 300 MB at ${largest.n} hosts`, largest.rss !== undefined && largest.rss < 300 * 1024, mb(largest.rss));
  if (Array.isArray(corpus)) for (const r of corpus) target(`${r.role}: a no-change rerun is 1 exec per host`, r.rerun?.execs === 1 && r.rerun.changed === 0, r.rerun ? `${r.rerun.execs} exec(s), ${r.rerun.changed} changes` : `not run: ${r.first.failed}`);
  const warnings = [...s.warnings, ...bigRuns.flatMap((r) => r.warnings)];
  if (warnings.length > 0) out.push('', 'WARNINGS:', ...warnings.map((w) => `  ${w}`));
  out.push('', `load average at the end: ${loadEnd.map((l) => l.toFixed(2)).join(' ')} (other work on this machine skews timings); uptime: ${uptimeEnd}`);
  console.log(out.join('\n'));
}

function printStartup(out, startup) {
  if (!startup) return;
  out.push('', 'start-up, `--version` (median of the runs, alternating):');
  out.push(table([['way', 'median (min-max)'], ...startup.rows.map((r) => [r.label, r.summary ? formatSummary(r.summary) : `FAILED: ${r.failed}`])]));
  if (startup.snapshotFailed) out.push(`(startup snapshot not built: ${startup.snapshotFailed})`);
}

function printCorpus(out, corpus) {
  if (corpus === undefined) return;
  out.push('', 'public roles (first apply on a fresh host, then the no-change rerun):');
  if (!Array.isArray(corpus)) return void out.push(`  skipped: ${corpus}`);
  for (const r of corpus) {
    const first = r.first.failed ? `first apply FAILED: ${r.first.failed}` : `first apply ${seconds(r.first.ms)}, ${r.first.changed} changes`;
    out.push(`  ${r.role} on ${r.host}: ${first}${r.rerun ? `; rerun ${seconds(r.rerun.ms)}, ${r.rerun.changed} changes, ${r.rerun.execs} exec(s) per host` : ''}`);
  }
}
