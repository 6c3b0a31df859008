"""Time a Moodle XML question import against the bare defusedxml parse of the same file.

    .venv/bin/python benchmarks/moodle_xml_bench.py [--rows 10000] [--repeat 3] [--database-url URL]
    .venv/bin/python benchmarks/moodle_xml_bench.py --smoke     # 50 questions, no timing aim

Generates a Moodle XML file with ``--rows`` questions (2-6 options, a quarter with several right
answers, six categories, HTML text as Moodle writes it), then measures in the same run:
(a) ``defusedxml.ElementTree.fromstring`` of it (and the stdlib C parser's), and (b) the whole
import (sniff, prolog vetted by defusedxml, tree, element lines, HTML to text, the spreadsheet
importer's planning and bulk write, commit) into a fresh SQLite database (or the given database,
emptied first). Prints both; aim: (b) < 3 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import xml.etree.ElementTree as ET
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import defusedxml.ElementTree as DefusedET  # noqa: E402

from benchmarks.import_bench import best_of, sentence, time_import  # noqa: E402
from question_bank.models import REFORM_AREAS  # noqa: E402

AIM_SECONDS = 3.0


def make_file(rows: int, seed: int = 76) -> bytes:
    """A Moodle XML quiz with ``rows`` distinct multiple-choice questions in six categories."""
    rng = random.Random(seed)
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    per_area = -(-rows // len(REFORM_AREAS))
    for n in range(rows):
        if n % per_area == 0:
            area = REFORM_AREAS[n // per_area]
            out.append(f'<question type="category"><category><text>$course$/top/{area}'
                       "</text></category></question>")
        count = rng.randint(2, 6)
        correct = sorted(rng.sample(range(count), rng.choice([1, 1, 1, 2])))
        share = 100 / len(correct)
        answers = "".join(
            f'<answer fraction="{share if i in correct else 0:.7g}" format="html">'
            f"<text><![CDATA[<p>{escape(sentence(rng, rng.randint(3, 10)))} ({n}.{i})</p>]]>"
            "</text><feedback format=\"html\"><text></text></feedback></answer>"
            for i in range(count))
        out.append(
            f'<question type="multichoice"><name><text>Câu {n + 1}</text></name>'
            f'<questiontext format="html"><text><![CDATA[<p>'
            f"{escape(sentence(rng, rng.randint(10, 30)))} ({n})?</p>]]></text></questiontext>"
            f'<generalfeedback format="html"><text>{escape(sentence(rng, 15))}</text>'
            f"</generalfeedback><defaultgrade>1</defaultgrade><penalty>0.3333333</penalty>"
            f"<hidden>0</hidden><idnumber>MX{n + 1:06d}</idnumber>"
            f"<single>{'true' if len(correct) == 1 else 'false'}</single>"
            f"<shuffleanswers>true</shuffleanswers><answernumbering>abc</answernumbering>"
            f"{answers}</question>")
    out.append("</quiz>")
    return "\n".join(out).encode("utf-8")


def run(rows: int, repeat: int, database_url: str = "") -> tuple[float, float]:
    """(bare parse, whole import) best of ``repeat``, checking every question was written."""
    data = make_file(rows)
    print(f"File: {rows} questions, {len(data) / 1e6:.1f} MB")
    bare = best_of(repeat, lambda: DefusedET.fromstring(data))
    stdlib = best_of(repeat, lambda: ET.fromstring(data))
    whole, stored = time_import(data, "bench.xml", rows, repeat, database_url)
    backend = "PostgreSQL" if database_url else "SQLite (fresh file)"
    print(f"(a) defusedxml fromstring: {bare:.3f} s   (stdlib C ElementTree: {stdlib:.3f} s)")
    print(f"(b) whole import into {backend}: {whole:.3f} s  ({stored} options written)")
    print(f"aim: (b) < {AIM_SECONDS:.0f} s for 10,000 questions")
    return bare, whole


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url", default="", help="e.g. postgresql+psycopg://...")
    parser.add_argument("--smoke", action="store_true", help="50 questions, one run")
    args = parser.parse_args(argv)
    if args.smoke:
        run(50, 1, args.database_url)
    else:
        run(args.rows, args.repeat, args.database_url)


if __name__ == "__main__":
    main()
