/** The argument that runs this library's server on the Redis store: `--redis=<port>`. */
export const REDIS_FLAG = '--redis=';
