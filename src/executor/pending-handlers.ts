// Handlers notified but not yet run are remembered on the host, so a failed or killed run
// still restarts what it changed on the next run (Ansible forgets them: issue #10498).
import type { FactSet } from '../core/facts.js';
import type { HostSession } from './host-session.js';
import { posix } from 'node:path';
import { shQuote } from '../core/sh-quote.js';

export function readPendingHandlers(facts: FactSet, file: string): Set<string> {
  const fact = facts.get({ kind: 'file', path: file });
  if (!fact.exists || !fact.content) return new Set();
  return new Set(fact.content.toString('utf8').split('\n').map((l) => l.trim()).filter(Boolean));
}

/**
 * The sh that records handlers as pending (idempotent: a name already there is not added again; a
 * missing file is made by the first `>>`). It rides on changes: one `grep` per name, no other process
 * once the folder exists.
 */
export function markPendingScript(file: string, names: string[]): string {
  const lines = names.map((n) => `grep -qxF ${shQuote(n)} "$rb_pf" 2>/dev/null || printf '%s\\n' ${shQuote(n)} >> "$rb_pf"`);
  return [`rb_pf=${shQuote(file)}`, `[ -d ${shQuote(posix.dirname(file))} ] || mkdir -p ${shQuote(posix.dirname(file))}`, ...lines].join('\n');
}

/** The sh that forgets a handler once it has run successfully. */
export function clearPendingScript(file: string, name: string): string {
  return [
    `rb_pf=${shQuote(file)}`,
    `if [ -f "$rb_pf" ]; then`,
    `  grep -vxF ${shQuote(name)} "$rb_pf" > "$rb_pf.new" || true`,
    `  if [ -s "$rb_pf.new" ]; then mv -f "$rb_pf.new" "$rb_pf"; else rm -f "$rb_pf" "$rb_pf.new"; fi`,
    `fi`,
  ].join('\n');
}

/** Records handlers as pending on their own round trip (when it could not ride on the task's last change). */
export async function markPending(session: HostSession, names: string[]): Promise<void> {
  if (names.length === 0) return;
  await session.transport.exec(markPendingScript(session.pendingHandlersFile, names));
}

/** Forgets a handler on its own round trip (when it could not ride on the handler's last change). */
export async function clearPending(session: HostSession, name: string): Promise<void> {
  await session.transport.exec(clearPendingScript(session.pendingHandlersFile, name));
}
