import { expect } from 'chai';
import { copyJson, isJsonValue, type JsonValue } from '../../src/session/json-value';

describe('json-value', () => {
  describe('copyJson', () => {
    it('returns primitives as they are and rebuilds arrays and objects at every depth', () => {
      for (const primitive of ['s', 0, -1.5, true, false, null]) expect(copyJson(primitive)).to.equal(primitive);
      const value: JsonValue = { list: [1, { deep: ['x'] }], nested: { n: null } };
      const copy = copyJson(value) as { list: [number, { deep: string[] }]; nested: object };
      expect(copy).to.deep.equal(value);
      expect(copy).not.to.equal(value);
      expect(copy.list).not.to.equal((value as { list: unknown }).list);
      copy.list[1].deep.push('changed');
      expect(value).to.deep.equal({ list: [1, { deep: ['x'] }], nested: { n: null } });
    });

    it('copies a "__proto__" key as an own property without touching the prototype', () => {
      const parsed = JSON.parse('{"__proto__":{"admin":true},"a":1}') as JsonValue;
      const copy = copyJson(parsed) as Record<string, unknown>;
      expect(Object.getPrototypeOf(copy)).to.equal(Object.prototype);
      expect((copy as { admin?: unknown }).admin).to.equal(undefined);
      expect(Object.keys(copy)).to.deep.equal(['__proto__', 'a']);
      expect(JSON.stringify(copy)).to.equal('{"__proto__":{"admin":true},"a":1}');
    });
  });

  describe('isJsonValue', () => {
    it('accepts what survives a JSON round trip and refuses the rest', () => {
      for (const good of ['', 1, true, null, [], {}, { a: [1, { b: 'c' }] }, Object.create(null) as object]) expect(isJsonValue(good), JSON.stringify(good)).to.equal(true);
      for (const bad of [undefined, Number.NaN, Infinity, () => 1, new Date(), new Map(), [undefined], { a: Symbol('s') }, 1n]) expect(isJsonValue(bad), String(bad)).to.equal(false);
    });
  });
});
