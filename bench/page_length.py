"""Length of the report's longest issue and page views at 320 px: the full-page screenshot height in Chromium.

    python -m bench.page_length REPORT_DIR      # prints the five longest files and their heights in px
"""
from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from auditor.render import CHROMIUM_ARGS, find_browser


def heights(report: Path, width: int = 320) -> list[tuple[int, str]]:
    files = [p for p in (report / "issues").glob("*.html") if not p.name.startswith("index")]
    files += list((report / "pages").glob("[0-9]*.html"))
    out = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_browser(), args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": width, "height": 640})
        for f in files:
            pg.goto(f.as_uri())
            shot = pg.screenshot(full_page=True, type="jpeg", quality=10)
            h = int.from_bytes(shot[shot.index(b"\xff\xc0") + 5:shot.index(b"\xff\xc0") + 7], "big")
            out.append((h, str(f.relative_to(report))))
        browser.close()
    return sorted(out, reverse=True)


if __name__ == "__main__":
    hs = heights(Path(sys.argv[1]))
    for kind in ("pages/", "issues/"):
        h, name = next(((h, n) for h, n in hs if n.startswith(kind)), (0, "–"))
        print(f"longest {kind[:-1]:6} view at 320 px: {h:8d} px  {name}")
