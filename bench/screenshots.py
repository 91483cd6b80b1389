"""README screenshots of a written report (Chromium headless): the dashboard and the page view with the most failure
cards that carry a screenshot crop, at 1280 and 320 px.

    python -m bench.screenshots REPORT_DIR docs/screenshots
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from auditor.render import CHROMIUM_ARGS, find_browser

SIZES = ((1280, 1000), (320, 900))


def best_page(report: Path) -> Path:
    def score(p: Path) -> int:
        html = p.read_text(encoding="utf-8")
        fails = html.split('id="fail-h"', 1)[-1].split('id="review-h"', 1)[0]
        return len(re.findall(r'<figure class="crop">', fails)) * 10 + fails.count('class="finding finding-fail"')
    return max((report / "pages").glob("[0-9]*.html"), key=score)


def main(report: Path, dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    page = best_page(report)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_browser(), args=CHROMIUM_ARGS)
        for w, h in SIZES:
            pg = browser.new_page(viewport={"width": w, "height": h})
            pg.goto((report / "index.html").as_uri())
            pg.screenshot(path=str(dest / f"dashboard-{w}.png"))
            pg.goto(page.as_uri())
            y = pg.evaluate("document.getElementById('fail-h').getBoundingClientRect().top + scrollY - 8")
            pg.screenshot(path=str(dest / f"page-{w}.png"), full_page=True,
                          clip={"x": 0, "y": y, "width": w, "height": h})
            pg.close()
        browser.close()
    print(f"{dest}: dashboard and {page.name} at {', '.join(str(w) for w, _ in SIZES)} px")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
