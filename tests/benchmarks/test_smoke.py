"""Smoke runs of the benchmarks: they still work end to end (no timing asserted here)."""

from benchmarks import moodle_xml_bench


def test_moodle_xml_bench_smoke(capsys):
    moodle_xml_bench.main(["--smoke"])
    out = capsys.readouterr().out
    assert "File: 50 questions" in out and "whole import into SQLite" in out
