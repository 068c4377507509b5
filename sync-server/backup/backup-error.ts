/**
 * A backup or restore that stopped, before it changed anything it should not have. The message says
 * why and what to do, and is all a person running the command sees.
 */
export class BackupError extends Error {
  override name = 'BackupError';
}
