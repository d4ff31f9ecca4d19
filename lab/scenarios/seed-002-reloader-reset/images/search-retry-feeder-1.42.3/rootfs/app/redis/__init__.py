"""A small synchronous Redis client (the subset search-retry-feeder uses)."""
from redis.client import Redis  # noqa: F401
from redis.exceptions import ConnectionError, RedisError  # noqa: F401
