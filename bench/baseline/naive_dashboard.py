#!/usr/bin/env python3
"""The baseline mkdash is measured against: a stdlib dashboard that reads whole files on every request.

It does what the users' old script did on each /api/status: read progress.json and the current case's
attempts.json, read the whole runner log and the whole monitor log into memory, and answer the last lines
of each as JSON. Its page (/) polled that every 5 s. Written for the benchmarks only (scripts/bench.sh).

    naive_dashboard.py --root ROOT --runner-log FILE --monitor-log FILE [--port 0] [--lines 200]

Prints "naive: open http://127.0.0.1:PORT/" once it listens.
"""

import argparse
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = b"""<!doctype html><html><head><meta charset="utf-8"><title>naive dashboard</title></head>
<body><pre id="status">loading</pre><script>
async function poll() {
  const answer = await fetch("/api/status");
  document.getElementById("status").textContent = JSON.stringify(await answer.json(), null, 2);
}
poll(); setInterval(poll, 5000);
</script></body></html>
"""


def read_json(path):
    try:
        with open(path, encoding="utf-8") as source:
            return json.load(source)
    except (OSError, ValueError) as error:
        return {"error": str(error)}


def last_lines(path, count):
    # The whole file, every time: the cost grows with the log.
    try:
        with open(path, encoding="utf-8", errors="replace") as source:
            return source.read().splitlines()[-count:]
    except OSError as error:
        return [f"error: {error}"]


def make_handler(args):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/":
                self.answer(200, "text/html; charset=utf-8", PAGE)
            elif self.path.startswith("/api/status"):
                self.answer(200, "application/json", json.dumps(self.status()).encode("utf-8"))
            else:
                self.answer(404, "application/json", b'{"error": "not found"}')

        def status(self):
            progress = read_json(os.path.join(args.root, "progress.json"))
            case = progress.get("last_case", "") if isinstance(progress, dict) else ""
            folder = case[:-4] if case.endswith(".txt") else case
            attempts = read_json(os.path.join(args.root, "runs", folder, "attempts.json"))
            return {
                "progress": progress,
                "attempts": attempts,
                "runnerLog": last_lines(args.runner_log, args.lines),
                "monitorLog": last_lines(args.monitor_log, args.lines),
            }

        def answer(self, code, content_type, body):
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):
            pass

    return Handler


def main():
    parser = argparse.ArgumentParser(description="naive whole-file dashboard (benchmark baseline)")
    parser.add_argument("--root", required=True)
    parser.add_argument("--runner-log", required=True)
    parser.add_argument("--monitor-log", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--lines", type=int, default=200)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(args))
    print(f"naive: open http://127.0.0.1:{server.server_address[1]}/", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
