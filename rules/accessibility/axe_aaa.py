"""AXE-<id> findings of the axe rules that axe's default run leaves out (auditor/gatherers/axe_aaa.py).

The same conversion as the axe adapter (rules/accessibility/axe.py): violations are failures, incomplete is
*needs review*, WCAG and EN 301 549 from the tags, ACT ids from axe's metadata. These rules are AAA, so their
findings are advisory. They run at the page's first viewport and apply to every viewport.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from auditor.registry import Hit, PageArtifacts, rule
from rules.accessibility.axe import axe_findings


@rule(
    "AXE-AAA",
    title_en="axe-core AAA finding",
    title_fi="axe-core AAA -havainto",
    title_sv="AAA-resultat från axe-core",
    help_sv=(
        "axe-core-regler utanför axes standarduppsättning (AAA: förbättrad kontrast, uppdatering utan "
        "undantag, identiska länkar); varje AXE-<id>-kod är en axe-regel."
    ),
    area="accessibility",
    requires=("axe_aaa",),
    family=True,
    help_en="axe-core rules outside axe's default set (AAA: enhanced contrast, refresh without exception, "
            "identical links); each AXE-<id> code is one axe rule.",
    help_fi="axe-coren oletusjoukon ulkopuoliset säännöt (AAA: parannettu kontrasti, päivitys ilman poikkeuksia, "
            "samannimiset linkit); kukin AXE-<id>-koodi on yksi axe-sääntö.",
)
def axe_aaa_findings(art: PageArtifacts) -> Iterator[Hit]:
    """axe's AAA rules with ACT ids, run once per page: violations fail, incomplete needs review."""
    for vp, arts in art.viewports.items():
        data = arts.get("axe_aaa")
        if isinstance(data, dict) and "violations" in data:  # the viewport where it ran (the others say same_as)
            for h in axe_findings(PageArtifacts(url=art.url, viewports={vp: {"axe": data}})):
                yield dataclasses.replace(h, viewport=None)
            return
