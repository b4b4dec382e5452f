#!/usr/bin/env python3
"""Writes a large MimicKit-shaped workspace for the benchmarks (never inside the repo).

    bench/make_workspace.py OUT [--runner-mb 300] [--monitor-mb 50] [--cases 32] [--attempts 3]
                               [--monitor-shape blocks|lines] [--stage-mb 2]

OUT gets MimicKit/output/train/<root>/ (progress.json, case_manifest.tsv, runs/<case>/attempts.json for
every case, stage logs for the current attempt) and logs/ (<root>.log, the runner log, and
mk_ultralong_alloc_monitor_bench.log, the monitor log). The last case is running its long stage, so the
snapshot has a current attempt, a stage log and a full health evaluation. Prints the root's name.
"""

import argparse
import json
import os
import time

ROOT_NAME = "case_ultralong_alloc_bench_20261203_191238"
MONITOR_NAME = "mk_ultralong_alloc_monitor_bench.log"
STAGES = ("probe", "long", "test", "viz")


def case_name(i):
    return f"bench{i:03d}_humanoid_args.txt"


def attempt(case, index, num_envs, out_dir, current):
    """One attempts.json object with the key set the runner writes (about 50 keys)."""
    item = {
        "case": case, "method": "amp", "case_type": "trainable", "variant": "default",
        "agent_config": "data/agents/amp_humanoid_agent.yaml", "num_envs": num_envs,
    }
    for stage in STAGES:
        item[f"{stage}_rc"] = 0
        item[f"{stage}_ok"] = 1
        item[f"{stage}_timeout"] = 0
        item[f"{stage}_elapsed_sec"] = 12.5 + index
    item.update({
        "long_mode": "time_budget", "long_max_samples": 30000000, "long_budget_hours": 2.0,
        "long_budget_target_sec": 7200, "long_budget_elapsed_sec": 7200.4, "long_budget_reached": 1,
        "long_budget_signal": "SIGINT", "long_stop_reason": "long_budget_reached_SIGINT",
        "alloc_source": "profile", "alloc_profile_found": 1, "alloc_usable": 1, "alloc_num_envs": num_envs,
        "alloc_variant": "default", "final_ok": 1, "note": "ok", "out_dir": out_dir,
        "probe_out_dir": f"{out_dir}/probe_train", "long_out_dir": f"{out_dir}/long_train",
        "probe_train_log": f"{out_dir}/probe_train.log", "long_train_log": f"{out_dir}/long_train.log",
        "test_log": f"{out_dir}/test.log", "viz_log": f"{out_dir}/viz.log",
        "started_at": "2026-12-03 19:12:39", "finished_at": "2026-12-03 21:12:40",
    })
    if current:
        for stage in ("long", "test", "viz"):
            item[f"{stage}_rc"] = -1
            item[f"{stage}_ok"] = 0
        item.update({"long_budget_elapsed_sec": 3600.2, "long_budget_reached": 0, "long_stop_reason": "",
                     "final_ok": 0, "note": "in_progress_long"})
    elif index == 0:
        item.update({"long_rc": 1, "long_ok": 0, "final_ok": 0, "note": "long_nccl"})
    return item


def write_sized(path, target_bytes, make_chunk):
    """Appends chunks from make_chunk(n) until the file reaches target_bytes."""
    written = 0
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        while written < target_bytes:
            chunk = make_chunk(n)
            out.write(chunk)
            written += len(chunk.encode("utf-8"))
            n += 1


def runner_chunk(n):
    """About 64 KiB of runner stdout: case headers, tries, and MimicKit's iteration tables passed through."""
    lines = [f"\n[CASE {n % 32 + 1}/32] bench{n % 32:03d}_humanoid_args.txt (trainable)",
             "  [DEVICES] ['cuda:0', 'cuda:1']", "  [ALLOC] profile_found=1 usable=1 variant=default num_envs=512"]
    for it in range(n * 40, n * 40 + 40):
        lines.append("-" * 42)
        lines.append(f"| {'Iteration':>20} | {it:>15} |")
        lines.append(f"| {'Samples':>20} | {it * 32768:>15} |")
        lines.append(f"| {'Test_Return':>20} | {10 + it * 0.001:>15.3f} |")
        lines.append(f"| {'Train_Return':>20} | {8 + it * 0.001:>15.3f} |")
        lines.append(f"| {'Loss':>20} | {0.5 / (1 + it * 0.05):>15.3g} |")
        lines.append(f"\x1b[32m[INFO]\x1b[0m iter {it} fps=41234 \r 10%\r 50%\r100% done")
    lines.append(f"  [TRY default e512] probe=ok long=ok test=ok viz=ok final=ok")
    return "\n".join(lines) + "\n"


def monitor_chunk_factory(shape, end_time, total_chunks):
    def stamp(seconds_before):
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(end_time - seconds_before))

    def blocks(n):
        out = []
        for k in range(100):
            seq = n * 100 + k
            out.append(f"=== {stamp((total_chunks * 100 - seq) * 60)} ===\n"
                       f"0, {60 + seq % 40} %, 17253 MiB, 143771 MiB, 363.52 W\n"
                       f"1, {55 + seq % 45} %, 17039 MiB, 143771 MiB, 323.03 W\n"
                       '{\n  "done": 31,\n  "total": 32,\n  "last_case": "bench031_humanoid_args.txt",\n'
                       '  "status": "running_case"\n}'
                       "current_case_note bench031_humanoid_args.txt in_progress_long\n"
                       f"budget_progress_sec {seq % 7200}.0 / 7200\n\n")
        return "".join(out)

    def lines(n):
        out = []
        for k in range(200):
            seq = n * 200 + k
            out.append(f"{stamp((total_chunks * 200 - seq) * 2)} | root={ROOT_NAME} progress=31/32 "
                       f"status=running_case case=bench031_humanoid_args.txt note=in_progress_long | "
                       f"GPU0={60 + seq % 40}% GPU1={55 + seq % 45}% | mem0=17177MiB mem1=17046MiB | "
                       f"pw0=331.09W pw1=353.97W | both_high=1\n")
        return "".join(out)

    return blocks if shape == "blocks" else lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--runner-mb", type=float, default=300)
    parser.add_argument("--monitor-mb", type=float, default=50)
    parser.add_argument("--stage-mb", type=float, default=2)
    parser.add_argument("--cases", type=int, default=32)
    parser.add_argument("--attempts", type=int, default=3)
    parser.add_argument("--monitor-shape", choices=("blocks", "lines"), default="blocks")
    args = parser.parse_args()

    root = os.path.join(args.out, "MimicKit", "output", "train", ROOT_NAME)
    logs = os.path.join(args.out, "logs")
    os.makedirs(os.path.join(root, "runs"), exist_ok=True)
    os.makedirs(logs, exist_ok=True)

    with open(os.path.join(root, "case_manifest.tsv"), "w", encoding="utf-8") as manifest:
        manifest.write("case\tmethod\tcase_type\tmode\tagent_config\r\n")
        for i in range(args.cases):
            manifest.write(f"{case_name(i)}\tamp\ttrainable\ttrain\tdata/agents/amp_humanoid_agent.yaml\r\n")

    for i in range(args.cases):
        case = case_name(i)
        case_dir = os.path.join(root, "runs", case[:-4])
        os.makedirs(case_dir, exist_ok=True)
        items = []
        for a in range(args.attempts):
            num_envs = 512 >> min(a, 2)
            out_dir = os.path.join(case_dir, f"default_e{num_envs}")
            current = i == args.cases - 1 and a == args.attempts - 1
            items.append(attempt(case, a, num_envs, out_dir, current))
        with open(os.path.join(case_dir, "attempts.json"), "w", encoding="utf-8") as out:
            json.dump(items, out, indent=2)

    last = case_name(args.cases - 1)
    current_dir = os.path.join(root, "runs", last[:-4], f"default_e{512 >> min(args.attempts - 1, 2)}")
    os.makedirs(current_dir, exist_ok=True)
    write_sized(os.path.join(current_dir, "probe_train.log"), 64 * 1024, runner_chunk)
    write_sized(os.path.join(current_dir, "long_train.log"), int(args.stage_mb * 1024 * 1024), runner_chunk)

    with open(os.path.join(root, "progress.json"), "w", encoding="utf-8") as out:
        json.dump({"done": args.cases - 1, "total": args.cases, "last_case": last, "status": "running_case"},
                  out, indent=2)

    write_sized(os.path.join(logs, ROOT_NAME + ".log"), int(args.runner_mb * 1024 * 1024), runner_chunk)
    # Times run up to now: size one chunk first to know how many there will be.
    chunk_bytes = len(monitor_chunk_factory(args.monitor_shape, time.time(), 1)(0).encode("utf-8"))
    chunks = max(1, -(-int(args.monitor_mb * 1024 * 1024) // chunk_bytes))
    make = monitor_chunk_factory(args.monitor_shape, time.time(), chunks)
    write_sized(os.path.join(logs, MONITOR_NAME), int(args.monitor_mb * 1024 * 1024), make)
    print(ROOT_NAME)


if __name__ == "__main__":
    main()
