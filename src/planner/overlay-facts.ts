// Facts as they will be after the changes planned so far on a host, so later tasks plan on them.
import { sha256Hex } from '../core/sha256.js';
import { posix } from 'node:path';
import type { Change } from '../core/change.js';
import type { FactKind, FactKinds, FactRequestOf, FactSet, FileFact, ServiceFact } from '../core/facts.js';

export interface OverlayFacts extends FactSet {
  /** Records a planned change's effect on file facts. */
  simulate(change: Change): void;
}

export function createOverlayFacts(base: FactSet): OverlayFacts {
  const files = new Map<string, FileFact>();
  const fileFact = (path: string): FileFact => files.get(path) ?? base.get({ kind: 'file', path });

  return {
    get<K extends FactKind>(request: FactRequestOf<K>): FactKinds[K]['fact'] {
      if (request.kind === 'file') return fileFact((request as FactRequestOf<'file'>).path) as FactKinds[K]['fact'];
      if (request.kind === 'service') return serviceFact(base, files, (request as FactRequestOf<'service'>).name) as FactKinds[K]['fact'];
      return base.get(request);
    },
    simulate(change) {
      switch (change.kind) {
        case 'write': {
          const old = change.before;
          files.set(change.path, {
            path: change.path,
            exists: true,
            type: 'file',
            size: change.content.length,
            sha256: sha256Hex(change.content),
            mode: change.mode ?? (old.exists ? old.mode : '0644'),
            owner: change.owner ?? (old.exists ? old.owner : 'root'),
            group: change.group ?? (old.exists ? old.group : 'root'),
            content: change.content,
          });
          break;
        }
        case 'attrs': {
          const old = fileFact(change.path);
          files.set(change.path, {
            ...old,
            mode: change.mode ?? old.mode,
            owner: change.owner ?? old.owner,
            group: change.group ?? old.group,
          });
          break;
        }
        case 'directory':
          files.set(change.path, {
            path: change.path,
            exists: true,
            type: 'directory',
            size: 0,
            sha256: null,
            mode: change.mode ?? '0755',
            owner: change.owner ?? 'root',
            group: change.group ?? 'root',
          });
          break;
        case 'remove':
          files.set(change.path, absentFile(change.path));
          for (const path of files.keys()) if (path.startsWith(`${change.path}/`)) files.set(path, absentFile(path));
          break;
        case 'command':
        case 'api':
          break;
      }
    },
  };
}

/** A service whose init script or unit an earlier task writes exists from then on (stopped). */
function serviceFact(base: FactSet, files: Map<string, FileFact>, name: string): ServiceFact {
  const fact = base.get({ kind: 'service', name });
  if (fact.exists) return fact;
  const written = [`/etc/init.d/${name}`, `/etc/systemd/system/${name}.service`, `/lib/systemd/system/${name}.service`].some(
    (path) => files.get(path)?.exists,
  );
  return written ? { ...fact, exists: true, running: false } : fact;
}

function absentFile(path: string): FileFact {
  return { path, exists: false, type: null, size: 0, sha256: null, mode: null, owner: null, group: null };
}

/** The parent directory of a path, for the "does the directory exist" check. */
export function parentDir(path: string): string {
  return posix.dirname(path);
}
