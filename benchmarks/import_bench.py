"""Time the question import against pandas' bare read of the same file.

    .venv/bin/python benchmarks/import_bench.py [--rows 10000] [--database-url URL] [--cpu]
    .venv/bin/python benchmarks/import_bench.py --smoke     # 50 questions, one run, no aim

Generates an .xlsx with ``--rows`` questions, then measures in the same run:
(a) ``pandas.read_excel(engine="calamine")`` of it, and (b) the whole import (read, validate,
bulk write, commit) into a fresh SQLite database (or the given database, whose question tables
are emptied first). Prints both and their ratio.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import openpyxl  # noqa: E402
import pandas as pd  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from contest import create_app  # noqa: E402
from contest.extensions import db  # noqa: E402
from question_bank.exporting import HEADERS, QUESTION_SHEET  # noqa: E402
from question_bank.import_plan import ImportOptions  # noqa: E402
from question_bank.importer import import_file  # noqa: E402
from question_bank.models import REFORM_AREAS, ReformArea  # noqa: E402

WORDS = ("cải cách hành chính thủ tục công vụ tài chính công chính phủ số dịch vụ công trực "
         "tuyến nghị quyết nghị định cán bộ công chức viên chức người dân doanh nghiệp").split()


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def make_file(rows: int, seed: int = 76) -> bytes:
    """An .xlsx in the template layout with ``rows`` distinct questions."""
    rng = random.Random(seed)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(QUESTION_SHEET)
    sheet.append(HEADERS)
    for n in range(1, rows + 1):
        count = rng.randint(2, 6)
        options = [sentence(rng, rng.randint(3, 10)) + f" ({n}.{i})" for i in range(count)]
        if count >= 4 and rng.random() < 0.2:
            options[-1] = "Cả A, B, C đều đúng"
        correct = sorted(rng.sample(range(count), rng.choice([1, 1, 1, 2])))
        sheet.append([
            f"BM{n:06d}", f"Câu {n}: {sentence(rng, rng.randint(10, 30))}?",
            *(options + [""] * (6 - count)), ",".join("ABCDEF"[c] for c in correct),
            REFORM_AREAS[rng.randrange(6)], rng.choice(["Dễ", "Trung bình", "Khó"]),
            sentence(rng, 15), "Nghị quyết 76/NQ-CP", "", "Ngân hàng thử nghiệm",
        ])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def fresh_app(url: str):
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        if url.startswith("sqlite"):
            db.create_all()
        else:
            db.drop_all()
            db.create_all()
        db.session.add_all(ReformArea(id=i, name=name, position=i)
                           for i, name in enumerate(REFORM_AREAS, start=1))
        db.session.commit()
    return app


def best_of(repeat: int, func, clock=time.perf_counter) -> float:
    times = []
    for _ in range(repeat):
        start = clock()
        func()
        times.append(clock() - start)
    return min(times)


def time_import(data: bytes, filename: str, rows: int, repeat: int,
                database_url: str = "", clock=time.perf_counter) -> tuple[float, int]:
    """(best whole-import time, options stored): import ``data`` ``repeat`` times, each into a
    fresh database (a new SQLite file, or ``database_url`` emptied), checking every question
    was written."""
    timings = []
    stored = 0
    with tempfile.TemporaryDirectory() as tmp:
        for attempt in range(repeat):
            url = database_url or f"sqlite:///{tmp}/bench{attempt}.sqlite"
            app = fresh_app(url)
            with app.app_context():
                start = clock()
                plan, result = import_file(data, filename, ImportOptions(bank="Bench"))
                db.session.commit()
                timings.append(clock() - start)
                assert not plan.errors and result and result.created == rows, plan.errors[:3]
                stored = db.session.scalar(sa.text("SELECT count(*) FROM question_option")) or 0
                db.session.remove()
                db.engine.dispose()
    return min(timings), stored


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url", default="", help="e.g. postgresql+psycopg://...")
    parser.add_argument("--cpu", action="store_true",
                        help="time this process's CPU (time.process_time) instead of the wall "
                             "clock: steadier on a shared machine; leaves out the database "
                             "server's own time on PostgreSQL")
    parser.add_argument("--smoke", action="store_true", help="50 questions, one run")
    args = parser.parse_args(argv)
    if args.smoke:
        args.rows, args.repeat = 50, 1
    clock = time.process_time if args.cpu else time.perf_counter

    data = make_file(args.rows)
    print(f"File: {args.rows} questions, {len(data) / 1e6:.1f} MB")
    bare = best_of(args.repeat, lambda: pd.read_excel(
        io.BytesIO(data), sheet_name=None, header=None, engine="calamine"), clock)

    whole, stored = time_import(data, "bench.xlsx", args.rows, args.repeat, args.database_url,
                                clock)
    backend = "PostgreSQL" if args.database_url else "SQLite (fresh file)"
    print(f"clock: {'CPU time of this process' if args.cpu else 'wall'}")
    print(f"(a) pandas read_excel(engine='calamine'): {bare:.3f} s")
    print(f"(b) whole import into {backend}:  {whole:.3f} s  ({stored} options written)")
    print(f"ratio (b)/(a): {whole / bare:.2f}x   aim: <= 3x and < 2 s on SQLite")


if __name__ == "__main__":
    main()
