/** A problem the operator can fix (a missing or bad value, invalid manifest or translation, wrong icon); the CLI prints only the message. */
export class PackageError extends Error {
  override name = 'PackageError';
}
