"""What the command line prints from a data file cannot act on the terminal or forge a line.

Each command runs in a real process on a timeline whose titles, category, source title, quotes
and file name carry terminal escape sequences, CR, LF, bidi overrides, line separators, DEL,
C1 controls and (from JSON) a lone surrogate. Nothing of that may reach stdout or stderr raw.
"""

import json
import os
import re
import subprocess
import sys

import pytest

ESC_TITLE = "\x1b]0;pwned\x07"  # retitles the terminal window
CLEAR = "\x1b[2J"  # clears the screen
HOSTILE = f"Title {ESC_TITLE}{CLEAR}\rCR\nNL \u202e RLO \u2028 LS \x7f DEL \x85 NEL \x9b CSI"
# What a terminal must never receive raw (LF is checked separately, by counting lines).
RAW = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def yaml_text(quote_found: bool = False) -> str:
    def q(text: str) -> str:  # a YAML double-quoted scalar, every control written as an escape
        return json.dumps(text)

    source_title = "Source \u202e name\rX " + ESC_TITLE
    quote = "quote " + ESC_TITLE + " \u202e said"
    return (
        f"title: {q('Ctl ' + ESC_TITLE + ' timeline ' + CLEAR)}\n"
        "sources:\n"
        "  src1:\n"
        f"    title: {q(source_title)}\n"
        '    published: "2020-01-01"\n'
        "    file: src1.txt\n"
        "events:\n"
        "  - id: ev1\n"
        f"    title: {q(HOSTILE)}\n"
        '    date: "2020-03-04"\n'
        f"    category: {q('cat' + chr(27) + '[1m')}\n"
        "    excerpts:\n"
        "      - source: src1\n"
        f"        quote: {q(quote)}\n"
        '        claims_date: "2019"\n'
    )


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run(
        [sys.executable, "-m", "timeline_app", *args], capture_output=True, timeout=120, env=env
    )


def clean(stream: bytes, lines: int | None = None) -> str:
    """The stream as UTF-8 text with no raw control character; `lines` lines if given."""
    text = stream.decode("utf-8")  # strict: a lone surrogate cannot have been written
    bad = RAW.findall(text)
    assert not bad, f"raw control characters reached the terminal: {bad!r} in {text[:400]!r}"
    assert "Traceback" not in text
    if lines is not None:
        assert text.count("\n") == lines and (text.endswith("\n") or not text), text
    return text


@pytest.fixture
def hostile(tmp_path):
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml_text(), encoding="utf-8")
    return path


def test_list_escapes_control_characters_and_keeps_one_line_per_event(hostile):
    """Header, one line for the event, the legend: three lines; every control shown escaped."""
    result = run("list", str(hostile))
    assert result.returncode == 0, result.stderr
    out = clean(result.stdout, lines=3)
    clean(result.stderr, lines=0)
    assert "\\x1b]0;pwned\\x07" in out and "\\x1b[2J" in out
    assert "\\r" in out and "\\n" in out and "\\u202e" in out and "\\u2028" in out
    assert "\\x7f" in out and "\\x85" in out and "\\x9b" in out


def test_list_json_escapes_them_and_reads_back_to_the_same_data(hostile):
    """JSON stays valid and exact: the escapes are JSON's own, so loading gives the title back."""
    result = run("list", "--json", str(hostile))
    assert result.returncode == 0, result.stderr
    out = clean(result.stdout)
    data = json.loads(out)
    assert data["events"][0]["title"] == HOSTILE
    assert data["events"][0]["category"] == "cat\x1b[1m"
    assert "\\u202e" in out and "\\u2028" in out and "\\u007f" in out and "\\u009b" in out


def test_check_escapes_what_it_reports(hostile, tmp_path):
    """A quote that is not in its document, a date conflict, a sources folder that is not one."""
    (tmp_path / "src1.txt").write_text("Nothing of the sort.", encoding="utf-8")
    result = run("check", str(hostile), "--sources", str(tmp_path))
    assert result.returncode == 1, result.stderr  # one quote not found
    out = clean(result.stdout)
    clean(result.stderr, lines=0)
    assert "NOT FOUND ev1" in out and "CONFLICT ev1" in out
    result = run("check", str(hostile), "--sources", str(tmp_path / f"docs{ESC_TITLE}"))
    assert result.returncode == 2
    assert "docs\\x1b]0;pwned\\x07: not a folder" in clean(result.stderr, lines=1)


def test_export_messages_escape_the_names_they_repeat(hostile, tmp_path):
    """An unknown category lists the file's categories; a bad output name is repeated."""
    result = run("export", str(hostile), "-o", str(tmp_path / "t.png"), "--category", "nope")
    assert result.returncode == 2
    assert "cat\\x1b[1m" in clean(result.stderr, lines=1)
    result = run("export", str(hostile), "-o", str(tmp_path / f"t{ESC_TITLE}.gif"))
    assert result.returncode == 2
    assert "\\x1b]0;pwned\\x07" in clean(result.stderr, lines=1)
    result = run("export", str(hostile), "-o", str(tmp_path / "fine.png"))
    assert result.returncode == 0, result.stderr
    clean(result.stdout, lines=0)
    clean(result.stderr, lines=0)


def test_problems_in_a_bad_file_escape_its_name(tmp_path):
    """A bad file whose name carries an escape sequence: every problem line is printed safely."""
    path = tmp_path / f"bad{ESC_TITLE}\u202e.yaml"
    path.write_text("events:\n  - id: a\n    title: A\n    date: 2023-02-30\n    category: x\n")
    result = run("list", str(path))
    assert result.returncode == 2
    err = clean(result.stderr, lines=2)  # the problem, then the count
    assert "bad\\x1b]0;pwned\\x07\\u202e.yaml:4:11:" in err


def test_a_lone_surrogate_prints_escaped_instead_of_crashing(tmp_path):
    """JSON can carry '\\ud800'; print() of it raised UnicodeEncodeError (a traceback, status 1)."""
    path = tmp_path / "lone.json"
    data = {
        "title": "Lone \ud800 title",
        "events": [{"id": "a", "title": "Ev \ud800 x", "start": "2020-01-02", "category": "c\udfff"}],
        "sources": {},
    }
    path.write_text(json.dumps(data), encoding="ascii")
    result = run("list", str(path))
    assert result.returncode == 0, result.stderr
    out = clean(result.stdout, lines=3)
    assert "Lone \\ud800 title" in out and "[c\\udfff] Ev \\ud800 x" in out
    result = run("list", "--json", str(path))
    assert result.returncode == 0, result.stderr
    assert json.loads(clean(result.stdout))["events"][0]["title"] == "Ev \ud800 x"
    result = run("export", str(path), "-o", str(tmp_path / "lone.svg"))
    assert result.returncode == 0, result.stderr


def test_printing_survives_a_terminal_that_is_not_utf8(hostile):
    """PYTHONIOENCODING=ascii (or a legacy Windows console): non-ASCII text is escaped, not fatal."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONIOENCODING"] = "ascii"
    hostile.write_text(yaml_text().replace("Ctl ", "Café 東京 "), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "timeline_app", "list", str(hostile)], capture_output=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    out = clean(result.stdout, lines=3)
    assert "Caf\\xe9 \\u6771\\u4eac" in out
