from redis.connection import Connection
from redis.exceptions import ResponseError


class Redis:
    def __init__(self, host="localhost", port=6379, socket_timeout=None):
        self.connection = Connection(host, int(port), socket_timeout)

    def execute_command(self, *args):
        self.connection.send_command(*args)
        return self.connection.read_response()

    def ping(self):
        return self.execute_command("PING") == "PONG"

    def xadd(self, stream, fields):
        flat = []
        for k, v in fields.items():
            flat += [k, v]
        return self.execute_command("XADD", stream, "*", *flat)

    def xgroup_create(self, stream, group, id="$"):
        try:
            return self.execute_command("XGROUP", "CREATE", stream, group, id, "MKSTREAM")
        except ResponseError as e:
            if "BUSYGROUP" not in str(e):
                raise

    def xreadgroup(self, group, consumer, streams, count=None, block=None):
        args = ["XREADGROUP", "GROUP", group, consumer]
        if count is not None:
            args += ["COUNT", count]
        if block is not None:
            args += ["BLOCK", block]
        args.append("STREAMS")
        args += list(streams.keys()) + list(streams.values())
        return self.execute_command(*args)

    def xack(self, stream, group, *ids):
        return self.execute_command("XACK", stream, group, *ids)
