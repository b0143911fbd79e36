import fc from 'fast-check';

/** The 64 characters of base64url. */
export const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * One edit of a string. Positions are taken modulo the string's length when applied, so one
 * mutation fits strings of any length; negative ones count from the end.
 */
export type Mutation =
  | { kind: 'replace'; at: number; char: string }
  | { kind: 'insert'; at: number; char: string }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'append'; text: string }
  | { kind: 'swap'; at: number; other: number }
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'duplicate'; at: number; count: number };

/**
 * Random mutations drawn mostly from `alphabet` (so most survive a charset check and reach the
 * crypto), sometimes from any character, and sometimes a bit flipped in the decoded bytes.
 */
export function mutationOf(alphabet: string): fc.Arbitrary<Mutation> {
  const char = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...alphabet) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  );
  // A quarter of the positions are among the last four characters, where encodings have spare bits.
  const at = fc.oneof({ weight: 3, arbitrary: fc.nat() }, { weight: 1, arbitrary: fc.integer({ min: -4, max: -1 }) });
  return fc.oneof(
    fc.record({ kind: fc.constant('replace' as const), at, char }),
    fc.record({ kind: fc.constant('insert' as const), at, char }),
    fc.record({ kind: fc.constant('delete' as const), at, count: fc.integer({ min: 1, max: 8 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at }),
    fc.record({ kind: fc.constant('append' as const), text: fc.string({ unit: char, minLength: 1, maxLength: 4 }) }),
    fc.record({ kind: fc.constant('swap' as const), at, other: fc.nat() }),
    fc.record({ kind: fc.constant('flip' as const), at, bit: fc.integer({ min: 0, max: 7 }) }),
    fc.record({ kind: fc.constant('duplicate' as const), at, count: fc.integer({ min: 1, max: 8 }) }),
  );
}

/**
 * `value` after `mutation`. `flip` changes one bit of the base64url-decoded bytes of the dot-separated
 * segment holding the position, and re-encodes that segment canonically.
 */
export function applyMutation(value: string, mutation: Mutation): string {
  const length = value.length;
  const position = (at: number, size = length) => ((at % size) + size) % size;
  switch (mutation.kind) {
    case 'replace': {
      const at = position(mutation.at);
      return value.slice(0, at) + mutation.char + value.slice(at + 1);
    }
    case 'insert': {
      const at = position(mutation.at, length + 1);
      return value.slice(0, at) + mutation.char + value.slice(at);
    }
    case 'delete': {
      const at = position(mutation.at);
      return value.slice(0, at) + value.slice(at + mutation.count);
    }
    case 'truncate':
      return value.slice(0, position(mutation.at));
    case 'append':
      return value + mutation.text;
    case 'swap': {
      const [a, b] = [position(mutation.at), position(mutation.other)].sort((x, y) => x - y);
      return value.slice(0, a) + value[b] + value.slice(a + 1, b) + value[a] + value.slice(b + 1);
    }
    case 'flip': {
      const segments = value.split('.');
      let at = position(mutation.at);
      const index = segments.findIndex((segment) => {
        if (at < segment.length + 1) return true;
        at -= segment.length + 1;
        return false;
      });
      const bytes = Buffer.from(segments[index], 'base64url');
      if (bytes.length === 0) return value.slice(0, -1);
      bytes[at % bytes.length] ^= 1 << mutation.bit;
      segments[index] = bytes.toString('base64url');
      return segments.join('.');
    }
    case 'duplicate': {
      const at = position(mutation.at);
      return value.slice(0, at) + value.slice(at, at + mutation.count) + value.slice(at);
    }
  }
}
