"""The deadline surge (issue 13): every entrant sends its last answers and submits in the last
60 s before the close. Counts, per run, answers and submits sent before deadline + grace that
were refused or stored ``expired`` (the aim: none).

    benchmarks/run_surge.sh 2000      # both modes, through deploy/nginx.conf

Steps: all entrants start (concurrency-limited); the script then moves every attempt's
deadline to ``--lead`` seconds from now (one UPDATE, as if they had all started 20 minutes
earlier); each entrant, at a random moment in the last ``--window`` seconds before it, sends its
last ``--answers`` answers in one batch request and then submits. A request counts as "sent in
time" when the client sent it before deadline + grace (the client's clock is the machine's).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import time
from datetime import UTC, datetime, timedelta

import aiohttp
import sqlalchemy as sa

HEADERS = {"X-Requested-With": "fetch", "Content-Type": "application/json"}


async def call(session, method: str, url: str, payload=None):
    try:
        async with session.request(method, url, json=payload, headers=HEADERS) as response:
            return response.status, await response.json(content_type=None)
    except (TimeoutError, aiohttp.ClientError) as error:
        return type(error).__name__, None


async def run(args) -> dict:
    data = json.load(open(args.data))
    cookies, round_id = data["cookies"][: args.entrants], data["round_id"]
    connector = aiohttp.TCPConnector(limit=args.concurrency)
    timeout = aiohttp.ClientTimeout(total=180)
    sessions = []
    for cookie in cookies:
        jar = aiohttp.CookieJar(unsafe=True)
        jar.update_cookies({"session": cookie}, aiohttp.client.URL(args.base_url))
        sessions.append(aiohttp.ClientSession(
            connector=connector, connector_owner=False, cookie_jar=jar, timeout=timeout,
            headers={"User-Agent": data["user_agent"]}))
    try:
        t0 = time.perf_counter()
        papers = await asyncio.gather(*[
            call(s, "POST", f"{args.base_url}/api/v1/rounds/{round_id}/attempts")
            for s in sessions])
        started = time.perf_counter() - t0
        attempts = [(s, body) for s, (status, body) in zip(sessions, papers, strict=True)
                    if status in (200, 201)]
        engine = sa.create_engine(os.environ["DATABASE_URL"].replace(
            "postgresql://", "postgresql+psycopg://"))
        deadline = datetime.now(UTC) + timedelta(seconds=args.lead)
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE attempt SET deadline = :d, started_at = :s "
                                 "WHERE round_id = :r AND status = 'open'"),
                         {"d": deadline, "s": deadline - timedelta(minutes=20), "r": round_id})
        engine.dispose()
        cutoff = deadline.timestamp() + args.grace
        rng = random.Random(13)
        counts = {"answers_sent_in_time": 0, "answers_refused_in_time": 0,
                  "submits_sent_in_time": 0, "submits_expired_in_time": 0,
                  "submits_failed_in_time": 0, "errors": {}}
        latencies: list[float] = []

        async def entrant(session, paper) -> None:
            at = deadline.timestamp() - rng.uniform(0.5, args.window)
            await asyncio.sleep(max(0.0, at - time.time()))
            answers = [{"position": q["position"], "selected": [rng.randrange(len(q["options"]))]}
                       for q in paper["questions"][-args.answers:]]
            sent = time.time()
            status, body = await call(session, "PUT",
                                      f"{args.base_url}/api/v1/attempts/{paper['attempt_id']}"
                                      "/answers", {"answers": answers})
            latencies.append(time.time() - sent)
            if sent <= cutoff:
                counts["answers_sent_in_time"] += len(answers)
                if status != 200 or body is None:
                    counts["answers_refused_in_time"] += len(answers)
                    counts["errors"][str(status)] = counts["errors"].get(str(status), 0) + 1
                else:
                    counts["answers_refused_in_time"] += sum(
                        1 for r in body["results"] if not r["saved"])
            sent = time.time()
            status, body = await call(session, "POST",
                                      f"{args.base_url}/api/v1/attempts/{paper['attempt_id']}"
                                      "/submit", {})
            latencies.append(time.time() - sent)
            if sent <= cutoff:
                counts["submits_sent_in_time"] += 1
                if status != 200 or body is None:
                    counts["submits_failed_in_time"] += 1
                    counts["errors"][str(status)] = counts["errors"].get(str(status), 0) + 1
                elif body["status"] == "expired":
                    counts["submits_expired_in_time"] += 1

        t0 = time.perf_counter()
        await asyncio.gather(*[entrant(s, p) for s, p in attempts])
        latencies.sort()
        return {"mode": args.mode, "entrants": len(attempts), "starts_s": round(started, 2),
                "surge_s": round(time.perf_counter() - t0, 2), **counts,
                "p50_ms": round(1000 * latencies[len(latencies) // 2], 1),
                "p99_ms": round(1000 * latencies[int(len(latencies) * 0.99)], 1),
                "max_ms": round(1000 * latencies[-1], 1)}
    finally:
        for session in sessions:
            await session.close()
        await connector.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True)
    parser.add_argument("--entrants", type=int, default=5000)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--mode", default="")
    parser.add_argument("--lead", type=float, default=70.0, help="seconds to the deadline")
    parser.add_argument("--window", type=float, default=60.0)
    parser.add_argument("--answers", type=int, default=5)
    parser.add_argument("--grace", type=float, default=5.0)
    parser.add_argument("--concurrency", type=int, default=400)
    parser.add_argument("--out")
    args = parser.parse_args()
    report = asyncio.run(run(args))
    print(json.dumps(report, ensure_ascii=False))
    if args.out:
        with open(args.out, "a") as handle:
            handle.write(json.dumps(report, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
