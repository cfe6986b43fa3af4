// Hex sha256 of some bytes: how file contents are compared between the controller and a host.
import { createHash } from 'node:crypto';

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}
