/**
 * A small structural reader for the project's Bicep files (infra/): enough to check declarations, references,
 * API versions, module wiring and object literals without the Bicep CLI, which cannot be installed here (no npm
 * package compiles Bicep offline: `bicep-node` downloads the CLI binary at run time). It relies on the layout the
 * files use: top-level statements at column 0, two-space indentation, one property per line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface BicepParam { name: string; type: string; defaultValue: string | null; secure: boolean; decorators: string[] }
export interface BicepResource { symbol: string; type: string; apiVersion: string; existing: boolean; body: string }
export interface BicepModule { symbol: string; path: string; params: Map<string, string> }
export interface BicepOutput { name: string; type: string; value: string }

export interface BicepFile {
  file: string;
  /** The file without its comments. */
  text: string;
  /** The text without comments and decorators: what counts as a use of a name. */
  code: string;
  params: Map<string, BicepParam>;
  vars: Map<string, string>;
  resources: BicepResource[];
  modules: BicepModule[];
  outputs: Map<string, BicepOutput>;
}

/** Removes `// …` comments (a `//` at a line's start or after whitespace; `https://` inside strings stays). */
export function stripComments(text: string): string {
  return text.split('\n').map((line) => line.replace(/(^|\s)\/\/.*$/, '$1').trimEnd()).join('\n');
}

/** The `{ … }` (or `[ … ]`) that opens at `text[open]`, by bracket counting (interpolations are balanced). */
export function balancedBlock(text: string, open: number): string {
  const opening = text[open];
  const closing = opening === '{' ? '}' : opening === '[' ? ']' : opening === '(' ? ')' : null;
  if (!closing) throw new Error(`no bracket at ${open}: ${JSON.stringify(text.slice(open, open + 20))}`);
  let depth = 0;
  let quoted = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\'' && text[i - 1] !== '\\') quoted = !quoted;
    if (quoted) continue;
    if (c === opening) depth++;
    if (c === closing && --depth === 0) return text.slice(open, i + 1);
  }
  throw new Error(`unbalanced ${opening} at ${open}`);
}

/** `key: value` pairs at the top level of an object literal `{ … }` (values on one line). */
export function objectEntries(block: string): Map<string, string> {
  const entries = new Map<string, string>();
  let depth = 0;
  for (const line of stripComments(block).split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*|'[^']+'):\s*(.*)$/.exec(line);
    if (depth === 1 && match) entries.set(match[1]!.replace(/^'|'$/g, ''), match[2]!.trim());
    for (const c of line.replace(/'(?:[^'\\]|\\.)*'/g, (s) => s.replace(/[{}[\]]/g, ''))) {
      if (c === '{' || c === '[') depth++;
      if (c === '}' || c === ']') depth--;
    }
  }
  return entries;
}

/** The object literal assigned by `marker` (e.g. `var botSettings =`), or each branch of a `cond ? {…} : {…}`. */
export function objectLiterals(text: string, marker: string): Map<string, string>[] {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`${marker} not found`);
  const first = text.indexOf('{', at);
  const block = balancedBlock(text, first);
  const literals = [objectEntries(block)];
  const rest = text.slice(first + block.length);
  const otherBranch = /^\s*:\s*\{/.exec(rest);
  if (otherBranch) literals.push(objectEntries(balancedBlock(text, first + block.length + otherBranch[0].length - 1)));
  return literals;
}

export function readBicep(file: string): BicepFile {
  const raw = readFileSync(file, 'utf8');
  // Comments may hold apostrophes and brackets: every structural reading works on the text without them.
  const text = stripComments(raw);
  const lines = text.split('\n');
  const params = new Map<string, BicepParam>();
  const vars = new Map<string, string>();
  const resources: BicepResource[] = [];
  const modules: BicepModule[] = [];
  const outputs = new Map<string, BicepOutput>();
  const codeLines: string[] = [];
  let decorators: string[] = [];
  let inDecorator = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const offset = lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0);
    if (/^@/.test(line)) {
      decorators.push(line.trim());
      inDecorator = !/\)\s*$/.test(line);
      continue;
    }
    if (inDecorator) {
      decorators[decorators.length - 1] += ` ${line.trim()}`;
      if (/^\S/.test(line) && /\)\s*$/.test(line)) inDecorator = false;
      continue;
    }
    codeLines.push(line);
    let match: RegExpExecArray | null;
    if ((match = /^param\s+(\w+)\s+(\w+)(?:\s*=\s*(.+))?$/.exec(line))) {
      params.set(match[1]!, {
        name: match[1]!, type: match[2]!, defaultValue: match[3]?.trim() ?? null,
        secure: decorators.some((d) => d.startsWith('@secure(')), decorators,
      });
    } else if ((match = /^var\s+(\w+)\s*=\s*(.*)$/.exec(line))) {
      const value = match[2]!.trim();
      const open = value === '{' || value === '[' ? offset + line.lastIndexOf(value) : -1;
      vars.set(match[1]!, open >= 0 ? balancedBlock(text, open) : value);
    } else if ((match = /^resource\s+(\w+)\s+'([^'@]+)@([^']+)'\s*(existing\s*)?=/.exec(line))) {
      const open = offset + line.lastIndexOf('{');
      resources.push({ symbol: match[1]!, type: match[2]!, apiVersion: match[3]!, existing: Boolean(match[4]), body: balancedBlock(text, open) });
    } else if ((match = /^module\s+(\w+)\s+'([^']+)'\s*=/.exec(line))) {
      const body = balancedBlock(text, offset + line.lastIndexOf('{'));
      const paramsAt = body.indexOf('params: {');
      modules.push({
        symbol: match[1]!, path: match[2]!,
        params: paramsAt < 0 ? new Map() : objectEntries(balancedBlock(body, paramsAt + 'params: '.length)),
      });
    } else if ((match = /^output\s+(\w+)\s+(\w+)\s*=\s*(.+)$/.exec(line))) {
      outputs.set(match[1]!, { name: match[1]!, type: match[2]!, value: match[3]!.trim() });
    }
    if (/^\S/.test(line) && !/^[\]})]/.test(line)) decorators = [];
  }
  return { file, text, code: codeLines.join('\n'), params, vars, resources, modules, outputs };
}

/** Every .bicep file main.bicep uses, main first (modules by their relative path). */
export function readBicepTree(mainFile: string): BicepFile[] {
  const files = [readBicep(mainFile)];
  for (const module of files[0]!.modules) files.push(readBicep(path.resolve(path.dirname(mainFile), module.path)));
  return files;
}

/** How often `name` appears as a whole identifier in `code`. */
export function countUses(code: string, name: string): number {
  return [...code.matchAll(new RegExp(`(?<![A-Za-z0-9_.'])${name}(?![A-Za-z0-9_])`, 'g'))].length;
}
