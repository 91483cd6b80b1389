"""Page facts for the structure checks axe-core has no rule for (ACC-10..ACC-44: links, tables, ids, spacing
markup, presentational elements, access keys, images, inline SVG), and the animation of animated images.

One `page.evaluate` of checks.js per page (read-only, capped lists). Animated images (WCAG 2.2.2): the visible
GIF / PNG (APNG) / WebP images are fetched once more through the browser context (its cache and cookies; GET
only, bounded in number, size and time) and their frames and frame durations counted with Pillow.
"""
from __future__ import annotations

import asyncio
import io
from pathlib import Path
from typing import Any

from auditor.render import page_gatherer

CHECKS_JS = (Path(__file__).with_name("checks.js")).read_text(encoding="utf-8")

# The rules read the first items only; a page with thousands of links gives a bounded artifact.
MAX_ITEMS = 400
# Animated images: candidates fetched per page, bytes read per image, time per fetch. A public-sector page
# shows a handful of images; an animation worth reporting is rarely larger than a few MB.
MAX_ANIM_FETCH = 8
MAX_ANIM_BYTES = 4_000_000
ANIM_FETCH_MS = 5000
# Images smaller than this (CSS px, either side) are icons or spacers; a tiny animated spinner is not the
# "moving content presented in parallel" of 2.2.2 worth a fetch.
ANIM_MIN_PX = 24
ANIM_EXT = (".gif", ".png", ".apng", ".webp")


def animation_of(data: bytes) -> dict[str, Any] | None:
    """Frames, total duration of one play (ms) and loop count (0 = forever) of an animated image, or None when the
    bytes are not an image Pillow reads or the image has a single frame."""
    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as im:
            frames = getattr(im, "n_frames", 1)
            if frames < 2:
                return None
            total = 0
            # Durations per frame; browsers show frames of 0–10 ms for 100 ms (Chromium's GIF decoder rule).
            for i in range(min(frames, 2000)):
                im.seek(i)
                d = im.info.get("duration") or 0
                total += 100 if d <= 10 else int(d)
            loop = im.info.get("loop")
            return {"format": im.format, "frames": frames, "duration_ms": total,
                    "loop": None if loop is None else int(loop)}
    except Exception:
        return None


def _candidates(images: list[dict]) -> list[str]:
    seen: list[str] = []
    for img in images:
        src = img.get("src") or ""
        if not img.get("vis") or not src.startswith(("http://", "https://")):
            continue
        if min(img.get("w") or 0, img.get("h") or 0) < ANIM_MIN_PX:
            continue
        path = src.split("?", 1)[0].split("#", 1)[0].lower()
        if not path.endswith(ANIM_EXT) or src in seen:
            continue
        seen.append(src)
        if len(seen) >= MAX_ANIM_FETCH:
            break
    return seen


async def _fetch(page, url: str) -> bytes | None:
    try:
        resp = await page.context.request.get(url, timeout=ANIM_FETCH_MS, max_redirects=3)
        if not resp.ok:
            return None
        body = await resp.body()
        return body if len(body) <= MAX_ANIM_BYTES else None
    except Exception:
        return None


@page_gatherer("checks")
async def checks(page, viewport, out_dir) -> dict:
    data = await page.evaluate(CHECKS_JS, {"max": MAX_ITEMS})
    anims: dict[str, Any] = {}
    urls = _candidates(data.get("images") or [])
    if urls:
        bodies = await asyncio.gather(*(_fetch(page, u) for u in urls))
        for u, b in zip(urls, bodies):
            if b:
                a = await asyncio.to_thread(animation_of, b)
                if a:
                    anims[u] = a
    data["animations"] = anims
    return data
