"""AXE-<id>: axe-core results turned into findings.

axe `violations` become failures; axe `incomplete` becomes *needs review* (a person must decide), kept apart
from failures. The WCAG success criteria and EN 301 549 clauses come from the axe rule's tags, ACT rule ids from
its metadata. Rules tagged `best-practice` or only AAA are advisory: they never count as WCAG A/AA failures.
"""
from __future__ import annotations

from collections.abc import Iterator

from auditor import standards
from auditor.registry import Hit, PageArtifacts, rule

# Snippets are evidence, not archives: long HTML is cut.
MAX_SNIPPET = 400


def _selector(target) -> str:
    # axe targets are lists; inside iframes/shadow DOM they nest. Join the path with " >>> ".
    parts = []
    for t in target or []:
        parts.append(" ".join(t) if isinstance(t, list) else str(t))
    return " >>> ".join(parts) or "html"


@rule(
    "AXE",
    title_en="axe-core finding",
    title_fi="axe-core-havainto",
    title_sv="Resultat från axe-core",
    help_sv=(
        "Resultat från axe-core; varje AXE-<id>-kod är en axe-regel."
    ),
    area="accessibility",
    requires=("axe",),
    family=True,
    help_en="Findings of axe-core; each AXE-<id> code is one axe rule.",
    help_fi="axe-core-tarkistimen havainnot; kukin AXE-<id>-koodi on yksi axe-sääntö.",
)
def axe_findings(art: PageArtifacts) -> Iterator[Hit]:
    """axe-core violations (fail) and incomplete results (needs review), one hit per node and viewport."""
    for vp, data in art.viewports.items():
        axe = data.get("axe")
        if not axe:
            continue
        for kind, outcome in (("violations", "fail"), ("incomplete", "review")):
            for res in axe.get(kind, []):
                tags = res.get("tags", [])
                wcag = tuple(standards.criteria_from_axe_tags(tags))
                levels = {standards.level_of(sc) for sc in wcag}
                advisory = not wcag or levels <= {"AAA"} or "best-practice" in tags
                for node in res.get("nodes", []):
                    msg = node.get("failureSummary") or ""
                    if not msg:
                        msgs = [c.get("message", "") for k in ("any", "all", "none") for c in node.get(k, [])]
                        msg = "\n".join(m for m in msgs if m)
                    yield Hit(
                        selector=_selector(node.get("target")),
                        snippet=(node.get("html") or "")[:MAX_SNIPPET],
                        message=msg or res.get("description", ""),
                        viewport=vp,
                        code=f"AXE-{res['id']}",
                        outcome=outcome,
                        impact=node.get("impact") or res.get("impact") or "moderate",
                        wcag=wcag,
                        en301549=tuple(standards.en_clauses_from_axe_tags(tags)),
                        act=tuple(res.get("actIds") or ()),
                        help=res.get("help", ""),
                        help_url=res.get("helpUrl", ""),
                        advisory=advisory,
                        box=node.get("box"),
                        path=node.get("path") if isinstance(node.get("path"), str) else "",
                    )
