"""The rendered DOM of the page (after scripts ran), for rules that read markup or text without a browser."""
from __future__ import annotations

from auditor.render import page_gatherer

# Pages larger than this are cut; the text rules read the first part. 5 MB covers real public-sector pages.
MAX_DOM_CHARS = 5_000_000


@page_gatherer("dom")
async def rendered_dom(page, viewport, out_dir) -> dict:
    html = await page.content()
    truncated = len(html) > MAX_DOM_CHARS
    (out_dir / "dom.html").write_text(html[:MAX_DOM_CHARS], encoding="utf-8")
    return {"file": "dom.html", "chars": len(html), "truncated": truncated}
