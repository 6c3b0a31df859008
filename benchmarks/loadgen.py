"""Play entrants through the real JSON API and compare with a bare-insert baseline.

Phases, in one run:
  start     every entrant starts its attempt at the same moment (synchronised round opening);
  answer    steady answering: each entrant saves its answers one after another;
  submit    the deadline surge: every entrant submits at once;
  baseline  the same number of requests as `answer`, at the same concurrency, against a bare
            Flask endpoint doing one INSERT (benchmarks/baseline_app.py) on the same server setup.
Reports throughput and p50/p95/p99 latency per phase, errors, and answer/baseline ratios.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import time
from dataclasses import dataclass, field

import aiohttp

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


async def request(session, phase: Phase, method: str, url: str, payload=None, ok=(200, 201)):
    started = time.perf_counter()
    try:
        async with session.request(method, url, json=payload, headers=HEADERS) as response:
            body = await response.json(content_type=None)
            phase.record(started, response.status in ok, str(response.status))
            return body if response.status in ok else None
    except (TimeoutError, aiohttp.ClientError) as error:
        phase.record(started, False, type(error).__name__)
        return None


async def run(args) -> list[dict]:
    data = json.load(open(args.data))
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
        t0 = time.perf_counter()
        papers = await asyncio.gather(*[
            request(s, start, "POST", f"{args.base_url}/api/v1/rounds/{round_id}/attempts")
            for s in sessions])
        start.wall = time.perf_counter() - t0
        results.append(start.summary())

        # 2. Steady answering: a shared queue of (entrant, position) drained by N workers.
        answer = Phase("answer")
        work = [(s, p["attempt_id"], q["position"], len(q["options"]))
                for s, p in zip(sessions, papers, strict=True) if p
                for q in p["questions"][: args.answers]]
        random.Random(1).shuffle(work)
        queue: asyncio.Queue = asyncio.Queue()
        for item in work:
            queue.put_nowait(item)

        async def answer_worker():
            while not queue.empty():
                s, attempt_id, position, options = queue.get_nowait()
                await request(s, answer, "PUT",
                              f"{args.base_url}/api/v1/attempts/{attempt_id}/answers/{position}",
                              {"selected": [random.randrange(options)]})

        t0 = time.perf_counter()
        await asyncio.gather(*[answer_worker() for _ in range(args.steady_concurrency)])
        answer.wall = time.perf_counter() - t0
        results.append(answer.summary())

        # 3. Deadline surge: everyone submits at once.
        submit = Phase("submit")
        t0 = time.perf_counter()
        await asyncio.gather(*[
            request(s, submit, "POST", f"{args.base_url}/api/v1/attempts/{p['attempt_id']}/submit",
                    {"prediction": None})
            for s, p in zip(sessions, papers, strict=True) if p])
        submit.wall = time.perf_counter() - t0
        results.append(submit.summary())

        # 4. Baseline: the same number of requests as `answer`, same concurrency.
        if args.baseline_url:
            baseline = Phase("baseline_insert")
            remaining = [len(work)]

            async def baseline_worker(session):
                while remaining[0] > 0:
                    remaining[0] -= 1
                    await request(session, baseline, "POST", f"{args.baseline_url}/insert", {})

            async with aiohttp.ClientSession(timeout=timeout) as plain:
                t0 = time.perf_counter()
                await asyncio.gather(*[baseline_worker(plain)
                                       for _ in range(args.steady_concurrency)])
                baseline.wall = time.perf_counter() - t0
            results.append(baseline.summary())
    finally:
        for s in sessions:
            await s.close()
        await connector.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="JSON written by load_setup.py")
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--baseline-url", default="")
    parser.add_argument("--entrants", type=int, default=5000)
    parser.add_argument("--answers", type=int, default=20, help="answers saved per entrant")
    parser.add_argument("--concurrency", type=int, default=200, help="connections, start/submit")
    parser.add_argument("--out", default="", help="also write the JSON report here")
    parser.add_argument("--steady-concurrency", type=int, default=16,
                        help="in-flight requests while answering (and for the baseline)")
    args = parser.parse_args()
    results = asyncio.run(run(args))
    by_name = {r["phase"]: r for r in results}
    if "baseline_insert" in by_name:
        base, ans = by_name["baseline_insert"], by_name["answer"]
        by_name["answer"]["throughput_vs_baseline"] = round(
            ans["throughput_rps"] / base["throughput_rps"], 2) if base["throughput_rps"] else None
    report = json.dumps(results, indent=2, ensure_ascii=False)
    if args.out:
        with open(args.out, "w") as handle:
            handle.write(report)
    print(report, flush=True)


if __name__ == "__main__":
    main()
