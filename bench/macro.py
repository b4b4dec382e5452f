#!/usr/bin/env python3
"""Macro measurements of the published mkdash binary and of the naive whole-file baseline (scripts/bench.sh).

Both serve the same generated workspace on loopback. For each: time from process start to the first served
page, /api/status latency and requests/s with wrk, CPU over an idle period with one page open, resident
memory idle and under load. Then how mkdash's cost grows with log size, cases and viewers. Prints a table
with the ratios and the targets, and writes results.json and results.md to --out.
"""

import argparse
import json
import os
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
ROOT_NAME = "case_ultralong_alloc_bench_20261203_191238"
MONITOR_NAME = "mk_ultralong_alloc_monitor_bench.log"

TARGETS = {
    "status_p50_ms": 2.0, "status_speedup": 500, "idle_cpu_pct": 0.2, "rss_idle_mb": 40, "rss_load_mb": 60,
    "first_page_ms": 150, "tail_ratio": 2.0,
}


def log(text):
    print(text, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port, path, timeout=60):
    """One HTTP/1.0 GET; returns (status, body bytes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
        conn.sendall(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def make_workspace(folder, *sizes):
    os.makedirs(folder, exist_ok=True)
    subprocess.run([sys.executable, os.path.join(HERE, "make_workspace.py"), folder, *sizes],
                   check=True, stdout=subprocess.DEVNULL)
    return folder


class Server:
    """mkdash or the baseline on a fixed free port, started and stopped by us."""

    def __init__(self, kind, args, workspace):
        self.kind, self.args, self.workspace = kind, args, workspace
        self.port = 0
        self.process = None

    def command(self):
        ws = self.workspace
        if self.kind == "mkdash":
            # wrk is one client address asking thousands of times a second: without --rate-limit 0 it would
            # measure how fast 429s are answered.
            return [self.args.mkdash, "--workspace", os.path.join(ws, "MimicKit"), "--log-dir",
                    os.path.join(ws, "logs"), "--port", str(self.port), "--rate-limit", "0", *self.gpu_args()]
        root = os.path.join(ws, "MimicKit", "output", "train", ROOT_NAME)
        return [sys.executable, self.args.naive, "--root", root, "--port", str(self.port),
                "--runner-log", os.path.join(ws, "logs", ROOT_NAME + ".log"),
                "--monitor-log", os.path.join(ws, "logs", MONITOR_NAME)]

    def gpu_args(self):
        if self.args.gpus == "nvml":
            return ["--nvml-library", self.args.nvml]
        return ["--nvml-library", "off", "--nvidia-smi", "/bin/false"]

    def start(self):
        """Starts it and polls / as fast as it can; returns ms from the start to the first 200."""
        self.port = free_port()
        started = time.monotonic()
        self.process = subprocess.Popen(self.command(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while True:
            try:
                if get(self.port, "/", timeout=5)[0] == 200:
                    return (time.monotonic() - started) * 1000
            except (ConnectionRefusedError, ConnectionResetError):
                pass
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.kind} exited with {self.process.returncode} before serving")
            time.sleep(0.0005)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    @property
    def pid(self):
        return self.process.pid

    def cpu_seconds(self):
        with open(f"/proc/{self.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def memory_kb(self, key="VmRSS"):
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
        return 0


class Viewers:
    """Open /api/events streams (or, for the baseline, its page's 5 s poll), drained by one thread."""

    def __init__(self, server, count):
        self.server, self.count = server, count
        self.stop = threading.Event()
        self.received = 0
        self.thread = threading.Thread(target=self.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *_):
        self.stop.set()
        self.thread.join(30)

    def run(self):
        if self.server.kind == "naive":
            while not self.stop.is_set():
                for _ in range(self.count):
                    get(self.server.port, "/api/status", timeout=120)
                self.stop.wait(5)
            return
        selector = selectors.DefaultSelector()
        conns = []
        for _ in range(self.count):
            conn = socket.create_connection(("127.0.0.1", self.server.port))
            conn.sendall(b"GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
            conn.setblocking(False)
            selector.register(conn, selectors.EVENT_READ)
            conns.append(conn)
        while not self.stop.is_set():
            for key, _ in selector.select(0.2):
                try:
                    self.received += len(key.fileobj.recv(1 << 20))
                except BlockingIOError:
                    pass
        for conn in conns:
            conn.close()


def wrk(port, threads, conns, seconds, timeout_s=30):
    lua = os.path.join(HERE, "wrk-report.lua")
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{conns}", f"-d{seconds}s", f"--timeout={timeout_s}s", "-s", lua,
         f"http://127.0.0.1:{port}/api/status"], check=True, capture_output=True, text=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("WRK_JSON "))
    result = json.loads(line[len("WRK_JSON "):])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def idle_cpu(server, seconds, viewers=1, settle=10, grow=False):
    """
    CPU percent of one core the server used over `seconds` with `viewers` pages open; RSS at the end. The first
    `settle` seconds are left out: they hold the first read of every file and the first page-in of the code.
    """
    with Viewers(server, viewers):
        time.sleep(settle)
        writer = LogWriter(server.workspace) if grow else None
        before, started = server.cpu_seconds(), time.monotonic()
        time.sleep(seconds)
        used, elapsed = server.cpu_seconds() - before, time.monotonic() - started
        if writer:
            writer.close()
        rss = server.memory_kb()
    return {"cpu_pct": 100 * used / elapsed, "cpu_s": used, "seconds": elapsed, "rss_kb": rss}


class LogWriter:
    """Appends like a live run: a runner line every second, a monitor sample every 2 s."""

    def __init__(self, workspace):
        self.logs = os.path.join(workspace, "logs")
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        tick = 0
        while not self.stop.wait(1):
            tick += 1
            with open(os.path.join(self.logs, ROOT_NAME + ".log"), "a") as runner:
                runner.write(f"[INFO] iter {tick} fps=41234\n")
            if tick % 2 == 0:
                stamp = time.strftime("%Y-%m-%d %H:%M:%S")
                with open(os.path.join(self.logs, MONITOR_NAME), "a") as monitor:
                    monitor.write(f"=== {stamp} ===\n0, {60 + tick % 40} %, 17253 MiB, 143771 MiB, 363.52 W\n"
                                  f"1, {55 + tick % 45} %, 17039 MiB, 143771 MiB, 323.03 W\n"
                                  "current_case_note bench031_humanoid_args.txt in_progress_long\n\n")

    def close(self):
        self.stop.set()
        self.thread.join()


def peak_rss_under_load(server, wrk_args, sse):
    """The highest VmRSS seen every 0.1 s while wrk runs with `sse` event streams open."""
    peak = 0
    done = threading.Event()
    result = {}

    def load():
        result.update(wrk(server.port, *wrk_args))
        done.set()

    with Viewers(server, sse):
        thread = threading.Thread(target=load)
        thread.start()
        while not done.wait(0.1):
            peak = max(peak, server.memory_kb())
        thread.join()
    result["rss_peak_kb"] = max(peak, server.memory_kb())
    return result


def first_pages(kind, args, workspace, runs):
    times = []
    for _ in range(runs):
        server = Server(kind, args, workspace)
        try:
            times.append(server.start())
        finally:
            server.stop()
        time.sleep(0.3)
    return times


def measure(kind, args, workspace, q):
    """Every headline number for one server."""
    log(f"== {kind}: first page x{q['first_runs']}")
    result = {"first_page_ms": first_pages(kind, args, workspace, q["first_runs"])}
    server = Server(kind, args, workspace)
    server.start()
    try:
        status, body = get(server.port, "/api/status")
        result["status_bytes"] = len(body)
        if status != 200:
            raise RuntimeError(f"{kind} /api/status answered {status}")
        # Idle first, on a fresh process: what a dashboard left open on a box costs, before any load grew it.
        log(f"== {kind}: idle {q['idle_s']} s with one page open")
        result["idle"] = idle_cpu(server, q["idle_s"])
        if kind == "mkdash":
            log(f"== {kind}: idle {q['idle_s']} s with one page open while the logs grow")
            result["idle_growing"] = idle_cpu(server, q["idle_s"], grow=True)
        log(f"== {kind}: /api/status latency, wrk -t1 -c1 -d{q['latency_s'][kind]}s")
        result["latency"] = wrk(server.port, 1, 1, q["latency_s"][kind])
        conns = q["load_conns"][kind]
        sse = q["load_sse"][kind]
        seconds = q["load_s"][kind]
        log(f"== {kind}: load, wrk -t2 -c{conns} -d{seconds}s with {sse} event streams open")
        result["load"] = peak_rss_under_load(server, (2, conns, seconds), sse)
        result["rss_hwm_kb"] = server.memory_kb("VmHWM")
    finally:
        server.stop()
    return result


def scaling(args, base, q):
    """How mkdash (and, for log size, the baseline) costs grow: three sizes each."""
    rows = {"log_size": [], "cases": [], "viewers": []}
    for runner_mb, monitor_mb in ((3, 0.5), (30, 5), (300, 50)):
        log(f"== scaling: runner log {runner_mb} MB, monitor log {monitor_mb} MB")
        ws = make_workspace(os.path.join(base, f"logs{runner_mb}"), "--runner-mb", str(runner_mb),
                            "--monitor-mb", str(monitor_mb))
        row = {"runner_mb": runner_mb, "monitor_mb": monitor_mb}
        for kind in ("mkdash", "naive"):
            server = Server(kind, args, ws)
            row[f"{kind}_first_ms"] = server.start()
            try:
                row[f"{kind}_p50_ms"] = wrk(server.port, 1, 1, q["scale_s"][kind])["p50_us"] / 1000
                row[f"{kind}_rss_kb"] = server.memory_kb("VmHWM")
            finally:
                server.stop()
        rows["log_size"].append(row)
        if runner_mb != 300:
            subprocess.run(["rm", "-rf", ws], check=True)
    for cases in (8, 32, 128):
        log(f"== scaling: {cases} cases")
        ws = make_workspace(os.path.join(base, f"cases{cases}"), "--cases", str(cases))
        server = Server("mkdash", args, ws)
        row = {"cases": cases, "first_ms": server.start()}
        try:
            row["p50_ms"] = wrk(server.port, 1, 1, q["scale_s"]["mkdash"])["p50_us"] / 1000
            row["idle_cpu_pct"] = idle_cpu(server, q["scale_idle_s"], settle=6)["cpu_pct"]
        finally:
            server.stop()
        rows["cases"].append(row)
        subprocess.run(["rm", "-rf", ws], check=True)
    ws = os.path.join(base, "logs300")
    for viewers in (1, 10, 50):
        log(f"== scaling: {viewers} viewers")
        server = Server("mkdash", args, ws)
        server.start()
        try:
            idle = idle_cpu(server, q["scale_idle_s"], viewers=viewers, settle=6)
            rows["viewers"].append({"viewers": viewers, "cpu_pct": idle["cpu_pct"], "rss_kb": idle["rss_kb"]})
        finally:
            server.stop()
    return rows


def tail_numbers(args):
    """GNU tail on the micro-benchmark's 1 GB file (hyperfine, whole process) and on an empty file."""
    empty = os.path.join(os.path.dirname(args.tail_file), "empty.log")
    open(empty, "w").close()
    export = os.path.join(os.path.dirname(args.tail_file), "hyperfine.json")
    subprocess.run(["hyperfine", "-N", "--warmup", "50", "--runs", str(args.tail_runs), "--export-json", export,
                    f"tail -n 200 {args.tail_file}", f"tail -n 200 {empty}"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(export) as source:
        runs = json.load(source)["results"]
    return {"gnu_tail_ms": runs[0]["median"] * 1000, "gnu_tail_empty_ms": runs[1]["median"] * 1000}


def bdn_medians(folder):
    """Median ns of every BenchmarkDotNet benchmark, from its JSON reports."""
    medians = {}
    results = os.path.join(folder, "results")
    for name in sorted(os.listdir(results)) if os.path.isdir(results) else []:
        if name.endswith(".json"):
            with open(os.path.join(results, name)) as source:
                for bench in json.load(source)["Benchmarks"]:
                    stats = bench.get("Statistics") or {}
                    memory = bench.get("Memory") or {}
                    medians[bench["Method"]] = {"median_ns": stats.get("Median"),
                                                "allocated_bytes": memory.get("BytesAllocatedPerOperation")}
    return medians


def times(a, b, digits=0):
    """a / b as "Nx", or "n/a" when b measured nothing."""
    return f"{a / b:.{digits}f}x" if b else "n/a"


def fmt(value, digits=2):
    return "n/a" if value is None else f"{value:.{digits}f}"


def check(ok):
    return "met" if ok else "MISSED"


def report(results):
    m, n = results["mkdash"], results["naive"]
    lines = ["| measure | mkdash | naive baseline | ratio | target | |", "|---|---|---|---|---|---|"]

    def row(name, a, b, ratio, target, ok):
        lines.append(f"| {name} | {a} | {b} | {ratio} | {target} | {check(ok) if ok is not None else ''} |")

    fm, fn = statistics.median(m["first_page_ms"]), statistics.median(n["first_page_ms"])
    row("first page after start, median ms", f"{fm:.1f} ({', '.join(f'{t:.0f}' for t in m['first_page_ms'])})",
        f"{fn:.1f}", f"{fn / fm:.1f}x", "<= 150 ms", fm <= TARGETS["first_page_ms"])
    lm, ln = m["latency"], n["latency"]
    speedup = ln["p50_us"] / lm["p50_us"]
    row("/api/status p50 ms (wrk -c1)", fmt(lm["p50_us"] / 1000, 3), fmt(ln["p50_us"] / 1000, 1),
        f"{speedup:.0f}x faster", "<= 2 ms, >= 500x", lm["p50_us"] / 1000 <= 2 and speedup >= 500)
    row("/api/status p99 ms (wrk -c1)", fmt(lm["p99_us"] / 1000, 3), fmt(ln["p99_us"] / 1000, 1),
        f"{ln['p99_us'] / lm['p99_us']:.0f}x", "", None)
    row("/api/status requests/s (wrk -c1)", f"{lm['rps']:.0f}", f"{ln['rps']:.2f}", times(lm["rps"], ln["rps"]),
        "", None)
    row("/api/status answers not 200 or failed (wrk -c1)", str(lm["errors"]), str(ln["errors"]), "", "0",
        lm["errors"] == 0)
    ld, lnl = m["load"], n["load"]
    row("/api/status answers not 200 or failed under load", str(ld["errors"]), str(lnl["errors"]), "", "0",
        ld["errors"] == 0)
    row(f"/api/status requests/s under load (wrk -t2, c{ld['conns']} / c{lnl['conns']})", f"{ld['rps']:.0f}",
        f"{lnl['rps']:.2f}", times(ld["rps"], lnl["rps"]), "", None)
    row(f"/api/status p50 / p99 ms under load", f"{ld['p50_us'] / 1000:.2f} / {ld['p99_us'] / 1000:.2f}",
        f"{lnl['p50_us'] / 1000:.0f} / {lnl['p99_us'] / 1000:.0f}", "", "", None)
    im, inl = m["idle"], n["idle"]
    row(f"idle CPU, one page open, % of a core over {im['seconds']:.0f} s", fmt(im["cpu_pct"], 3),
        fmt(inl["cpu_pct"], 2), f"{inl['cpu_pct'] / max(im['cpu_pct'], 1e-9):.0f}x", "<= 0.2 %",
        im["cpu_pct"] <= TARGETS["idle_cpu_pct"])
    ig = m["idle_growing"]
    row("idle CPU, one page open, logs growing, %", fmt(ig["cpu_pct"], 3), "", "", "", None)
    row("RSS idle, one page open, MB", fmt(im["rss_kb"] / 1024, 1), fmt(inl["rss_kb"] / 1024, 1), "", "<= 40 MB",
        im["rss_kb"] / 1024 <= TARGETS["rss_idle_mb"])
    row(f"RSS under load, peak MB (wrk + {ld['sse']} streams / baseline wrk)", fmt(ld["rss_peak_kb"] / 1024, 1),
        fmt(lnl["rss_peak_kb"] / 1024, 1), "", "<= 60 MB", ld["rss_peak_kb"] / 1024 <= TARGETS["rss_load_mb"])
    t = results.get("tail")
    if t and t.get("mkdash_tail_ms") is not None:
        ratio = t["mkdash_tail_ms"] / t["gnu_tail_ms"]
        lines.append(f"| last 200 lines of a 1 GB log, median ms | {t['mkdash_tail_ms']:.3f} (in process) | "
                     f"GNU tail {t['gnu_tail_ms']:.3f} (whole process; {t['gnu_tail_empty_ms']:.3f} on an empty "
                     f"file) | {ratio:.2f}x GNU tail | <= 2x | {check(ratio <= TARGETS['tail_ratio'])} |")
    s = results.get("scaling")
    if s:
        lines += ["", "| runner / monitor log MB | mkdash p50 ms | naive p50 ms | mkdash first page ms |",
                  "|---|---|---|---|"]
        lines += [f"| {r['runner_mb']} / {r['monitor_mb']} | {r['mkdash_p50_ms']:.3f} | {r['naive_p50_ms']:.1f} | "
                  f"{r['mkdash_first_ms']:.0f} |" for r in s["log_size"]]
        lines += ["", "| cases | mkdash p50 ms | first page ms | idle CPU % |", "|---|---|---|---|"]
        lines += [f"| {r['cases']} | {r['p50_ms']:.3f} | {r['first_ms']:.0f} | {r['idle_cpu_pct']:.3f} |"
                  for r in s["cases"]]
        lines += ["", "| viewers (event streams) | mkdash CPU % | mkdash RSS MB |", "|---|---|---|"]
        lines += [f"| {r['viewers']} | {r['cpu_pct']:.3f} | {r['rss_kb'] / 1024:.1f} |" for r in s["viewers"]]
    b = results.get("bdn") or {}
    if b:
        lines += ["", "| BenchmarkDotNet (in process) | median | allocated |", "|---|---|---|"]
        lines += [f"| {name} | {v['median_ns'] / 1000:.1f} us | {(v['allocated_bytes'] or 0) / 1024:.1f} KB |"
                  for name, v in b.items() if v["median_ns"] is not None]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mkdash", required=True)
    parser.add_argument("--naive", default=os.path.join(HERE, "baseline", "naive_dashboard.py"))
    parser.add_argument("--nvml", help="fake libnvidia-ml.so.1 (with its fake-nvml.txt beside it)")
    parser.add_argument("--gpus", choices=("nvml", "off"), default="nvml")
    parser.add_argument("--out", required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--scaling", action="store_true", help="also run the three-size scaling rows")
    parser.add_argument("--tail-file")
    parser.add_argument("--tail-runs", type=int, default=500)
    parser.add_argument("--bdn", help="BenchmarkDotNet artifacts folder")
    parser.add_argument("--idle-seconds", type=int)
    args = parser.parse_args()
    if args.gpus == "nvml" and not args.nvml:
        parser.error("--gpus nvml needs --nvml")

    q = {"first_runs": 7, "latency_s": {"mkdash": 20, "naive": 30}, "idle_s": 60, "load_s": {"mkdash": 15, "naive": 30},
         "load_conns": {"mkdash": 16, "naive": 2}, "load_sse": {"mkdash": 50, "naive": 0},
         "scale_s": {"mkdash": 5, "naive": 12}, "scale_idle_s": 20}
    if args.quick:
        q.update({"first_runs": 3, "latency_s": {"mkdash": 5, "naive": 10}, "idle_s": 15,
                  "load_s": {"mkdash": 5, "naive": 15},
                  "scale_s": {"mkdash": 3, "naive": 8}, "scale_idle_s": 8})
    if args.idle_seconds:
        q["idle_s"] = args.idle_seconds

    os.makedirs(args.out, exist_ok=True)
    base = tempfile.mkdtemp(prefix="mkdash-bench-")
    results = {"quick": args.quick, "gpus": args.gpus, "cores": os.cpu_count(), "settings": q}
    try:
        log(f"== workspace: runner log 300 MB, monitor log 50 MB, 32 cases (in {base})")
        ws = make_workspace(os.path.join(base, "logs300"), "--runner-mb", "300", "--monitor-mb", "50")
        for kind in ("mkdash", "naive"):
            results[kind] = measure(kind, args, ws, q)
            results[kind]["load"].update({"conns": q["load_conns"][kind], "sse": q["load_sse"][kind]})
        if args.scaling:
            results["scaling"] = scaling(args, base, q)
    finally:
        subprocess.run(["rm", "-rf", base], check=False)

    if args.bdn:
        results["bdn"] = bdn_medians(args.bdn)
    if args.tail_file:
        results["tail"] = tail_numbers(args)
        tail = (results.get("bdn") or {}).get("Last200LinesOf1GbLog")
        results["tail"]["mkdash_tail_ms"] = tail["median_ns"] / 1e6 if tail else None

    with open(os.path.join(args.out, "results.json"), "w") as out:
        json.dump(results, out, indent=2)
    table = report(results)
    with open(os.path.join(args.out, "results.md"), "w") as out:
        out.write(table + "\n")
    print(table)


if __name__ == "__main__":
    main()
