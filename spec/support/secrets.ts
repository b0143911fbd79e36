/** Test secrets: long enough, and distinct, for rotation tests. */
export const SECRET = 'spec-secret-0123456789-abcdefghijklmnop';
export const OLD_SECRET = 'spec-old-secret-0123456789-abcdefghijklm';
export const OTHER_SECRET = 'spec-other-secret-0123456789-abcdefghij';
