/** The project's files as the deployment tests read them: paths from the project root, and infra/main.bicep's module tree. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readBicepTree, type BicepFile } from './bicep';

export const ROOT = path.resolve(__dirname, '..', '..');

/** A path in the project: file('infra', 'main.bicep'). */
export const file = (...parts: string[]): string => path.join(ROOT, ...parts);

/** A project file's text: read('bot', 'config.ts'). */
export const read = (...parts: string[]): string => readFileSync(file(...parts), 'utf8');

/** infra/main.bicep, then each module it uses in the order it declares them (test/deploy/bicep.ts). */
export function mainBicepTree(): BicepFile[] {
  return readBicepTree(file('infra', 'main.bicep'));
}
