"""Bad and hostile files: every one gives file:line:column and a plain message, exit status 2,
in bounded time and memory, and the window keeps its last good timeline."""

import io
import os
import resource
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from timeline_app import cli

CORPUS = Path(__file__).parent / "corpus"

# file -> (line, column, words the first message must contain)
EXPECTED = {
    "alias_bomb.yaml": (1, 1, "unknown key 'a'"),
    "alias_event.yaml": (2, 5, "alias"),
    "bad_id.yaml": (2, 9, "may hold only letters"),
    "bad_nesting.yaml": (4, 4, "YAML syntax error"),
    "bad_source_date.yaml": (2, 30, "cannot read 'sometime'"),
    "bad_url.yaml": (2, 24, "must start with http:// or https://"),
    "binary.yaml": (2, 118, "not UTF-8"),
    "bool_title.yaml": (3, 12, 'put it in quotes: "yes"'),
    "comments_only.yaml": (1, 1, "the file is empty"),
    "custom_tag.yaml": (2, 5, "tag '!event' is not allowed"),
    "date_and_start.yaml": (4, 5, "both 'date' and 'start'"),
    "duplicate_ids.yaml": (6, 5, "duplicate event id 'a' (first used on line 2)"),
    "duplicate_keys.yaml": (4, 5, "duplicate key 'title'"),
    "empty.yaml": (1, 1, "the file is empty"),
    "empty_quote.yaml": (10, 16, "empty quote"),
    "end_before_start.yaml": (5, 10, "before the start"),
    "events_empty.yaml": (1, 8, "must be a list"),
    "events_empty_list.yaml": (1, 9, "'events' is empty"),
    "events_not_list.yaml": (1, 9, "must be a list"),
    "excerpt_not_mapping.yaml": (9, 9, "must be a mapping"),
    "impossible_day.yaml": (4, 11, "February 2023 has 28 days, not 30"),
    "latin1.yaml": (3, 15, "byte 0xE9 is not UTF-8"),
    "list_root.yaml": (1, 1, "must be a mapping"),
    "list_title.yaml": (3, 12, "must be text, not a list"),
    "mapping_date.yaml": (4, 11, "must be text, not a mapping"),
    "missing_category.yaml": (2, 5, "has no 'category'"),
    "missing_date.yaml": (2, 5, "has no date"),
    "missing_id.yaml": (2, 5, "has no 'id'"),
    "missing_title.yaml": (2, 5, "has no 'title'"),
    "month_13.yaml": (4, 11, "month 13 does not exist"),
    "no_events.yaml": (1, 1, "has no 'events:' list"),
    "number_title.yaml": (3, 12, 'put it in quotes: "42"'),
    "python_tag.yaml": (1, 9, "python/object/apply:os.system' is not allowed"),
    "scalar_root.yaml": (1, 1, "must be a mapping"),
    "tab_indent.yaml": (2, 1, "not tabs"),
    "two_documents.yaml": (6, 1, "one YAML document"),
    "typo_top_key.yaml": (1, 1, "has no 'events:' list"),
    "unclosed_quote.yaml": (4, 12, "quotes"),
    "unknown_source.yaml": (9, 17, "cites source 't'"),
    "unreadable_date.yaml": (4, 11, "cannot read 'next tuesday'"),
    "utf16_bom.yaml": (1, 1, "UTF-16"),
    "whitespace_quote.yaml": (10, 16, "empty quote"),
    # CSV and JSON go through the same builder: the same messages, at their own places
    "month_13.csv": (3, 3, "the date of event 'b' '2021-13': month 13 does not exist"),
    "continuation_empty_quote.csv": (3, 6, "an excerpt of event 'a' has an empty quote"),
    "blank_title.json": (4, 26, "event 'b' has no 'title'"),
    "unknown_source.json": (5, 30, "cites source 't', which is not among the sources"),
    "deep.json": (1, 111, "nests lists or objects thousands deep"),
    "huge_number.json": (1, 48, "a number here has thousands of digits"),
    # second round (hostile input): nesting, duplicate keys, encodings, stray breaks, types per format
    "compact_entries_keys.yaml": (2, 99, "lists and mappings nest more than 50 deep here"),
    "compact_keys.yaml": (1, 101, "lists and mappings nest more than 50 deep here"),
    "csv_bad_date.csv": (2, 3, "the date of event 'a' 'someday'"),
    "csv_bad_flag.csv": (2, 5, "'inferred' of event 'a' must be true or false, not 'perhaps'"),
    "csv_bare_cr.csv": (2, 3, "the date of event 'a' '2020-13': month 13 does not exist"),
    "csv_blank_title.csv": (2, 2, "event 'a' has no 'title'"),
    "csv_duplicate_header.csv": (1, 5, "the column 'title' appears twice"),
    "csv_duplicate_ids.csv": (3, 1, "duplicate event id 'a'"),
    "csv_empty.csv": (1, 1, "the file is empty"),
    "csv_field_over_128k.csv": (2, 2, "'title' of event 'a' is 140,000 characters long"),
    "csv_form_feed.csv": (3, 3, "the date of event 'b' '2020-13': month 13 does not exist"),
    "csv_header_only_blank.csv": (1, 1, "the file is empty"),
    "csv_latin1.csv": (2, 6, "byte 0xE9 is not UTF-8 text"),
    "csv_line_separator.csv": (3, 3, "the date of event 'b' '2020-13': month 13 does not exist"),
    "csv_long_row.csv": (2, 1, "this row has 5 fields, the header 4"),
    "csv_missing_header_column.csv": (1, 1, "the header has no 'category' column"),
    "csv_nul_byte.csv": (3, 3, "the date of event 'b' '2020-13': month 13 does not exist"),
    "csv_quote_in_unquoted.csv": (2, 3, "the date of event 'a' '2020-13': month 13 does not exist"),
    "csv_short_row.csv": (2, 1, "this row has 3 fields, the header 4"),
    "csv_source_without_quote.csv": (1, 5, "the header has a 'source' column but no 'quote' column"),
    "csv_unclosed_quote.csv": (2, 1, "a quoted value in the row on line 2 is never closed"),
    "csv_unknown_column.csv": (1, 5, "unknown column 'colour'"),
    "csv_utf16_nobom.csv": (1, 1, "the file looks like UTF-16 without a byte-order mark"),
    "deep_block_cr.yaml": (51, 101, "lists and mappings nest more than 50 deep here"),
    "deep_flow_mapping.yaml": (1, 205, "lists and mappings nest more than 50 deep here"),
    "json_1e400_title.json": (1, 34, 'not a number (1e400); put it in quotes: "1e400"'),
    "json_bool_title.json": (1, 34, "'title' of event 'a' must be text, not true/false"),
    "json_bool_url.json": (1, 114, "'url' of source 's' must be text, not true/false"),
    "json_control_char.json": (1, 36, "JSON syntax error: Invalid control character at"),
    "json_deep_arrays.json": (1, 101, "the JSON nests lists or objects thousands deep"),
    "json_deep_objects.json": (1, 501, "the JSON nests lists or objects thousands deep"),
    "json_duplicate_event_key.json": (1, 39, "duplicate key 'title' in event 'a'"),
    "json_duplicate_source_key.json": (1, 126, "duplicate key 'url' in source 's'"),
    "json_duplicate_top_key.json": (1, 16, "duplicate key 'title' in the file"),
    "json_event_string.json": (1, 13, "an event must be an object, not text"),
    "json_events_object.json": (1, 1, 'a JSON timeline is an object with an "events" list'),
    "json_excerpts_string.json": (1, 85, "the excerpts of event 'a' must be a list, not text"),
    "json_false_string_flag.json": (1, 85, "'inferred' of event 'a' must be true or false, not 'nope'"),
    "json_infinity_title.json": (1, 34, 'not a number (Infinity); put it in quotes: "Infinity"'),
    "json_list_file.json": (1, 115, "'file' of source 's' must be text, not a list"),
    "json_lone_surrogate.json": (1, 53, "the date of event 'a' '2020-13': month 13 does not exist"),
    "json_nan_title.json": (1, 34, 'not a number (NaN); put it in quotes: "NaN"'),
    "json_number_author.json": (1, 114, "the url of source 's' must start with http:// or https://"),
    "json_single_quotes.json": (1, 2, "JSON syntax error: Expecting property name enclosed in doubl"),
    "json_trailing_comma.json": (1, 73, "JSON syntax error: Expecting value"),
    "json_truncated.json": (1, 68, "JSON syntax error: Unterminated string starting at"),
    "json_unknown_key.json": (1, 13, "unknown key 'titel' in event 'a'"),
    "json_utf16_nobom.json": (1, 1, "the file looks like UTF-16 without a byte-order mark"),
    "yaml_bad_flag.yaml": (6, 15, "'inferred' of event 'a' must be true or false, not 'maybe'"),
    "yaml_bidi_id.yaml": (2, 9, "may hold only letters"),
    "yaml_binary_tag.yaml": (3, 12, "the tag 'tag:yaml.org,2002:binary' is not allowed"),
    "yaml_bool_category.yaml": (5, 15, "'category' of event 'a' must be text, not true/false"),
    "yaml_control_in_title.yaml": (6, 15, "must be true or false, not 'sometimes'"),
    "yaml_date_time.yaml": (4, 11, "the date of event 'a'"),
    "yaml_duplicate_source_key.yaml": (9, 5, "duplicate key 'title' in source 's'"),
    "yaml_event_scalar.yaml": (2, 5, "an event must be a mapping of 'key: value' lines, not text"),
    "yaml_excerpts_scalar.yaml": (6, 15, "the excerpts of event 'a' must be a list of '- ' items, not"),
    "yaml_float_title.yaml": (3, 12, "'title' of event 'a' must be text, not a number"),
    "yaml_inf_title.yaml": (3, 12, "'title' of event 'a' must be text, not a number"),
    "yaml_list_url.yaml": (9, 10, "'url' of source 's' must be text, not a list"),
    "yaml_merge_key.yaml": (3, 5, "'<<' (a YAML merge key) is not supported in timeline files"),
    "yaml_nul_byte.yaml": (3, 1, "the file holds a NUL byte: it is binary data, not a YAML tim"),
    "yaml_number_author.yaml": (9, 10, "the url of source 's' must start with http:// or https://"),
    "yaml_set_tag.yaml": (1, 9, "the tag 'tag:yaml.org,2002:set' is not allowed"),
    "yaml_sources_list.yaml": (7, 3, "'sources' must be a mapping of 'key: value' lines, not a lis"),
    "yaml_two_digit_year.yaml": (4, 11, "the date of event 'a' '1/2/20'"),
    "yaml_unknown_event_key.yaml": (6, 5, "unknown key 'titel' in event 'a'"),
    "yaml_utf16_nobom.yaml": (1, 1, "the file looks like UTF-16 without a byte-order mark"),
    "yaml_year_zero_end.yaml": (4, 11, "event 'a': the end"),
}


def generated(tmp: Path) -> dict[str, tuple[Path, tuple[int, int, str]]]:
    """Inputs too large to keep in the repository, written when the tests run."""
    out = {}
    path = tmp / "huge_title.yaml"
    path.write_text(
        "events:\n  - id: a\n    title: '" + "x" * 10_000_000 + "'\n    date: '2020'\n    category: x\n"
    )
    out["huge_title"] = (path, (3, 12, "characters long"))
    path = tmp / "fifty_mb.yaml"
    with path.open("w") as f:
        f.write("events:\n")
        chunk = "  - {id: e, title: T, date: '2020', category: x}\n" * 1000
        while f.tell() < 50 * 2**20:
            f.write(chunk)
    out["fifty_mb"] = (path, (0, 0, "may be at most 16 MB"))
    path = tmp / "deep_flow.yaml"
    path.write_text("events: " + "[" * 200_000 + "]" * 200_000)
    out["deep_flow"] = (path, (1, 58, "nest more than 50 deep"))
    path = tmp / "deep_block.yaml"
    path.write_text("events:\n" + "".join("  " * i + "- \n" for i in range(1, 3000)))
    out["deep_block"] = (path, (51, 101, "nest more than 50 deep"))
    return out


def all_cases(tmp: Path):
    cases = {name: (CORPUS / name, expected) for name, expected in EXPECTED.items()}
    cases.update(generated(tmp))
    return cases


def test_the_corpus_is_complete():
    """Every file in the corpus has an expectation, and there are at least 110."""
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(EXPECTED)
    assert len(EXPECTED) >= 110


def run_cli(path: Path) -> tuple[int, str]:
    err = io.StringIO()
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        status = cli.main(["list", str(path)])
    return status, err.getvalue()


def test_every_bad_file_exits_2_with_its_place_and_message(tmp_path):
    for name, (path, (line, column, words)) in all_cases(tmp_path).items():
        status, err = run_cli(path)
        first = err.splitlines()[0]
        assert status == 2, name
        assert first.startswith(f"{path}:{line}:{column}: "), f"{name}: {first[:200]}"
        assert words in first, f"{name}: {first[:200]}"
        assert "Traceback" not in err


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1536 * 2**20, 1536 * 2**20))


@pytest.mark.parametrize(
    "name", ["fifty_mb", "deep_flow", "huge_title", "alias_bomb.yaml", "python_tag.yaml", "binary.yaml"]
)
def test_hostile_files_in_a_real_process_with_bounded_time_and_memory(tmp_path, name):
    path, (line, column, _) = all_cases(tmp_path)[name]
    result = subprocess.run(
        [sys.executable, "-m", "timeline_app", "list", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},
    )
    assert result.returncode == 2, result.stderr[-500:]
    assert result.stderr.startswith(f"{path}:{line}:{column}: ")
    assert "Traceback" not in result.stderr and "Fatal" not in result.stderr


def test_window_shows_the_same_problems_and_keeps_the_last_good_timeline(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from timeline_app.resources import default_dataset
    from timeline_app.window.main_window import MainWindow

    win = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(win)
    assert win.open_path(default_dataset())
    good = win.state.timeline
    for name, (path, (line, column, words)) in all_cases(tmp_path).items():
        assert win.open_path(path) is False, name
        assert win.state.timeline is good, name
        shown = win.errors.details.toPlainText().splitlines()[0]
        assert shown.startswith(f"{path}:{line}:{column}: ") and words in shown, name
