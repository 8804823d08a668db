"""Derivation attacked with size: a chain of 10^5 sources each rewriting the next, and 10^5
sources that rewrite nothing. Folding each derived source into its origin must take time in
proportion to the sources, not to their square (a chain of 8,000 took 24 s to load)."""

from __future__ import annotations

from pathlib import Path

from timeline_app.model import load_path
from timeline_app.model.derivation import independent_ids, origins
from timeline_app.model.records import Source

N = 100_000


def _chain(n: int) -> dict[str, Source]:
    return {
        f"s{i}": Source(id=f"s{i}", title="S", derived_from=(f"s{i + 1}",) if i + 1 < n else ())
        for i in range(n)
    }


def test_a_chain_of_a_hundred_thousand_sources_is_one_independent_source() -> None:
    sources = _chain(N)
    assert independent_ids(sources, sources) == (f"s{N - 1}",)
    assert origins("s0", sources) == (f"s{N - 1}",)


def test_a_hundred_thousand_unrelated_sources_are_each_independent() -> None:
    sources = {f"s{i}": Source(id=f"s{i}", title="S") for i in range(N)}
    assert len(independent_ids(sources, sources)) == N


def test_two_chains_joined_by_a_source_that_rewrites_both_are_one() -> None:
    """a <- b and c <- d are two; e rewrites b and d, so citing b, d and e counts one."""
    sources = {
        "a": Source(id="a", title="A"),
        "b": Source(id="b", title="B", derived_from=("a",)),
        "c": Source(id="c", title="C"),
        "d": Source(id="d", title="D", derived_from=("c",)),
        "e": Source(id="e", title="E", derived_from=("b", "d")),
        "f": Source(id="f", title="F"),
    }
    assert independent_ids(["b", "f", "d"], sources) == ("b", "f", "d")
    assert independent_ids(["b", "f", "d", "e"], sources) == ("b", "f")
    assert independent_ids(["e", "c", "f", "a"], sources) == ("c", "f")


def test_a_file_whose_events_cite_every_source_of_a_long_chain_loads(tmp_path: Path) -> None:
    n = 20_000
    with (tmp_path / "t.csv").open("w", encoding="utf-8") as f:
        f.write("id,title,start,category,source,quote\n")
        f.writelines(f"e{i},E,2020,x,s{i},q\n" for i in range(n))
    with (tmp_path / "t.sources.csv").open("w", encoding="utf-8") as f:
        f.write("id,title,derived_from\n")
        f.writelines(f"s{i},S,{f's{i + 1}' if i + 1 < n else ''}\n" for i in range(n))
    timeline = load_path(tmp_path / "t.csv", use_cache=False)
    assert timeline.columns.independent.tolist() == [1] * n
    assert timeline.independent_sources(timeline.event("e0")) == ("s0",)
