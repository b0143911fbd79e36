import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { compileSamples, type DocSample, extractSamples, formatErrors, type SampleError } from './doc-samples';

const REPO = resolve(__dirname, '../..');

/** The README and every project document of the TypeDoc site (typedoc.json), guides included. */
function documents(): string[] {
  const config = JSON.parse(readFileSync(join(REPO, 'typedoc.json'), 'utf8')) as { readme?: string; projectDocuments?: string[] };
  const patterns = [config.readme ?? 'README.md', ...(config.projectDocuments ?? [])];
  return patterns.flatMap((pattern) => {
    if (!pattern.includes('*')) return [pattern];
    const folder = dirname(pattern);
    const suffix = pattern.slice(pattern.lastIndexOf('*') + 1);
    return readdirSync(join(REPO, folder))
      .filter((name) => name.endsWith(suffix))
      .sort()
      .map((name) => `${folder}/${name}`);
  });
}

const DOCUMENTS = documents();
const SAMPLES = DOCUMENTS.flatMap((file) => extractSamples(REPO, file));
const COMPILED = SAMPLES.filter((sample) => sample.skipReason === undefined);

describe('documentation samples', function () {
  this.timeout(60_000);

  let results: Map<DocSample, SampleError[]>;
  let globalErrors: string[];

  before(() => {
    const { perSample, global } = compileSamples(REPO, COMPILED);
    results = new Map(COMPILED.map((sample, index) => [sample, perSample[index]]));
    globalErrors = global;
  });

  it('finds TypeScript samples in the README and in the guides', () => {
    expect(SAMPLES.filter((sample) => sample.file === 'README.md').length, 'README.md').to.be.above(0);
    expect(SAMPLES.filter((sample) => sample.file.startsWith('docs/guides/')).length, 'docs/guides/').to.be.above(0);
  });

  it('opts no block out of compiling without saying why', () => {
    const skipped = SAMPLES.filter((sample) => sample.skipReason !== undefined);
    for (const sample of skipped) expect(sample.skipReason!.trim(), `${sample.file}:${sample.line}`).to.not.equal('');
  });

  it('compiles with the settings of a strict app', () => {
    expect(globalErrors).to.deep.equal([]);
  });

  for (const sample of COMPILED) {
    it(`compiles ${sample.file}:${sample.line}`, () => {
      const errors = results.get(sample)!;
      expect(errors.length, formatErrors(sample, errors)).to.equal(0);
    });
  }

  describe('the checker itself', () => {
    const broken = (code: string): DocSample => ({ file: 'broken.md', line: 10, code, skipReason: undefined });

    it('reports an import the package does not export, at its line in the document', () => {
      const sample = broken("import { SessionManager } from 'routing-controllers-jwt-session';\nimport { SessionWizard } from 'routing-controllers-jwt-session';\nexport { SessionManager, SessionWizard };");
      const [errors] = compileSamples(REPO, [sample]).perSample;
      expect(formatErrors(sample, errors)).to.match(/^broken\.md:11: .*SessionWizard/);
    });

    it('reports a method or option that does not exist', () => {
      const sample = broken(
        "import { Container } from 'typedi';\nimport { SessionManager } from 'routing-controllers-jwt-session';\n" +
          "Container.get(SessionManager).configure({ secrets: ['x'] });\nContainer.get(SessionManager).startSession();",
      );
      const [errors] = compileSamples(REPO, [sample]).perSample;
      expect(errors.map((error) => error.line)).to.deep.equal([12, 13]);
    });
  });
});
