"""Play entrants through the real JSON API and compare with a bare-insert baseline.

Phases, in one run:
  start            every entrant starts its attempt at the same moment (synchronised opening);
  answer_steady    steady answering: answers arrive at a fixed rate (--steady-rate per second,
                   open loop, so a slow server cannot slow the arrivals down); latency is
                   counted from each request's scheduled time;
  answer           answering flat out: the remaining answers drained by --steady-concurrency
                   requests in flight (the server's answer-save capacity);
  submit           the deadline surge: every entrant submits at once;
  baseline_*       the same shapes against a bare Flask endpoint doing one INSERT
                   (benchmarks/baseline_app.py) on the same server setup: a burst of as many
                   requests as there are entrants (the start's shape), the steady rate, and
                   flat out with as many requests as `answer`.
Reports throughput and p50/p95/p99 latency per phase, errors, and app/baseline ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

TICK = os.sysconf("SC_CLK_TCK")

HEADERS = {"X-Requested-With": "fetch", "Content-Type": "application/json"}


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    wall: float = 0.0

    def record(self, started: float, ok: bool, label: str = "") -> None:
        self.latencies.append(time.perf_counter() - started)
        if not ok:
            self.errors[label] = self.errors.get(label, 0) + 1

    def summary(self) -> dict:
        lat = sorted(self.latencies) or [0.0]

        def pct(p: float) -> float:
            return round(1000 * lat[min(len(lat) - 1, int(p * len(lat)))], 1)

        return {
            "phase": self.name, "requests": len(self.latencies),
            "errors": sum(self.errors.values()), "error_kinds": self.errors,
            "wall_s": round(self.wall, 2),
            "throughput_rps": round(len(self.latencies) / self.wall, 1) if self.wall else 0,
            "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99),
            "mean_ms": round(1000 * statistics.fmean(lat), 1),
        }


async def request(session, phase: Phase, method: str, url: str, payload=None, ok=(200, 201),
                  started: float | None = None):
    started = time.perf_counter() if started is None else started
    try:
        async with session.request(method, url, json=payload, headers=HEADERS) as response:
            body = await response.json(content_type=None)
            phase.record(started, response.status in ok, str(response.status))
            return body if response.status in ok else None
    except (TimeoutError, aiohttp.ClientError) as error:
        phase.record(started, False, type(error).__name__)
        return None


def cpu_seconds() -> dict[str, float]:
    """CPU time used so far by the app's gunicorn, the baseline's, PostgreSQL and this client.

    Read from /proc (Linux); a process that ended between two readings is missed, which only
    matters for PostgreSQL backends closed mid-phase (the pools keep theirs open).
    """
    totals = {"app": 0.0, "baseline": 0.0, "postgres": 0.0}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                cmdline = handle.read().replace(b"\0", b" ").decode(errors="replace")
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used = (int(fields[11]) + int(fields[12])) / TICK  # utime + stime
        if "gunicorn" in cmdline and "contest:create_app" in cmdline:
            totals["app"] += used
        elif "gunicorn" in cmdline and "baseline_app" in cmdline:
            totals["baseline"] += used
        elif cmdline.startswith("postgres"):
            totals["postgres"] += used
    own = os.times()
    totals["loadgen"] = own.user + own.system
    return totals


def with_cpu(summary: dict, before: dict[str, float]) -> dict:
    """Add the phase's CPU per request (ms) for each process group to its summary."""
    after = cpu_seconds()
    requests = summary["requests"] or 1
    summary["cpu_ms_per_request"] = {
        name: round(1000 * (after[name] - before[name]) / requests, 2) for name in after}
    return summary


async def at_rate(name: str, calls: list[tuple], rate: float) -> dict:
    """Send ``calls`` (session, method, url, payload) at ``rate`` per second, open loop.

    One dispatcher sleeps until each request's send time and launches it; the request's
    latency runs from that scheduled time, so time spent waiting for a free connection (or for
    a busy event loop) counts too: no coordinated omission.
    """
    phase = Phase(name)
    tasks = []
    t0 = time.perf_counter()
    for index, call in enumerate(calls):
        scheduled = t0 + index / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(request(*call[:1], phase, *call[1:], started=scheduled)))
    await asyncio.gather(*tasks)
    phase.wall = time.perf_counter() - t0
    summary = phase.summary()
    summary["offered_rps"] = rate
    return summary


async def run(args) -> list[dict]:
    data = json.loads(Path(args.data).read_text())
    cookies, round_id = data["cookies"][: args.entrants], data["round_id"]
    connector = aiohttp.TCPConnector(limit=args.concurrency)
    timeout = aiohttp.ClientTimeout(total=120)
    sessions = []
    for cookie in cookies:
        jar = aiohttp.CookieJar(unsafe=True)
        jar.update_cookies({"session": cookie}, aiohttp.client.URL(args.base_url))
        sessions.append(aiohttp.ClientSession(
            connector=connector, connector_owner=False, cookie_jar=jar, timeout=timeout,
            headers={"User-Agent": data["user_agent"]}))
    results = []
    try:
        # 1. Synchronised start.
        start = Phase("start")
        cpu = cpu_seconds()
        t0 = time.perf_counter()
        papers = await asyncio.gather(*[
            request(s, start, "POST", f"{args.base_url}/api/v1/rounds/{round_id}/attempts")
            for s in sessions])
        start.wall = time.perf_counter() - t0
        results.append(with_cpu(start.summary(), cpu))

        # 2. Answering: first at a steady rate, then flat out (a shared queue of (entrant,
        # position) drained by --steady-concurrency workers).
        answer = Phase("answer")
        work = [(s, p["attempt_id"], q["position"], len(q["options"]))
                for s, p in zip(sessions, papers, strict=True) if p
                for q in p["questions"][: args.answers]]
        random.Random(1).shuffle(work)
        steady_count = min(len(work) // 2, int(args.steady_rate * args.steady_seconds))
        steady_work, work = work[:steady_count], work[steady_count:]

        def save(s, attempt_id, position, options):
            return (s, "PUT", f"{args.base_url}/api/v1/attempts/{attempt_id}/answers/{position}",
                    {"selected": [random.randrange(options)]})

        cpu = cpu_seconds()
        steady = await at_rate("answer_steady", [save(*item) for item in steady_work],
                               args.steady_rate)
        results.append(with_cpu(steady, cpu))

        queue: asyncio.Queue = asyncio.Queue()
        for item in work:
            queue.put_nowait(item)

        async def answer_worker():
            while not queue.empty():
                s, method, url, payload = save(*queue.get_nowait())
                await request(s, answer, method, url, payload)

        cpu = cpu_seconds()
        t0 = time.perf_counter()
        await asyncio.gather(*[answer_worker() for _ in range(args.steady_concurrency)])
        answer.wall = time.perf_counter() - t0
        results.append(with_cpu(answer.summary(), cpu))

        # 3. Deadline surge: everyone submits at once.
        submit = Phase("submit")
        cpu = cpu_seconds()
        t0 = time.perf_counter()
        await asyncio.gather(*[
            request(s, submit, "POST", f"{args.base_url}/api/v1/attempts/{p['attempt_id']}/submit",
                    {"prediction": None})
            for s, p in zip(sessions, papers, strict=True) if p])
        submit.wall = time.perf_counter() - t0
        results.append(with_cpu(submit.summary(), cpu))

        # 4. Baseline: the same shapes against one bare INSERT per request.
        if args.baseline_url:
            async with aiohttp.ClientSession(timeout=timeout, connector=connector,
                                             connector_owner=False) as plain:
                burst = Phase("baseline_burst")
                cpu = cpu_seconds()
                t0 = time.perf_counter()
                await asyncio.gather(*[request(plain, burst, "POST",
                                               f"{args.baseline_url}/insert", {})
                                       for _ in sessions])
                burst.wall = time.perf_counter() - t0
                results.append(with_cpu(burst.summary(), cpu))
                cpu = cpu_seconds()
                results.append(with_cpu(await at_rate(
                    "baseline_steady",
                    [(plain, "POST", f"{args.baseline_url}/insert", {})] * len(steady_work),
                    args.steady_rate), cpu))
            baseline = Phase("baseline_insert")
            remaining = [len(work)]

            async def baseline_worker(session):
                while remaining[0] > 0:
                    remaining[0] -= 1
                    await request(session, baseline, "POST", f"{args.baseline_url}/insert", {})

            async with aiohttp.ClientSession(timeout=timeout) as plain:
                cpu = cpu_seconds()
                t0 = time.perf_counter()
                await asyncio.gather(*[baseline_worker(plain)
                                       for _ in range(args.steady_concurrency)])
                baseline.wall = time.perf_counter() - t0
            results.append(with_cpu(baseline.summary(), cpu))
    finally:
        for s in sessions:
            await s.close()
        await connector.close()
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="JSON written by load_setup.py")
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--baseline-url", default="")
    parser.add_argument("--entrants", type=int, default=5000)
    parser.add_argument("--answers", type=int, default=20, help="answers saved per entrant")
    parser.add_argument("--concurrency", type=int, default=200, help="connections, start/submit")
    parser.add_argument("--out", default="", help="also write the JSON report here")
    parser.add_argument("--steady-concurrency", type=int, default=16,
                        help="in-flight requests while answering flat out (and the baseline)")
    parser.add_argument("--steady-rate", type=float, default=200,
                        help="answers per second in the steady phase (and its baseline)")
    parser.add_argument("--steady-seconds", type=float, default=30,
                        help="length of the steady phase (at most half of the answers)")
    parser.add_argument("--smoke", action="store_true",
                        help="3 entrants, 2 answers each, a 1 s steady phase (no timing aim)")
    args = parser.parse_args(argv)
    if args.smoke:
        args.entrants, args.answers, args.concurrency = 3, 2, 3
        args.steady_concurrency, args.steady_rate, args.steady_seconds = 2, 4.0, 1.0
    results = asyncio.run(run(args))
    by_name = {r["phase"]: r for r in results}
    if "baseline_insert" in by_name:
        base, ans = by_name["baseline_insert"], by_name["answer"]
        by_name["answer"]["throughput_vs_baseline"] = round(
            ans["throughput_rps"] / base["throughput_rps"], 2) if base["throughput_rps"] else None
        burst, start = by_name["baseline_burst"], by_name["start"]
        by_name["start"]["wall_vs_baseline_burst"] = round(
            start["wall_s"] / burst["wall_s"], 2) if burst["wall_s"] else None
    report = json.dumps(results, indent=2, ensure_ascii=False)
    if args.out:
        with open(args.out, "w") as handle:
            handle.write(report)
    print(report, flush=True)


if __name__ == "__main__":
    main()
