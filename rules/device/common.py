"""Helpers shared by the DI rules: artifact access, and deferring to axe-core where it checks the same thing."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from auditor.registry import PageArtifacts

# Evidence snippets are evidence, not archives.
MAX_SNIPPET = 400


def per_vp(art: PageArtifacts, name: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(viewport name, artifact) for every viewport where the gatherer produced a usable artifact."""
    for vp, data in art.viewports.items():
        a = data.get(name)
        if isinstance(a, dict) and "error" not in a and "skipped" not in a:
            yield vp, a


def width_of(art: PageArtifacts, vp: str) -> int:
    size = art.viewports.get(vp, {}).get("size") or [0, 0]
    return int(size[0] or 0)


def axe_selected(art: PageArtifacts) -> bool:
    """Whether the axe adapter (rule code "AXE") is part of this audit's rule selection."""
    sel = art.options.get("rules") or ()
    return not sel or any("AXE".startswith(p) for p in sel)


def axe_nodes(art: PageArtifacts, axe_id: str) -> list[tuple[str, dict[str, Any]]]:
    """(viewport, node) of axe-core violations of one axe rule, when the axe adapter reports them in this audit."""
    if not axe_selected(art):
        return []
    out = []
    for vp, data in art.viewports.items():
        for v in (data.get("axe") or {}).get("violations", []):
            if v.get("id") == axe_id:
                out.extend((vp, n) for n in v.get("nodes", []))
    return out


def axe_boxes(art: PageArtifacts, axe_id: str) -> set[tuple[str, tuple]]:
    """(viewport, box) of the elements axe-core already reports for `axe_id`, to avoid reporting them twice."""
    out = set()
    for vp, n in axe_nodes(art, axe_id):
        b = n.get("box")
        if b:
            out.add((vp, (b.get("x"), b.get("y"), b.get("w"), b.get("h"))))
    return out


def box_key(vp: str, box: dict[str, Any] | None) -> tuple[str, tuple]:
    b = box or {}
    return vp, (b.get("x"), b.get("y"), b.get("w"), b.get("h"))


def snip(s: str | None) -> str:
    return (s or "")[:MAX_SNIPPET]
