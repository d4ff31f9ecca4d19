/**
 * The `sitecustomize.py` every lab Python process imports (the lab puts its directory first on
 * PYTHONPATH): the same three things the Node preload does — cluster DNS through the lab's
 * table with the pod's search path (unknown cluster names raise `socket.gaierror(-2, 'Name or
 * service not known')`), `bind(('', port))` on the pod IP, and container paths opened from the
 * image or volume files with errors naming the path the program used. Standard library only.
 */
export const PYTHON_SITECUSTOMIZE = String.raw`# crashlens lab: pod networking and files for this process (see src/lab/net/preload-python.ts)
import os as _os


def _crashlens_lab_setup():
    import builtins
    import io
    import json
    import socket

    cfg_path = _os.environ.get("CRASHLENS_LAB_CONTAINER")
    if not cfg_path:
        return
    try:
        with io.open(cfg_path, "r", encoding="utf-8") as f:
            cfg = json.load(f)
    except Exception:
        return
    raw_stat = _os.stat
    raw_open = io.open
    domain = cfg.get("clusterDomain") or "cluster.local"
    pod_ip = cfg.get("podIP")
    state = {"table": {}, "stamp": None}

    def load_table():
        try:
            st = raw_stat(cfg["dnsTable"])
            if st.st_mtime_ns != state["stamp"]:
                with raw_open(cfg["dnsTable"], "r", encoding="utf-8") as f:
                    state["table"] = json.load(f).get("records", {})
                state["stamp"] = st.st_mtime_ns
        except Exception:
            pass

    def candidates(name):
        if name.endswith("."):
            return [name[:-1]]
        search = [cfg["namespace"] + ".svc." + domain, "svc." + domain, domain]
        expanded = [name + "." + s for s in search]
        return [name] + expanded if name.count(".") >= 5 else expanded + [name]

    def is_ip(host):
        try:
            socket.inet_aton(host)
            return host.count(".") == 3
        except OSError:
            return ":" in host

    def cluster_lookup(host):
        if not isinstance(host, str) or not host or is_ip(host):
            return None
        name = host.lower()
        if name == "localhost" or name.endswith(".localhost"):
            return None
        load_table()
        for c in candidates(name):
            ips = state["table"].get(c)
            if ips:
                return ips
        bare = name.rstrip(".")
        if "." not in bare or bare == domain or bare.endswith("." + domain):
            return []
        return None

    orig_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
        ips = cluster_lookup(host if not isinstance(host, bytes) else host.decode())
        if ips is None:
            return orig_getaddrinfo(host, port, family, type, proto, flags)
        if not ips:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        if isinstance(port, str):
            port = int(port) if port.isdigit() else socket.getservbyname(port)
        types = [type] if type else [socket.SOCK_STREAM, socket.SOCK_DGRAM, socket.SOCK_RAW]
        out = []
        for ip in ips:
            for t in types:
                p = proto or (6 if t == socket.SOCK_STREAM else 17 if t == socket.SOCK_DGRAM else 0)
                out.append((socket.AF_INET, t, p, "", (ip, port or 0)))
        return out

    socket.getaddrinfo = getaddrinfo

    orig_gethostbyname = socket.gethostbyname

    def gethostbyname(host):
        ips = cluster_lookup(host)
        if ips is None:
            return orig_gethostbyname(host)
        if not ips:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return ips[0]

    socket.gethostbyname = gethostbyname

    any_hosts = ("", "0.0.0.0", "127.0.0.1", "localhost")
    orig_bind = socket.socket.bind

    def bind(self, address):
        if pod_ip and self.family == socket.AF_INET and isinstance(address, tuple) and address[0] in any_hosts:
            address = (pod_ip,) + tuple(address[1:])
        return orig_bind(self, address)

    socket.socket.bind = bind

    # The pod's own loopback is its IP: connections to localhost reach the pod's listeners.
    loopback = ("127.0.0.1", "localhost", "::1")
    orig_connect = socket.socket.connect
    orig_connect_ex = socket.socket.connect_ex

    def to_pod(self, address):
        if pod_ip and self.family == socket.AF_INET and isinstance(address, tuple) and address[0] in loopback:
            return (pod_ip,) + tuple(address[1:])
        return address

    def connect(self, address):
        return orig_connect(self, to_pod(self, address))

    def connect_ex(self, address):
        return orig_connect_ex(self, to_pod(self, address))

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex

    rootfs = cfg.get("rootfs")
    mounts = sorted(cfg.get("mounts") or [], key=lambda m: -len(m["containerPath"]))
    def orig_exists(p):
        try:
            raw_stat(p)
            return True
        except (OSError, ValueError):
            return False

    def to_host(p, create=False):
        if isinstance(p, _os.PathLike):
            p = _os.fspath(p)
        if not isinstance(p, str) or not p.startswith("/") or not rootfs:
            return p
        n = _os.path.normpath(p)
        own = cfg.get("labDir") or rootfs
        if n == own or n.startswith(own + "/"):
            return p
        for m in mounts:
            mp = m["containerPath"].rstrip("/")
            if n == mp:
                return m["hostPath"]
            if n.startswith(mp + "/"):
                return m["hostPath"] + n[len(mp):]
        in_image = rootfs + n
        if orig_exists(in_image):
            return in_image
        if create:
            parent = _os.path.dirname(n)
            if parent != "/" and orig_exists(rootfs + parent):
                return in_image
        return p

    def wrap(fn, create=False):
        def inner(path, *args, **kwargs):
            mapped = to_host(path, create or _is_write(args, kwargs))
            try:
                return fn(mapped, *args, **kwargs)
            except OSError as e:
                if mapped is not path and e.filename == mapped:
                    e.filename = _os.fspath(path) if isinstance(path, _os.PathLike) else path
                raise

        inner.__wrapped__ = fn
        return inner

    def _is_write(args, kwargs):
        mode = kwargs.get("mode", args[0] if args and isinstance(args[0], str) else "r")
        return isinstance(mode, str) and any(c in mode for c in "wax+")

    builtins.open = wrap(builtins.open)
    io.open = builtins.open
    for name in ("stat", "lstat", "listdir", "scandir", "access", "readlink"):
        if hasattr(_os, name):
            setattr(_os, name, wrap(getattr(_os, name)))
    for name in ("mkdir", "remove", "unlink", "rmdir"):
        if hasattr(_os, name):
            setattr(_os, name, wrap(getattr(_os, name), True))
    orig_os_open = _os.open

    def os_open(path, flags, *args, **kwargs):
        mapped = to_host(path, bool(flags & (_os.O_CREAT | _os.O_WRONLY | _os.O_RDWR)))
        try:
            return orig_os_open(mapped, flags, *args, **kwargs)
        except OSError as e:
            if mapped is not path and e.filename == mapped:
                e.filename = path
            raise

    _os.open = os_open

    def to_container(p):
        if not isinstance(p, str):
            return p
        for m in mounts:
            h = m["hostPath"]
            if p == h:
                return m["containerPath"]
            if p.startswith(h + "/"):
                return m["containerPath"].rstrip("/") + p[len(h):]
        if p == rootfs:
            return "/"
        if rootfs and p.startswith(rootfs + "/"):
            return p[len(rootfs):]
        return p

    orig_getcwd = _os.getcwd
    _os.getcwd = lambda: to_container(orig_getcwd())

    # Tracebacks name the container's files (/app/feeder.py), as they would in the container.
    import sys
    import tokenize
    import traceback

    tokenize._builtin_open = builtins.open
    orig_frame_init = traceback.FrameSummary.__init__

    def frame_init(self, filename, lineno, name, *args, **kwargs):
        orig_frame_init(self, to_container(filename), lineno, name, *args, **kwargs)

    traceback.FrameSummary.__init__ = frame_init

    def excepthook(exc_type, exc, tb):
        traceback.print_exception(exc_type, exc, tb)

    sys.excepthook = excepthook
    if sys.argv and isinstance(sys.argv[0], str):
        sys.argv[0] = to_container(sys.argv[0])


_crashlens_lab_setup()
del _crashlens_lab_setup
`;
