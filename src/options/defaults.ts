/** The defaults of every option that has one; documented on the option interfaces. */
export const DEFAULTS = {
  tokenName: 'jwtTokenSession',
  sessionName: 'jwtSession',
  flashName: 'jwtFlash',
  cookie: {
    path: '/',
    secure: 'auto',
    httpOnly: true,
    sameSite: 'lax',
    maxAge: 3600,
    rolling: false,
    partitioned: false,
  },
  jwt: {
    algorithm: 'HS256',
    expiresIn: 3600,
    clockTolerance: 0,
  },
  csrf: {
    header: 'x-csrf-token',
    field: '_csrf',
  },
  minSecretLength: 32,
} as const;
