// Handlers notified but not yet run are remembered on the host, so a failed or killed run
// still restarts what it changed on the next run (Ansible forgets them: issue #10498).
import type { FactSet } from '../core/facts.js';
import type { HostSession } from './host-session.js';
import { shQuote } from '../core/sh-quote.js';

/** One handler name per line. Root-owned state of the engine itself, not a managed file. */
export const PENDING_HANDLERS_FILE = '/var/lib/runbook/pending-handlers';

export function readPendingHandlers(facts: FactSet): Set<string> {
  const fact = facts.get({ kind: 'file', path: PENDING_HANDLERS_FILE });
  if (!fact.exists || !fact.content) return new Set();
  return new Set(fact.content.toString('utf8').split('\n').map((l) => l.trim()).filter(Boolean));
}

/** Records handlers as pending before anything else can fail. */
export async function markPending(session: HostSession, names: string[]): Promise<void> {
  if (names.length === 0) return;
  const lines = names.map((n) => `grep -qxF ${shQuote(n)} "$f" || printf '%s\\n' ${shQuote(n)} >> "$f"`);
  const script = [`f=${shQuote(PENDING_HANDLERS_FILE)}`, `mkdir -p "$(dirname "$f")"`, `touch "$f"`, ...lines].join('\n');
  await session.transport.exec(script);
}

/** Forgets a handler once it has run successfully. */
export async function clearPending(session: HostSession, name: string): Promise<void> {
  const script = [
    `f=${shQuote(PENDING_HANDLERS_FILE)}`,
    `[ -f "$f" ] || exit 0`,
    `grep -vxF ${shQuote(name)} "$f" > "$f.new" || true`,
    `if [ -s "$f.new" ]; then mv -f "$f.new" "$f"; else rm -f "$f" "$f.new"; fi`,
  ].join('\n');
  await session.transport.exec(script);
}
