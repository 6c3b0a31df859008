"""The deadline surge (issue 13): every entrant sends its last answers and submits in the last
60 s before the close. Counts, per run, answers and submits sent before deadline + grace that
were refused or stored ``expired`` (the aim: none).

    benchmarks/run_surge.sh 2000      # both modes, through deploy/nginx.conf

Steps: all entrants start (concurrency-limited); the script then moves every attempt's
deadline to ``--lead`` seconds from now (one UPDATE, as if they had all started 20 minutes
earlier); each entrant, at a random moment in the last ``--window`` seconds before it, sends its
last ``--answers`` answers in one batch request and then submits. A request counts as "sent in
time" when its headers left the client before deadline + grace (the client's clock is the
machine's; time spent waiting for one of the client's pooled connections does not count).
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
    """(status, body, when the request left this client): the send time is taken when the
    request's headers went out, not when it started waiting for a pooled connection."""
    sent: dict = {}
    try:
        async with session.request(method, url, json=payload, headers=HEADERS,
                                   trace_request_ctx=sent) as response:
            return response.status, await response.json(content_type=None), sent.get("at")
    except (TimeoutError, aiohttp.ClientError) as error:
        return type(error).__name__, None, sent.get("at")


async def _headers_sent(session, context, params) -> None:
    context.trace_request_ctx["at"] = time.time()


TRACE = aiohttp.TraceConfig()
TRACE.on_request_headers_sent.append(_headers_sent)


async def run(args) -> dict:
    data = json.load(open(args.data))
    cookies, round_id = data["cookies"][: args.entrants], data["round_id"]
    connector = aiohttp.TCPConnector(limit=args.concurrency)
    timeout = aiohttp.ClientTimeout(total=180)
    # Even entrants go through nginx (judged on its stamp); odd ones, with --direct-urls,
    # straight to the gunicorn processes (judged on the process's own stamp): both kinds wait
    # in the same queues at the same moment, so the comparison is fair on a noisy machine.
    direct = [u for u in (args.direct_urls or "").split(",") if u]
    bases = [args.base_url if i % 2 == 0 or not direct else direct[(i // 2) % len(direct)]
             for i in range(len(cookies))]
    sessions = []
    for cookie, base in zip(cookies, bases, strict=True):
        jar = aiohttp.CookieJar(unsafe=True)
        jar.update_cookies({"session": cookie}, aiohttp.client.URL(base))
        sessions.append(aiohttp.ClientSession(
            connector=connector, connector_owner=False, cookie_jar=jar, timeout=timeout,
            headers={"User-Agent": data["user_agent"]}, trace_configs=[TRACE]))
    try:
        t0 = time.perf_counter()
        papers = await asyncio.gather(*[
            call(s, "POST", f"{args.base_url}/api/v1/rounds/{round_id}/attempts")
            for s in sessions])
        started = time.perf_counter() - t0
        attempts = [(s, body, base) for s, (status, body, _), base
                    in zip(sessions, papers, bases, strict=True) if status in (200, 201)]
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
        def tally() -> dict:
            return {"answers_sent_in_time": 0, "answers_refused_in_time": 0,
                    "submits_sent_in_time": 0, "submits_expired_in_time": 0,
                    "submits_failed_in_time": 0, "errors": {}, "latencies": []}

        groups = {"via_nginx": tally(), "direct": tally()}

        async def entrant(session, paper, base) -> None:
            counts = groups["via_nginx" if base == args.base_url else "direct"]
            latencies = counts["latencies"]
            at = deadline.timestamp() - rng.uniform(0.5, args.window)
            await asyncio.sleep(max(0.0, at - time.time()))
            answers = [{"position": q["position"], "selected": [rng.randrange(len(q["options"]))]}
                       for q in paper["questions"][-args.answers:]]
            begun = time.time()
            status, body, sent = await call(
                session, "PUT", f"{base}/api/v1/attempts/{paper['attempt_id']}/answers",
                {"answers": answers})
            latencies.append(time.time() - begun)
            if sent is not None and sent <= cutoff:
                counts["answers_sent_in_time"] += len(answers)
                if status != 200 or body is None:
                    counts["answers_refused_in_time"] += len(answers)
                    counts["errors"][str(status)] = counts["errors"].get(str(status), 0) + 1
                else:
                    counts["answers_refused_in_time"] += sum(
                        1 for r in body["results"] if not r["saved"])
            begun = time.time()
            status, body, sent = await call(
                session, "POST", f"{base}/api/v1/attempts/{paper['attempt_id']}/submit",
                {})
            latencies.append(time.time() - begun)
            if sent is not None and sent <= cutoff:
                counts["submits_sent_in_time"] += 1
                if status != 200 or body is None:
                    counts["submits_failed_in_time"] += 1
                    counts["errors"][str(status)] = counts["errors"].get(str(status), 0) + 1
                elif body["status"] == "expired":
                    counts["submits_expired_in_time"] += 1

        t0 = time.perf_counter()
        await asyncio.gather(*[entrant(s, p, b) for s, p, b in attempts])
        report = {"mode": args.mode, "entrants": len(attempts), "starts_s": round(started, 2),
                  "surge_s": round(time.perf_counter() - t0, 2), "window_s": args.window}
        for name, counts in groups.items():
            latencies = sorted(counts.pop("latencies"))
            if not latencies:
                continue
            report[name] = {**counts, "requests": len(latencies),
                            "p50_ms": round(1000 * latencies[len(latencies) // 2], 1),
                            "p99_ms": round(1000 * latencies[int(len(latencies) * 0.99)], 1),
                            "max_ms": round(1000 * latencies[-1], 1)}
        return report
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
    parser.add_argument("--direct-urls", default="",
                        help="comma-separated gunicorn URLs for the odd entrants (no proxy)")
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
