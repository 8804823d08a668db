"""YAML nested absurdly deep in every compact form: a located problem, never a crash.

PyYAML's C composer recurses once per level and dies with SIGSEGV past ~20,000; these run in a
child process so that a crash fails the test instead of killing pytest.
"""

from pathlib import Path

import pytest

from tests.harness import assert_clean, run
from timeline_app.model.yaml_nodes import MAX_DEPTH, _depth_bound, too_deep

DEEP = 50_000

CASES = {
    "explicit_keys": "? " * DEEP + "a\n",
    "explicit_keys_indented": "events:\n  " + "? " * DEEP + "a\n",
    "entries_and_keys": "- ? " * DEEP + "a\n",
    "entries_and_keys_under_events": "events:\n" + "- ? " * DEEP + "a\n",
    "explicit_values": "? a\n: " + "? " * DEEP + "b\n",
    "keys_then_entries": "? " * DEEP + "- " * DEEP + "a\n",
    "simple_keys": "events:\n" + "".join(" " * i + "a:\n" for i in range(DEEP // 10)),
    "carriage_returns": "events:\r" + "".join("  " * i + "- \r" for i in range(1, 3000)),
    "line_separators": "events:\u2028" + "- ? " * DEEP + "a\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_deep_yaml_is_a_located_problem_in_a_child_process(tmp_path: Path, name: str) -> None:
    """Exit 2 with 'nest more than 50 deep' at a line and column; no segfault."""
    path = tmp_path / f"{name}.yaml"
    path.write_text(CASES[name], newline="")
    outcome = run("list", path, tmp=tmp_path)
    assert_clean(outcome, (2,))
    first = outcome.stderr.splitlines()[0]
    assert first.startswith(f"{path}:"), first
    line, column = (int(x) for x in first[len(str(path)) + 1 :].split(":")[:2])
    assert line >= 1 and column >= 1
    assert f"nest more than {MAX_DEPTH} deep" in first


def test_the_bound_is_never_below_the_real_depth() -> None:
    """Random compact YAML: the cheap bound is at least the depth the parser's events reach."""
    import random

    import yaml

    rng = random.Random(7)
    pieces = ["- ", "? ", ": ", "a: ", "\n", "  ", "x", "[", "{", "]", "}", ", ", "-", ":", "\t"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 80)))
        depth = deepest = 0
        try:
            for event in yaml.parse(text, Loader=yaml.CSafeLoader):
                if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                    depth += 1
                    deepest = max(deepest, depth)
                elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                    depth -= 1
        except yaml.YAMLError:
            pass
        assert _depth_bound(text) >= min(deepest, MAX_DEPTH + 1), repr(text)


def test_an_ordinary_file_is_not_walked_twice() -> None:
    """The embedded dataset passes the cheap bound: its events are parsed once, by compose."""
    from timeline_app.resources import default_dataset

    text = Path(default_dataset()).read_text()
    assert _depth_bound(text) <= MAX_DEPTH
    assert too_deep(text, "x") is None
