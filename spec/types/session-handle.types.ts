/**
 * Compile-time checks of SessionHandle's typing: `npm run lint` type-checks this file and fails on
 * any line whose `@ts-expect-error` is not needed. It is never run (it is not a *.spec.ts file).
 */
import type { JsonValue } from '../../src/session/json-value';
import type { SessionHandle } from '../../src/session/session-handle';

interface Cart {
  items: string[];
  visits: number;
  coupon?: string;
}

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** `hasType<T>()(value)` compiles only when `value` is exactly of type `T`. */
function hasType<Expected>() {
  return <Actual>(value: Actual, ...exact: Equal<Actual, Expected> extends true ? [] : [never]): unknown => [value, exact];
}

export function typedSession(session: SessionHandle<Cart>): void {
  hasType<string[] | undefined>()(session.get('items'));
  hasType<number | undefined>()(session.get('visits'));
  // @ts-expect-error visits is a number, not a string
  hasType<string | undefined>()(session.get('visits'));

  session.set('visits', 3);
  session.set('items', ['a']);
  session.set('coupon', undefined);

  // @ts-expect-error a string is not a number
  session.set('visits', 'three');
  // @ts-expect-error 'colour' is not a key of Cart
  session.set('colour', 'red');
  // @ts-expect-error 'colour' is not a key of Cart
  session.get('colour');
  // @ts-expect-error items hold strings
  session.set('items', [1, 2]);
}

export function untypedSession(session: SessionHandle): void {
  session.set('anything', { nested: [1, 'two', null] });
  hasType<JsonValue | undefined>()(session.get('anything'));
  // @ts-expect-error a Date is not a JSON value
  session.set('when', new Date());
  hasType<string[]>()(session.flashes());
  hasType<{ id: number }[]>()(session.flashes<{ id: number }>('data'));
}
