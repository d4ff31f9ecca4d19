"""catalog-api: product catalog over HTTP (standard library server)."""
import http.server
import json
import logging
import os

logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s %(message)s", level=logging.INFO)
log = logging.getLogger("catalog")

PRODUCTS = [{"sku": "SKU-1001", "name": "Trail shoe"}, {"sku": "SKU-1002", "name": "Rain jacket"}]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/healthz":
            body = b"ok"
        elif self.path == "/products":
            body = json.dumps(PRODUCTS).encode()
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.end_headers()
        self.wfile.write(body)


port = int(os.environ.get("PORT", "8000"))
log.info("catalog-api 4.1.0 listening on :%d", port)
http.server.ThreadingHTTPServer(("", port), Handler).serve_forever()
