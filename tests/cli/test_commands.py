"""The data command line: list, list --json, check; bad files exit 2 without a traceback."""

import json
import subprocess
import sys


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "timeline_app", *args], capture_output=True, text=True, timeout=60
    )


def test_list_json_has_the_documented_fields():
    result = run("list", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["events"]) >= 30 and len(data["sources"]) == 5
    nss = next(e for e in data["events"] if e["id"] == "nss-2013")
    assert nss["start"] == "2013-12" and nss["end"] is None
    assert nss["precision"] == "month" and nss["approximate"] is False
    assert {"source", "quote"} <= set(nss["excerpts"][0])
    span = next(e for e in data["events"] if e["id"] == "china-hacker-attacks")
    assert (span["start"], span["end"]) == ("2016", "2017")


def test_list_prints_readable_lines():
    result = run("list")
    assert result.returncode == 0
    assert "December 2013" in result.stdout and "First National Security Strategy" in result.stdout


def test_bad_file_exits_2_with_located_errors_and_no_traceback(write_yaml):
    path = write_yaml("events:\n  - id: a\n    title: A\n    date: 2023-02-30\n    category: x\n")
    result = run("list", str(path))
    assert result.returncode == 2
    assert f"{path}:4:11:" in result.stderr and "has 28 days" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_reports_quotes_missing_from_the_source(tmp_path, write_yaml):
    (tmp_path / "a.txt").write_text("He said \u201chello\u201d   there.\nAnd more.", encoding="utf-8")
    path = write_yaml(
        "sources:\n  a: {title: A, file: a.txt}\nevents:\n"
        "  - id: ok\n    title: T\n    date: 2020\n    category: x\n"
        "    excerpts: [{source: a, quote: 'said \"hello\" there.'}]\n"
        "  - id: bad\n    title: T\n    date: 2021\n    category: x\n"
        "    excerpts: [{source: a, quote: 'said goodbye'}]\n"
    )
    result = run("check", str(path), "--sources", str(tmp_path))
    assert result.returncode == 1
    assert "NOT FOUND bad" in result.stdout and "NOT FOUND ok" not in result.stdout
    assert "1 of 2 quotes found" in result.stdout
