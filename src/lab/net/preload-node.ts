/**
 * The preload every lab Node process loads (`NODE_OPTIONS=--require …`): it gives the process
 * the pod's view of the network and files without namespaces. (a) Cluster DNS: `svc`,
 * `svc.ns`, `svc.ns.svc.cluster.local` resolve through the table the lab writes, with the
 * pod's search path; unknown cluster names fail with ENOTFOUND as CoreDNS's NXDOMAIN would.
 * (b) `listen(port)` on all interfaces (or loopback) binds the pod IP instead. (c) Absolute
 * paths that exist in the image or under a volume mount are opened from the container's
 * files, and errors name the path the program asked for. Kept as text so the bundled CLI can
 * write it to the lab directory; plain ES2020 CommonJS, no dependencies.
 */
export const NODE_PRELOAD = String.raw`'use strict';
(function () {
  const fs = require('fs');
  const net = require('net');
  const dns = require('dns');
  const nodePath = require('path');
  // The preload's own reads must not go through the path mapping it installs below.
  const rawStat = fs.statSync;
  const rawRead = fs.readFileSync;
  const cfgPath = process.env.CRASHLENS_LAB_CONTAINER;
  if (!cfgPath) return;
  let cfg;
  try {
    cfg = JSON.parse(fs.readFileSync(cfgPath, 'utf8'));
  } catch (e) {
    return;
  }
  const domain = cfg.clusterDomain || 'cluster.local';
  const ANY = new Set(['0.0.0.0', '::', '', '127.0.0.1', 'localhost', '::1']);

  // ---- DNS ----
  let table = {};
  let tableStamp = -1;
  function loadTable() {
    try {
      const st = rawStat(cfg.dnsTable);
      if (st.mtimeMs !== tableStamp) {
        table = JSON.parse(rawRead(cfg.dnsTable, 'utf8')).records || {};
        tableStamp = st.mtimeMs;
      }
    } catch (e) {
      /* keep the last table */
    }
  }
  function candidates(name) {
    if (name.endsWith('.')) return [name.slice(0, -1)];
    const search = [cfg.namespace + '.svc.' + domain, 'svc.' + domain, domain];
    const expanded = search.map(function (s) { return name + '.' + s; });
    return name.split('.').length - 1 >= 5 ? [name].concat(expanded) : expanded.concat([name]);
  }
  function clusterLookup(hostname) {
    if (typeof hostname !== 'string' || net.isIP(hostname)) return undefined;
    const name = hostname.toLowerCase();
    if (name === 'localhost' || name.endsWith('.localhost')) return undefined;
    loadTable();
    const list = candidates(name);
    for (let i = 0; i < list.length; i++) {
      const ips = table[list[i]];
      if (ips && ips.length) return ips;
    }
    const bare = name.replace(/\.$/, '');
    if (bare.indexOf('.') < 0 || bare === domain || bare.endsWith('.' + domain)) return null;
    return undefined;
  }
  function notFound(hostname) {
    const err = new Error('getaddrinfo ENOTFOUND ' + hostname);
    err.errno = -3008;
    err.code = 'ENOTFOUND';
    err.syscall = 'getaddrinfo';
    err.hostname = hostname;
    return err;
  }
  const origLookup = dns.lookup;
  function lookup(hostname, options, callback) {
    if (typeof options === 'function') {
      callback = options;
      options = {};
    }
    const opts = typeof options === 'number' ? { family: options } : options || {};
    const ips = clusterLookup(hostname);
    if (ips === undefined) return origLookup.call(dns, hostname, options, callback);
    process.nextTick(function () {
      if (ips === null) return callback(notFound(hostname));
      if (opts.all) return callback(null, ips.map(function (a) { return { address: a, family: 4 }; }));
      callback(null, ips[0], 4);
    });
    return {};
  }
  dns.lookup = lookup;
  if (dns.promises) {
    const origP = dns.promises.lookup;
    dns.promises.lookup = function (hostname, options) {
      const opts = typeof options === 'number' ? { family: options } : options || {};
      const ips = clusterLookup(hostname);
      if (ips === undefined) return origP.call(dns.promises, hostname, options);
      if (ips === null) return Promise.reject(notFound(hostname));
      if (opts.all) return Promise.resolve(ips.map(function (a) { return { address: a, family: 4 }; }));
      return Promise.resolve({ address: ips[0], family: 4 });
    };
  }

  // ---- the pod's own loopback is its IP ----
  // Inside a pod, localhost is the pod's network namespace: connections to it reach the pod's
  // own listeners (bound on the pod IP here), never the host's. Errors keep the address the
  // program used.
  const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
  const origConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function () {
    const args = Array.prototype.slice.call(arguments);
    let opts = args[0];
    if (Array.isArray(opts)) opts = opts[0];
    let asked;
    if (opts !== null && typeof opts === 'object' && opts.path === undefined && opts.port !== undefined) {
      asked = opts.host === undefined ? 'localhost' : String(opts.host);
      if (LOOPBACK.has(asked)) {
        const copy = Object.assign({}, opts, { host: cfg.podIP });
        // net.connect() passes a normalized array marked with a private symbol: keep it.
        if (Array.isArray(args[0])) args[0][0] = copy;
        else args[0] = copy;
      } else asked = undefined;
    } else if (typeof opts === 'number' || (typeof opts === 'string' && /^\d+$/.test(opts))) {
      asked = typeof args[1] === 'string' ? args[1] : 'localhost';
      if (LOOPBACK.has(asked)) {
        if (typeof args[1] === 'string') args[1] = cfg.podIP;
        else args.splice(1, 0, cfg.podIP);
      } else asked = undefined;
    }
    if (asked !== undefined && !this.__labLoopbackFix) {
      this.__labLoopbackFix = true;
      const shown = asked === 'localhost' ? '127.0.0.1' : asked;
      this.prependListener('error', function (err) {
        if (err && typeof err.message === 'string') err.message = err.message.split(cfg.podIP).join(shown);
        if (err && typeof err.stack === 'string') err.stack = err.stack.split(cfg.podIP).join(shown);
        if (err && err.address === cfg.podIP) err.address = shown;
      });
    }
    return origConnect.apply(this, args);
  };

  // ---- listen on the pod IP ----
  const origListen = net.Server.prototype.listen;
  net.Server.prototype.listen = function () {
    const args = Array.prototype.slice.call(arguments);
    const a0 = args[0];
    if (a0 !== null && typeof a0 === 'object' && !Array.isArray(a0) && a0.port !== undefined && a0.path === undefined && !a0._handle && !a0.fd) {
      if (a0.host === undefined || ANY.has(String(a0.host))) args[0] = Object.assign({}, a0, { host: cfg.podIP, ipv6Only: false });
    } else if (typeof a0 === 'number' || (typeof a0 === 'string' && /^\d+$/.test(a0))) {
      if (typeof args[1] === 'string') {
        if (ANY.has(args[1])) args[1] = cfg.podIP;
      } else {
        args.splice(1, 0, cfg.podIP);
      }
    } else if (a0 === undefined || typeof a0 === 'function') {
      args.unshift(0, cfg.podIP);
    }
    return origListen.apply(this, args);
  };

  // ---- the container's files ----
  const mounts = (cfg.mounts || []).slice().sort(function (a, b) { return b.containerPath.length - a.containerPath.length; });
  function toHost(p, create) {
    if (typeof p !== 'string' || p.charAt(0) !== '/' || !cfg.rootfs) return p;
    const n = nodePath.posix.normalize(p);
    // Paths that already point into the lab's own files (the container's rootfs, volumes) stay.
    const own = cfg.labDir || cfg.rootfs;
    if (n.startsWith(own + '/') || n === own) return p;
    for (let i = 0; i < mounts.length; i++) {
      const m = mounts[i].containerPath.replace(/\/$/, '');
      if (n === m) return mounts[i].hostPath;
      if (n.startsWith(m + '/')) return mounts[i].hostPath + n.slice(m.length);
    }
    const inImage = cfg.rootfs + n;
    if (origExists(inImage)) return inImage;
    if (create) {
      const parent = nodePath.posix.dirname(n);
      if (parent !== '/' && origExists(cfg.rootfs + parent)) return inImage;
    }
    return p;
  }
  const origExists = fs.existsSync;

  /** The container path a host path stands for (the reverse of toHost), or the path itself. */
  function toContainer(p) {
    if (typeof p !== 'string' || !cfg.rootfs) return p;
    for (let i = 0; i < mounts.length; i++) {
      const h = mounts[i].hostPath;
      if (p === h) return mounts[i].containerPath;
      if (p.startsWith(h + '/')) return mounts[i].containerPath.replace(/\/$/, '') + p.slice(h.length);
    }
    if (p === cfg.rootfs) return '/';
    if (p.startsWith(cfg.rootfs + '/')) return p.slice(cfg.rootfs.length);
    return p;
  }

  // The process sees its working directory as the container path.
  const origCwd = process.cwd;
  process.cwd = function () {
    return toContainer(origCwd.call(process));
  };

  // Modules load by container path (stack traces name /app/server.js): resolution falls back
  // to the container's files, and the loader reads them through the mapped fs.
  const Module = require('module');
  const origFindPath = Module._findPath;
  function isFile(hostPath) {
    try {
      return rawStat(hostPath).isFile();
    } catch (e) {
      return false;
    }
  }
  function resolveIn(base) {
    const tries = [base, base + '.js', base + '.json', base + '.cjs', base + '/index.js', base + '/index.json'];
    for (let i = 0; i < tries.length; i++) if (isFile(toHost(tries[i]))) return tries[i];
    const pkg = base + '/package.json';
    if (isFile(toHost(pkg))) {
      try {
        const main = JSON.parse(rawRead(toHost(pkg), 'utf8')).main;
        if (main) {
          const m = resolveIn(nodePath.posix.resolve(base, main));
          if (m) return m;
        }
      } catch (e) {
        /* not a package */
      }
    }
    return undefined;
  }
  Module._findPath = function (request, paths, isMain) {
    const found = origFindPath.call(this, request, paths, isMain);
    if (found) return toContainer(found);
    if (request.charAt(0) === '/') return resolveIn(request) || false;
    const dirs = paths || [];
    for (let i = 0; i < dirs.length; i++) {
      if (typeof dirs[i] !== 'string' || dirs[i].charAt(0) !== '/') continue;
      const hit = resolveIn(nodePath.posix.resolve(dirs[i], request));
      if (hit) return hit;
    }
    return false;
  };
  // Frames of this preload (the wrappers above and below) are left out of stack traces, as
  // Node's default formatter would print them otherwise.
  const selfFile = __filename;
  const origPrepare = Error.prepareStackTrace;
  Error.prepareStackTrace = function (err, frames) {
    const kept = frames.filter(function (f) {
      return f.getFileName() !== selfFile;
    });
    if (typeof origPrepare === 'function') return origPrepare.call(this, err, kept);
    let head;
    try {
      head = Error.prototype.toString.call(err);
    } catch (e) {
      head = '<error>';
    }
    return head + kept.map(function (f) {
      return '\n    at ' + f.toString();
    }).join('');
  };
  const origRunMain = Module.runMain;
  Module.runMain = function (main) {
    const m = toContainer(main === undefined ? process.argv[1] : main);
    if (typeof process.argv[1] === 'string') process.argv[1] = toContainer(process.argv[1]);
    return origRunMain.call(this, m);
  };
  function fixError(err, from, to) {
    if (err && from !== to && typeof err.message === 'string') {
      err.message = err.message.split(to).join(from);
      if (err.path === to) err.path = from;
      if (err.dest === to) err.dest = from;
    }
    return err;
  }
  const CREATE = new Set(['writeFileSync', 'appendFileSync', 'mkdirSync', 'createWriteStream', 'writeFile', 'appendFile', 'mkdir', 'openSync', 'open', 'rmSync', 'rm', 'unlinkSync', 'unlink']);
  const SYNC = ['existsSync', 'statSync', 'lstatSync', 'readFileSync', 'writeFileSync', 'appendFileSync', 'openSync', 'accessSync', 'readdirSync', 'mkdirSync', 'rmSync', 'unlinkSync', 'realpathSync', 'createReadStream', 'createWriteStream', 'watch', 'chmodSync'];
  const ASYNC = ['readFile', 'writeFile', 'appendFile', 'open', 'stat', 'lstat', 'access', 'readdir', 'mkdir', 'rm', 'unlink', 'realpath', 'chmod'];
  SYNC.forEach(function (name) {
    const orig = fs[name];
    if (typeof orig !== 'function') return;
    const wrapped = function (p) {
      const mapped = toHost(p, CREATE.has(name));
      const args = Array.prototype.slice.call(arguments);
      args[0] = mapped;
      try {
        const result = orig.apply(fs, args);
        return name === 'realpathSync' && mapped !== p ? toContainer(result) : result;
      } catch (err) {
        throw fixError(err, p, mapped);
      }
    };
    if (orig.native) wrapped.native = orig.native;
    fs[name] = wrapped;
  });
  ASYNC.forEach(function (name) {
    const orig = fs[name];
    if (typeof orig !== 'function') return;
    fs[name] = function (p) {
      const mapped = toHost(p, CREATE.has(name));
      const args = Array.prototype.slice.call(arguments);
      args[0] = mapped;
      const cb = args[args.length - 1];
      if (typeof cb === 'function') {
        args[args.length - 1] = function (err) {
          if (err) fixError(err, p, mapped);
          return cb.apply(this, arguments);
        };
      }
      return orig.apply(fs, args);
    };
  });
  if (fs.promises) {
    ['readFile', 'writeFile', 'appendFile', 'open', 'stat', 'lstat', 'access', 'readdir', 'mkdir', 'rm', 'unlink', 'realpath'].forEach(function (name) {
      const orig = fs.promises[name];
      if (typeof orig !== 'function') return;
      fs.promises[name] = function (p) {
        const mapped = toHost(p, CREATE.has(name) || CREATE.has(name + 'Sync'));
        const args = Array.prototype.slice.call(arguments);
        args[0] = mapped;
        return orig.apply(fs.promises, args).catch(function (err) {
          throw fixError(err, p, mapped);
        });
      };
    });
  }
})();
`;
