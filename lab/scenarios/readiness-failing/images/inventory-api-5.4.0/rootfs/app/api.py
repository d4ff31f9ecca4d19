"""inventory-api: stock levels over HTTP. Probes: /healthz (alive) and /readyz (ready for traffic)."""
import http.server
import json
import logging

logging.basicConfig(format="%(asctime)s %(levelname)s %(message)s", level=logging.INFO)
log = logging.getLogger("inventory-api")
STOCK = {"SKU-1001": 14, "SKU-1002": 0}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path in ("/healthz", "/readyz"):
            self._send(200, b"ok")
        elif self.path.startswith("/stock/"):
            sku = self.path.split("/")[-1]
            self._send(200, json.dumps({"sku": sku, "available": STOCK.get(sku, 0)}).encode())
        else:
            self._send(404, b"not found")

    def _send(self, code, body):
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        log.info('%s "%s" %s', self.client_address[0], self.requestline, args[1] if len(args) > 1 else "")


log.info("inventory-api 5.4.0 listening on :8080")
http.server.ThreadingHTTPServer(("", 8080), Handler).serve_forever()
