import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** One fenced TypeScript block of a Markdown document. */
export interface DocSample {
  /** The document, relative to the repo. */
  readonly file: string;
  /** 1-based line of the block's first code line in the document. */
  readonly line: number;
  readonly code: string;
  /** Why the block is not compiled, from its opt-out marker; undefined for a compiled block. */
  readonly skipReason: string | undefined;
}

/** A type error of a sample, placed in its document. */
export interface SampleError {
  readonly line: number;
  readonly message: string;
}

const FENCE = /^( {0,3})(`{3,}|~{3,})\s*([\w-]*)/;
const TYPESCRIPT = new Set(['ts', 'typescript']);
/**
 * A block that is intentionally not TypeScript opts out with this comment on the line before its
 * fence, and must say why: `<!-- doc-sample: not compiled (pseudo-code of the cookie format) -->`.
 */
const OPT_OUT = /^<!--\s*doc-sample:\s*not compiled\s*\((.+)\)\s*-->$/;

/** The fenced ```ts (or ```typescript) blocks of `file`, in order. */
export function extractSamples(repo: string, file: string): DocSample[] {
  const lines = readFileSync(join(repo, file), 'utf8').split(/\r?\n/);
  const samples: DocSample[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const open = FENCE.exec(lines[index]);
    if (open === null) continue;
    const [, indent, fence] = open;
    const start = index + 1;
    let end = start;
    while (end < lines.length && !isClosingFence(lines[end], fence)) end += 1;
    if (TYPESCRIPT.has(open[3].toLowerCase())) {
      const code = lines
        .slice(start, end)
        .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
        .join('\n');
      const marker = OPT_OUT.exec(previousNonBlank(lines, index) ?? '');
      samples.push({ file, line: start + 1, code, skipReason: marker?.[1] });
    }
    index = end;
  }
  return samples;
}

function isClosingFence(line: string, fence: string): boolean {
  const trimmed = line.trim();
  return trimmed.startsWith(fence) && trimmed.replace(/[`~]/g, '') === '';
}

function previousNonBlank(lines: string[], index: number): string | undefined {
  for (let before = index - 1; before >= 0; before -= 1) if (lines[before].trim() !== '') return lines[before].trim();
  return undefined;
}

/**
 * The settings of a user's strict app (as the README asks for), with the package name resolving to
 * this repo's sources, so a sample is checked against the API as it is now.
 */
function compilerOptions(repo: string): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    strict: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    typeRoots: [join(repo, 'node_modules', '@types')],
    paths: { 'routing-controllers-jwt-session': [join(repo, 'src', 'index.ts')] },
  };
}

/**
 * Type-checks each sample as its own module, all in one program. The samples are virtual files in
 * a folder of the repo that does not exist on disk, so their imports resolve through the repo's
 * node_modules like an app's would. A sample without imports or exports is made a module too, so
 * samples never see each other's declarations.
 */
export function compileSamples(repo: string, samples: readonly DocSample[]): { perSample: SampleError[][]; global: string[] } {
  const folder = join(repo, 'spec', 'docs', '.samples');
  const files = new Map(
    samples.map((sample, index) => [
      join(folder, `sample-${index}.ts`),
      /^\s*(import|export)\b/m.test(sample.code) ? sample.code : `${sample.code}\nexport {};`,
    ]),
  );
  const options = compilerOptions(repo);
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    const text = files.get(name);
    return text === undefined
      ? getSourceFile.call(host, name, languageVersion, onError, shouldCreate)
      : ts.createSourceFile(name, text, languageVersion, true);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].map((diagnostic) =>
    ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
  );
  const perSample = [...files.keys()].map((name, index) => {
    const source = program.getSourceFile(name)!;
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    return diagnostics.map((diagnostic) => ({
      line: samples[index].line + source.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line,
      message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
    }));
  });
  return { perSample, global };
}

/** `file:line: message` lines, for a failure message a reader can jump from. */
export function formatErrors(sample: DocSample, errors: readonly SampleError[]): string {
  return errors.map((error) => `${sample.file}:${error.line}: ${error.message}`).join('\n');
}

/** `path` relative to `repo`, with forward slashes, as documents are named in failures. */
export function repoPath(repo: string, path: string): string {
  return relative(repo, path).split('\\').join('/');
}
