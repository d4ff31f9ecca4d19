import http.server
import os

MODEL = os.environ.get("MODEL_PATH", "/models/fraud.onnx")
size = os.path.getsize(MODEL)
print(f"loaded model {MODEL} ({size} bytes)", flush=True)


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/healthz" else 404)
        self.end_headers()


http.server.HTTPServer(("", 8080), Handler).serve_forever()
