#!/usr/bin/env python3
"""Runs the example agents against a real LLM endpoint with simulated users and reports, per case:
whether the task succeeded, LLM calls, tokens (when the execution reports them), and wall time.

    python3 Benchmarks/llm-eval/run.py --llm openai --model gpt-4o-mini            # OPENAI_API_KEY set
    python3 Benchmarks/llm-eval/run.py --llm anthropic --model claude-sonnet-4-5   # ANTHROPIC_API_KEY set
    python3 Benchmarks/llm-eval/run.py --llm openai --model m --base-url http://127.0.0.1:PORT   # a local server

Each case of cases.json (or --cases FILE) is a program, the user's messages in order (given with
--message, so the run needs no terminal), and success criteria over the execution's result and what
the agent said. Every case is a durable execution in a scratch store; the JSON report (--json FILE)
has one object per case: name, success, failures (the criteria that did not hold), status, result,
said (the agent's messages), llm_calls, input_tokens, output_tokens (null when unknown), seconds.
The exit status is 0 when every case succeeded.
"""
import argparse
import ast
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def playbooks(binary, args, cwd):
    return subprocess.run([binary] + args, cwd=cwd, capture_output=True, text=True, timeout=900)


def judge(case, status, result, said):
    failures = []
    want = case.get("success", {})
    if "result" in want and result != want["result"]:
        failures.append(f"result {result!r} is not {want['result']!r}")
    if "result_contains" in want and want["result_contains"] not in str(result):
        failures.append(f"result {result!r} does not contain {want['result_contains']!r}")
    text = "\n".join(said)
    for piece in want.get("said_contains", []):
        if piece.lower() not in text.lower():
            failures.append(f"the agent never said {piece!r}")
    for piece in want.get("said_not_contains", []):
        if piece.lower() in text.lower():
            failures.append(f"the agent said {piece!r}")
    if status != "finished":
        failures.append(f"the execution is {status}")
    return failures


def run_case(binary, case, llm_args, scratch):
    store = "files:" + os.path.join(scratch, case["name"])
    program = os.path.join(ROOT, case["program"])
    args = ["run", program, "--store", store, "--non-interactive", "--id", case["name"]] + llm_args
    for message in case["user"]:
        args += ["--message", message]
    started = time.monotonic()
    run = playbooks(binary, args, scratch)
    seconds = time.monotonic() - started
    show = playbooks(binary, ["executions", "show", case["name"], "--store", store, "--json"], scratch)
    info = json.loads(show.stdout) if show.returncode == 0 and show.stdout.strip() else {}
    transcript = playbooks(binary, ["executions", "show", case["name"], "--store", store, "--transcript"], scratch)
    said = [
        line.split(": ", 1)[1] for line in transcript.stdout.splitlines()
        if ": " in line and " -> " in line.split(": ", 1)[0] and not line.startswith("user ->")
    ]
    record = info.get("info", {})
    status = record.get("status", "unknown")
    result_repr = record.get("attributes", {}).get("result")
    try:
        result = ast.literal_eval(result_repr) if result_repr is not None else None
    except (ValueError, SyntaxError):
        result = result_repr
    usage = info.get("llmUsage") or info.get("usage") or {}
    checkpoints = playbooks(binary, ["checkpoints", "list", case["name"], "--store", store, "--json", "--all"], scratch)
    if checkpoints.returncode != 0:
        checkpoints = playbooks(binary, ["checkpoints", "list", case["name"], "--store", store, "--json"], scratch)
    try:
        rows = json.loads(checkpoints.stdout)
        calls = sum(1 for row in rows if row.get("call") in ("__PBStart__", "__PBText__"))
    except ValueError:
        calls = None
    failures = judge(case, status, result, said)
    if run.returncode not in (0, 3) and not failures:
        failures.append(f"playbooks run exited {run.returncode}: {run.stderr.strip()[-300:]}")
    return {
        "name": case["name"], "success": not failures, "failures": failures, "status": status, "result": result_repr,
        "said": said, "llm_calls": calls, "input_tokens": usage.get("input_tokens"),
        "output_tokens": usage.get("output_tokens"), "seconds": round(seconds, 2),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--llm", required=True, choices=["openai", "anthropic", "scripted"])
    parser.add_argument("--model")
    parser.add_argument("--base-url")
    parser.add_argument("--api-key-env")
    parser.add_argument("--cases", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases.json"))
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "playbooks"))
    parser.add_argument("--json", help="write the report here")
    args = parser.parse_args()
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"no playbooks executable at {args.binary}: build it (swift build) or pass --binary")
    llm_args = ["--llm", args.llm]
    for flag, value in (("--model", args.model), ("--base-url", args.base_url), ("--api-key-env", args.api_key_env)):
        if value:
            llm_args += [flag, value]
    with open(args.cases, encoding="utf-8") as f:
        cases = json.load(f)
    report = []
    with tempfile.TemporaryDirectory(prefix="llm-eval-") as scratch:
        for case in cases:
            row = run_case(args.binary, case, llm_args, scratch)
            report.append(row)
            mark = "ok  " if row["success"] else "FAIL"
            tokens = "-" if row["input_tokens"] is None else f"{row['input_tokens']}/{row['output_tokens']}"
            print(f"{mark} {row['name']:<20} calls {row['llm_calls']}  tokens in/out {tokens}  {row['seconds']:.1f} s")
            for failure in row["failures"]:
                print(f"     {failure}")
    passed = sum(1 for row in report if row["success"])
    print(f"{passed}/{len(report)} cases succeeded")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=2)
    sys.exit(0 if passed == len(report) else 1)


if __name__ == "__main__":
    main()
