import os
import time

from gisual_task_runner.app import TaskRunner
from redis import Redis


class Feeder(TaskRunner):
    def __init__(self):
        super().__init__("search_retry_feeder")
        self.shard = os.environ.get("SHARD", "0")
        self.stream = f"intel-requests:retry:{self.shard}"
        self.group = "search-retry-feeder"
        self.consumer = os.environ.get("HOSTNAME", "feeder")
        self.redis = Redis(host=os.environ["REDIS_HOST"], port=int(os.environ.get("REDIS_PORT", "6379")))

    def start(self):
        self.logger.info("connecting to %s:%s (stream %s)", self.redis.connection.host, self.redis.connection.port, self.stream)
        self.redis.xgroup_create(self.stream, self.group, id="0")

    def execute(self):
        iteration = 0
        while not self.stopping:
            iteration += 1
            for n in range(20):
                self.redis.xadd(self.stream, {"request": f"{iteration}-{n}", "attempt": "1"})
            forwarded = 0
            while True:
                batch = self.redis.xreadgroup(self.group, self.consumer, {self.stream: ">"}, count=100, block=1000)
                if not batch:
                    break
                entries = batch[0][1]
                self.redis.xack(self.stream, self.group, *[e[0] for e in entries])
                forwarded += len(entries)
                if len(entries) < 100:
                    break
            self.logger.info("iteration %d done, %d messages forwarded", iteration, forwarded)
            # Block on the stream between iterations, as the feeder does while waiting for retries.
            self.redis.xreadgroup(self.group, self.consumer, {self.stream: ">"}, count=100, block=300)
            time.sleep(0.2)
