import socket

from redis.exceptions import ConnectionError, ResponseError


class Connection:
    def __init__(self, host, port, socket_timeout=None):
        self.host = host
        self.port = port
        self.socket_timeout = socket_timeout
        self._sock = None
        self._buf = b""

    def connect(self):
        if self._sock is not None:
            return
        try:
            self._sock = socket.create_connection((self.host, self.port), timeout=5)
        except OSError as e:
            raise ConnectionError(f"Error {e.errno} connecting to {self.host}:{self.port}. {e.strerror}.") from e
        self._sock.settimeout(self.socket_timeout)

    def send_command(self, *args):
        self.connect()
        parts = [b"*%d\r\n" % len(args)]
        for a in args:
            b = a if isinstance(a, bytes) else str(a).encode()
            parts.append(b"$%d\r\n%s\r\n" % (len(b), b))
        try:
            self._sock.sendall(b"".join(parts))
        except OSError as e:
            self.disconnect()
            raise ConnectionError(f"Error while writing to {self.host}:{self.port} : {e.args}") from e

    def _readline(self):
        while b"\r\n" not in self._buf:
            self._fill()
        line, self._buf = self._buf.split(b"\r\n", 1)
        return line

    def _fill(self):
        host_error = f"{self.host}:{self.port}"
        try:
            chunk = self._sock.recv(65536)
        except OSError as e:
            self.disconnect()
            raise ConnectionError(f"Error while reading from {host_error} : {e.args}")
        if not chunk:
            self.disconnect()
            raise ConnectionError(f"Connection closed by server.")
        self._buf += chunk

    def read_response(self):
        line = self._readline()
        kind, rest = line[:1], line[1:]
        if kind == b"+":
            return rest.decode()
        if kind == b"-":
            raise ResponseError(rest.decode())
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            if n < 0:
                return None
            while len(self._buf) < n + 2:
                self._fill()
            data, self._buf = self._buf[:n], self._buf[n + 2:]
            return data.decode()
        if kind == b"*":
            n = int(rest)
            if n < 0:
                return None
            return [self.read_response() for _ in range(n)]
        raise ResponseError(f"Protocol error, got {line!r}")

    def disconnect(self):
        if self._sock is not None:
            try:
                self._sock.close()
            finally:
                self._sock = None
