/** One operation timed in a loop, with the group it is compared within. */
export interface MicroCase {
  /** What is timed, e.g. `ours: token verify (repeat)`. */
  readonly name: string;
  /** Cases of one group do the same job (seal, unseal, sign, verify) and share a table section. */
  readonly group: MicroGroup;
  /** The operation; a returned promise is awaited before the next call. */
  readonly run: () => unknown;
}

export type MicroGroup = 'seal' | 'unseal' | 'sign' | 'verify';
