import { expect } from 'chai';
import { resolve } from 'node:path';
import ts from 'typescript';

const ENTRY = resolve(__dirname, '../../src/index.ts');

interface ExportDoc {
  name: string;
  description: string;
  examples: number;
}

/** Every export of the package's entry point with its TSDoc summary and how many `@example`s it has. */
function exportDocs(): ExportDoc[] {
  const program = ts.createProgram([ENTRY], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    experimentalDecorators: true,
    noEmit: true,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(ENTRY)!)!;
  return checker.getExportsOfModule(moduleSymbol).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.declarations?.[0];
    return {
      name: exported.name,
      description: ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim(),
      examples: declaration === undefined ? 0 : ts.getJSDocTags(declaration).filter((tag) => tag.tagName.text === 'example').length,
    };
  });
}

// TypeDoc's notDocumented validation catches a missing description, not a missing example.
describe('TSDoc of the public API', function () {
  this.timeout(30_000);

  let docs: ExportDoc[];
  before(() => (docs = exportDocs()));

  it('finds the exports of src/index.ts', () => {
    expect(docs.map((doc) => doc.name)).to.include.members(['SessionManager', 'SessionHandle', 'Session', 'RequireJwt']);
  });

  it('gives every exported symbol a description', () => {
    expect(docs.filter((doc) => doc.description === '').map((doc) => doc.name)).to.deep.equal([]);
  });

  it('gives every exported symbol an @example', () => {
    expect(docs.filter((doc) => doc.examples === 0).map((doc) => doc.name)).to.deep.equal([]);
  });
});
