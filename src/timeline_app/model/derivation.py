"""Which sources are independent: a source that rewrites another (`derived_from`) is not a
second witness. Two reports of which one copies the other are one source of evidence.

Pure functions over the sources' `derived_from` ids; the loader refuses unknown ids, a source
naming itself and cycles (`derivation_problems`), so the walks here always end.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from timeline_app.model.records import Source


def origins(source_id: str, sources: Mapping[str, Source]) -> tuple[str, ...]:
    """The sources `source_id` derives from at the end of its chain (itself if it derives from
    none), in the order `derived_from` names them; an id not among `sources` is its own origin."""
    found: dict[str, None] = {}
    seen: set[str] = set()
    stack = [source_id]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        source = sources.get(current)
        parents = source.derived_from if source is not None else ()
        if not parents:
            found[current] = None
        stack.extend(reversed(parents))
    return tuple(found)


def independent_ids(source_ids: Iterable[str], sources: Mapping[str, Source]) -> tuple[str, ...]:
    """One id per independent source among `source_ids`, in the order they are cited.

    Cited sources that share an origin are one source of evidence. Each is named by a source
    the event cites, never by an origin it does not cite (an event that only Walker reports
    rests on Walker, even though Walker rewrites Nikkei elsewhere): the cited original where
    there is one, else the first cited. A source that combines two originals
    (derived_from: [a, b]) joins them: citing it with `a` and `b` counts one, not three, as
    nothing tells how much each adds.
    """
    groups: list[set[str]] = []
    cited: list[list[str]] = []
    for source_id in dict.fromkeys(source_ids):
        roots = set(origins(source_id, sources))
        overlapping = [i for i, group in enumerate(groups) if group & roots]
        if not overlapping:
            groups.append(roots)
            cited.append([source_id])
            continue
        keep = overlapping[0]
        for i in reversed(overlapping[1:]):
            groups[keep] |= groups.pop(i)
            cited[keep] += cited.pop(i)
        groups[keep] |= roots
        cited[keep].append(source_id)
    return tuple(
        next((s for s in ids if s in group), ids[0]) for ids, group in zip(cited, groups, strict=True)
    )


def find_cycle(parents: Mapping[str, tuple[str, ...]]) -> list[str] | None:
    """A cycle in the derivation graph (`a derives from b` as `parents[a]` holding `b`), as the
    ids along it with the first repeated at the end, or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in parents:
        if state.get(start):
            continue
        path: list[str] = []
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            node, index = stack.pop()
            if index == 0:
                state[node] = 1
                path.append(node)
            children = parents.get(node, ())
            if index < len(children):
                stack.append((node, index + 1))
                child = children[index]
                if state.get(child) == 1:
                    return [*path[path.index(child) :], child]
                if not state.get(child):
                    stack.append((child, 0))
            else:
                state[node] = 2
                path.pop()
    return None
