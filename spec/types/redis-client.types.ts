import Redis from 'ioredis';
import type { RedisClient } from '../../src/store/redis-client';
const client: RedisClient = new Redis({ lazyConnect: true });
void client;
