export { redisCacheStore, type RedisCacheStoreOptions } from "./redis-cache-store.js";
