"""DI-6 content locked to one orientation with CSS rotation (WCAG 1.3.4, ACT b33eff)."""
from __future__ import annotations

from collections.abc import Iterator

from auditor.registry import Hit, PageArtifacts, msg, rule
from rules.device.common import per_vp, snip

# ACT b33eff: a rotation of 90° or 270° between the orientations locks the content to one of them. A small
# tolerance covers rounding of the matrix (1.5708 rad is 90.0002°).
TOLERANCE_DEG = 2.0


def quarter_turn(a: float, b: float) -> bool:
    d = abs(a - b) % 180.0
    return abs(d - 90.0) <= TOLERANCE_DEG


@rule(
    "DI-6",
    title_en="Orientation locked",
    title_fi="Näytön asento lukittu",
    title_sv="Skärmriktningen låst",
    help_sv=(
        "Riktning låst: CSS i en mediefråga för skärmriktning vrider sidan ett kvarts varv, så den visas bara "
        "i en riktning. Den som har en surfplatta eller telefon monterad kan inte vrida den. Ta bort "
        "vridningen och låt layouten anpassa sig till båda riktningarna."
    ),
    area="device",
    requires=("layout",),
    impact="serious",
    wcag=("1.3.4",),
    act=("b33eff",),
    help_en="Orientation locked: CSS in an orientation media query turns the page a quarter turn, so it is shown "
            "in one orientation only. People with a mounted tablet or phone cannot turn it. Remove the rotation "
            "and let the layout adapt to both orientations.",
    help_fi="Asento lukittu: asentoon (orientation) sidottu CSS kääntää sivua neljänneskierroksen, joten se näkyy "
            "vain yhdessä asennossa. Laitteen telineeseen kiinnittänyt käyttäjä ei voi kääntää sitä. Poista "
            "kierto ja anna asettelun mukautua kumpaankin asentoon.",
)
def orientation_lock(art: PageArtifacts) -> Iterator[Hit]:
    """An element (the root, the body, or one rotated in an orientation media query) is rotated by a quarter turn
    more in one orientation than in the other. Needs a portrait and a landscape viewport (the defaults have both)."""
    angles: dict[str, dict[str, float]] = {}  # selector -> {viewport: angle}
    landscape: dict[str, bool] = {}
    info: dict[str, dict] = {}
    for vp, lay in per_vp(art, "layout"):
        o = lay.get("orientation") or {}
        landscape[vp] = bool(o.get("landscape"))
        for it in o.get("items") or []:
            if it.get("visible"):
                angles.setdefault(it["sel"], {})[vp] = float(it.get("angle") or 0.0)
                info.setdefault(it["sel"], it)
    for sel, by_vp in angles.items():
        port = {v: a for v, a in by_vp.items() if not landscape[v]}
        land = {v: a for v, a in by_vp.items() if landscape[v]}
        pairs = [(p, l) for p in port for l in land if quarter_turn(port[p], land[l])]
        if not pairs:
            continue
        # the viewports where the content is turned: the orientation whose angle is nearer a quarter turn
        turned = {p for p, _ in pairs} if any(abs(abs(port[p]) % 180 - 90) < abs(abs(land[l]) % 180 - 90)
                                              for p, l in pairs) else {l for _, l in pairs}
        for vp in sorted(turned):
            yield Hit(selector=sel, snippet=snip(info[sel].get("snippet")), viewport=vp,
                      evidence={"angles": by_vp},
                      message=msg(
                          en=f"Rotated {by_vp[vp]:g}° at {vp} ({'landscape' if landscape[vp] else 'portrait'}) "
                             f"against {', '.join(f'{a:g}° at {v}' for v, a in by_vp.items() if v not in turned)}: "
                             f"the content is locked to one orientation.",
                          fi=f"Käännetty {by_vp[vp]:g}° näkymässä {vp} "
                             f"({'vaaka' if landscape[vp] else 'pysty'}), muualla "
                             f"{', '.join(f'{a:g}° ({v})' for v, a in by_vp.items() if v not in turned)}: "
                             f"sisältö on lukittu yhteen asentoon.",
                          sv=f"Vriden {by_vp[vp]:g}° vid {vp} ({'liggande' if landscape[vp] else 'stående'}) "
                             f"mot {', '.join(f'{a:g}° vid {v}' for v, a in by_vp.items() if v not in turned)}: "
                             f"innehållet är låst till en riktning."))
