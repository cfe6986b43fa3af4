// The failover drill of runbooks/failover-drill.yaml: one step per node of the pair, each verified,
// each restoring what it stopped when it fails. `$` runs on the node whose turn it is.
// @ts-check

/** @typedef {{ group: string, vip: string, interface: string, domain: string, wait_seconds: number }} DrillArgs */
/** @typedef {import('runbook/zx').ZxContext<DrillArgs>} Ctx */

const OK = '{"status":"ok"}';

/** Read-only: refuses unless the pair is healthy, and says what this node's step would do. @param {Ctx} ctx */
export async function check(ctx) {
  const { step, peer } = await preflight(ctx);
  ctx.changed(step === 1
    ? `would stop keepalived on ${ctx.host.name}, wait for ${ctx.args.vip} to move to ${peer.name}, start it again (no preemption)`
    : `would stop nginx on ${ctx.host.name} (then the VIP holder), wait for ${ctx.args.vip} to move back, start it again (no preemption)`);
}

/** @param {Ctx} ctx */
export default async function drill(ctx) {
  const { step, peer } = await preflight(ctx);
  if (!(await holdsVip(ctx))) throw new Error(`${ctx.host.name} does not hold ${ctx.args.vip}: the drill's step ${step} starts on the VIP holder`);
  return step === 1 ? keepalivedStep(ctx, peer) : nginxStep(ctx);
}

/** Step 1: keepalived stopped on the holder -> the VIP moves to the peer; started again -> BACKUP, VIP stays. @param {Ctx} ctx @param {{ name: string }} peer */
async function keepalivedStep(ctx, peer) {
  const mark = await notifyLines(ctx);
  await service(ctx, 'keepalived', 'stop');
  try {
    await waitFor(ctx, `${ctx.args.vip} to leave ${ctx.host.name} and answer from ${peer.name}`, async () => !(await holdsVip(ctx)) && (await answersVia(ctx, ctx.args.vip)));
    await waitFor(ctx, 'notify_stop in /var/log/keepalived.log', () => notified(ctx, 'stop', mark));
    ctx.log(`keepalived stopped: ${ctx.args.vip} moved to ${peer.name} and answers`);
  } catch (error) {
    await service(ctx, 'keepalived', 'start');
    throw error;
  }
  const back = await notifyLines(ctx);
  await service(ctx, 'keepalived', 'start');
  await waitFor(ctx, 'notify_backup after keepalived started again', () => notified(ctx, 'backup', back));
  await noPreemption(ctx);
  ctx.changed(`keepalived stopped on ${ctx.host.name}: ${ctx.args.vip} moved to ${peer.name}; restarted as BACKUP, no preemption`);
  return { step: 1, holder: peer.name };
}

/** Step 2: nginx stopped on the holder -> FAULT, the VIP moves back; nginx started again -> BACKUP, VIP stays. @param {Ctx} ctx */
async function nginxStep(ctx) {
  const mark = await notifyLines(ctx);
  await service(ctx, 'nginx', 'stop');
  try {
    await waitFor(ctx, 'notify_fault in /var/log/keepalived.log', () => notified(ctx, 'fault', mark));
    await waitFor(ctx, `${ctx.args.vip} to leave ${ctx.host.name} and answer from the peer`, async () => !(await holdsVip(ctx)) && (await answersVia(ctx, ctx.args.vip)));
    ctx.log(`nginx stopped: FAULT, ${ctx.args.vip} moved back and answers`);
  } finally {
    // Restored whatever happened: the drill never leaves nginx down.
    const back = await notifyLines(ctx);
    await service(ctx, 'nginx', 'start');
    await waitFor(ctx, 'nginx answering again', () => answersVia(ctx, '127.0.0.1'));
    await waitFor(ctx, 'notify_backup after nginx started again', () => notified(ctx, 'backup', back));
  }
  await noPreemption(ctx);
  ctx.changed(`nginx stopped on ${ctx.host.name}: FAULT, ${ctx.args.vip} moved back; restarted as BACKUP, no preemption`);
  return { step: 2, holder: 'peer' };
}

/**
 * Both nodes healthy, or a refusal saying what is not: keepalived and nginx running here, healthz
 * answering here, at the peer's address and through the VIP. Its step is its place in the group.
 * @param {Ctx} ctx
 */
async function preflight(ctx) {
  const { args, host, hosts, groups } = ctx;
  const members = groups[args.group] ?? [];
  if (members.length !== 2) throw new Error(`the drill needs exactly two nodes in group ${args.group}, found ${members.length}`);
  const step = members.indexOf(host.name) + 1;
  const peer = hosts[members[2 - step] ?? ''];
  if (step < 1 || !peer) throw new Error(`${host.name} is not in group ${args.group}`);
  const problems = [];
  if ((await ctx.$`pidof keepalived`.nothrow()).exitCode !== 0) problems.push(`keepalived is not running on ${host.name}`);
  if (!(await answersVia(ctx, '127.0.0.1'))) problems.push(`nginx does not answer healthz on ${host.name}`);
  if (!(await answersVia(ctx, peer.address))) problems.push(`${peer.name} does not answer healthz at ${peer.address}`);
  if (!(await answersVia(ctx, args.vip))) problems.push(`nothing answers healthz through ${args.vip}`);
  if (problems.length > 0) throw new Error(`refusing to start the drill: ${problems.join('; ')}`);
  return { step, peer };
}

/** @param {Ctx} ctx */
async function holdsVip(ctx) {
  const addrs = await ctx.$`ip -o -4 addr show dev ${ctx.args.interface}`.text();
  return addrs.includes(` ${ctx.args.vip}/`);
}

/** @param {Ctx} ctx @param {string} address */
async function answersVia(ctx, address) {
  const out = await ctx.$`curl -s -m 3 -H ${`Host: ${ctx.args.domain}`} ${`http://${address}/healthz`}`.nothrow();
  return out.exitCode === 0 && out.stdout.trim() === OK;
}

/** After a restart, the VIP must stay where it is for a few advert intervals (nopreempt). @param {Ctx} ctx */
async function noPreemption(ctx) {
  await ctx.sleep(3000);
  if (await holdsVip(ctx)) throw new Error(`${ctx.args.vip} came back to ${ctx.host.name}: preemption, which nopreempt should prevent`);
  if (!(await answersVia(ctx, ctx.args.vip))) throw new Error(`nothing answers through ${ctx.args.vip} after ${ctx.host.name} came back`);
}

/** Under systemd through systemctl, else the init script, detached (a daemon keeping the channel open would hang it). @param {Ctx} ctx @param {string} name @param {'start' | 'stop'} action */
async function service(ctx, name, action) {
  await ctx.$`if [ -d /run/systemd/system ]; then systemctl ${action} ${name}; else setsid /etc/init.d/${name} ${action} </dev/null >/dev/null 2>&1; fi`;
}

/** @param {Ctx} ctx */
async function notifyLines(ctx) {
  return (await ctx.$`cat /var/log/keepalived.log 2>/dev/null || true`.lines()).length;
}

/** @param {Ctx} ctx @param {string} event @param {number} before */
async function notified(ctx, event, before) {
  const lines = await ctx.$`cat /var/log/keepalived.log 2>/dev/null || true`.lines();
  return lines.slice(before).some((line) => line.endsWith(`notify_${event}`));
}

/** Polls `ready` every 250 ms until it holds, or fails after args.wait_seconds. @param {Ctx} ctx @param {string} what @param {() => Promise<boolean>} ready */
async function waitFor(ctx, what, ready) {
  const deadline = Date.now() + ctx.args.wait_seconds * 1000;
  while (Date.now() < deadline) {
    if (await ready()) return;
    await ctx.sleep(250);
  }
  throw new Error(`gave up waiting for ${what} after ${ctx.args.wait_seconds} s`);
}
