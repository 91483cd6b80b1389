"""Safe interaction (ACC-60..ACC-63): what happens when a user changes a field or submits a form.

Runs once per page after every viewport has been gathered (the page's state no longer matters to other
gatherers), on pages of the audited site only, and not at all with `--no-interact`. It is not a registered
gatherer: the audit calls `interact()` (auditor/audit.py), the rules read `page["interact"]`.

What it does, bounded by MAX_ACTIONS and MAX_S per page:

* (a) change of context on input (WCAG 3.2.2, F36/F37): for a few selects, check boxes / radio buttons and
  text fields, real input (Playwright: trusted events), then a short wait, then: was a navigation or a form
  submission started, a new window opened, focus moved elsewhere?
* (b) dialogs (2.4.3, 2.1.2): a few elements that open one (aria-haspopup="dialog", aria-controls pointing at a
  hidden dialog, data-toggle="modal") are pressed with Enter; then: does focus move into the dialog, stay in it
  under Tab while a modal one is open, does Escape close it, does focus return to the trigger?
* (d) form errors (3.3.1, 3.3.3, 4.1.3): each form is submitted empty with its own submit button. Forms the
  browser's own validation stops (required fields without `novalidate`) are left alone: the browser shows and
  announces the message. Otherwise: did error text appear, is it tied to its field (aria-describedby,
  aria-errormessage, the label, or next to it), is it announced (a live region, or focus moved to it or to the
  field)?

Nothing leaves the browser that could change anything on the server: while interacting, every request whose
method is not GET is aborted, and so is every navigation of the page's main frame (a submitted form, a script
that changes location); new windows are closed at once. The routes are removed afterwards. docs/checks.md says so.
"""
from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

INTERACT_JS = (Path(__file__).with_name("interact.js")).read_text(encoding="utf-8")

# Bounds per page: a few of each kind of field (the patterns repeat), at most three forms, and a wall-clock cap
# so a page full of widgets cannot stall the crawl.
MAX_EACH = 4
MAX_FORMS = 3
MAX_DIALOGS = 3
# Tab presses inside an open dialog: enough to go round a dialog's few controls and see whether focus leaves.
DIALOG_TABS = 8
MAX_ACTIONS = 15
MAX_S = 8.0
ACTION_TIMEOUT_MS = 1500
# Wait after an input for scripts to react (an onchange that navigates, an error summary that is drawn).
SETTLE_S = 0.3
SUBMIT_SETTLE_S = 0.6


class _Guard:
    """Aborts non-GET requests and main-frame navigations of the page (and anything from its popups) while
    installed; records what it stopped."""

    def __init__(self, page) -> None:
        self.page = page
        self.blocked: list[dict[str, str]] = []
        self.navigations: list[str] = []
        self.popups: list[str] = []

    def _page_of(self, request):
        try:
            return request.frame.page
        except Exception:  # no frame yet (a new window's first request) or none (a service worker)
            return None

    def _ours(self, request, p) -> bool:
        if p is None:
            # A new window's first navigation is ours; service workers' fetches are not navigations.
            return request.is_navigation_request()
        # A new window may send its first request before the popup event arrives: every page that did not
        # exist when the guard went up counts as ours (at worst another page of the crawl loses a POST beacon).
        return p is self.page or p not in self._known

    async def handle(self, route, request) -> None:
        p = self._page_of(request)
        if self._ours(request, p):
            nav = request.is_navigation_request() and (p is not self.page or
                                                       request.frame == self.page.main_frame)
            if request.method != "GET":
                self.blocked.append({"method": request.method, "url": request.url[:300], "nav": nav})
            elif nav and p is not self.page:  # a new window's first page (its popup event may come later)
                if p is None or p not in self._popup_seen:
                    self.popups.append(request.url[:300])
                    if p is not None:
                        self._popup_seen.add(p)
            elif nav:
                self.navigations.append(request.url[:300])
            # Navigations of the page itself and of any window it opened (frames inside the page may load):
            # answered in the browser with "204 No Content", which leaves the current document in place (an
            # aborted navigation would replace it with an error page). Other non-GET requests are aborted.
            if nav:
                await route.fulfill(status=204, body="")
                return
            if request.method != "GET":
                await route.abort()
                return
        await route.fallback()

    async def on_popup(self, popup) -> None:
        if popup not in self._popup_seen:
            self._popup_seen.add(popup)
            self.popups.append((popup.url or "")[:300])
        try:
            await popup.close()
        except Exception:
            pass

    async def __aenter__(self) -> "_Guard":
        self._known = set(self.page.context.pages) - {self.page}
        self._popup_seen: set = set()
        self._popup_cb = lambda p: asyncio.ensure_future(self.on_popup(p))
        # On the page (page routes run before context routes, and the newest first: the renderer's own page route
        # in auditor/render.py comes after this one, through route.fallback) and on the context, for a new
        # window's requests; requests of other pages fall through.
        await self.page.context.route("**/*", self.handle)
        await self.page.route("**/*", self.handle)
        self.page.on("popup", self._popup_cb)
        return self

    async def __aexit__(self, *exc) -> None:
        self.page.remove_listener("popup", self._popup_cb)
        for target in (self.page, self.page.context):
            try:
                await target.unroute("**/*", self.handle)
            except Exception:
                pass


async def _act(page, kind: str, item: dict) -> None:
    loc = page.locator(item["sel"]).first
    if kind == "selects":
        if item.get("next") is None:
            return
        await loc.select_option(value=item["next"], timeout=ACTION_TIMEOUT_MS)
    elif kind == "checks":
        await loc.click(timeout=ACTION_TIMEOUT_MS, no_wait_after=True)
    else:
        await loc.click(timeout=ACTION_TIMEOUT_MS, no_wait_after=True)
        await loc.press_sequentially("ab", timeout=ACTION_TIMEOUT_MS)


async def _restore(page, item: dict) -> None:
    """Undo an input without events, so that the forms are submitted empty as the page gave them."""
    try:
        await page.evaluate(INTERACT_JS, {"op": "restore", "target": item["sel"], "value": item.get("value") or "",
                                          "checked": bool(item.get("checked"))})
    except Exception:
        pass  # a field that went away with the change: nothing to undo


async def _dialog(page, trig: dict) -> dict[str, Any]:
    """Open a dialog from the keyboard (focus + Enter), then: did focus go in, does Tab keep it in (while a modal
    one is open), does Escape close it, does focus come back to the trigger?"""
    rec: dict[str, Any] = {"sel": trig["sel"], "html": trig.get("html", "")}
    q = {"op": "dialog", "dialog": trig.get("dialog") or "", "trigger": trig["sel"]}
    try:
        loc = page.locator(trig["sel"]).first
        await loc.focus(timeout=ACTION_TIMEOUT_MS)
        await page.keyboard.press("Enter")
        await asyncio.sleep(SETTLE_S)
        st = await page.evaluate(INTERACT_JS, q) or {}
        rec.update(opened=st.get("open"), dialog=st.get("sel"), modal=st.get("modal"), focus_in=st.get("inside"))
        if not st.get("open"):
            return rec
        q["dialog"] = st.get("sel")
        left = False
        for _ in range(DIALOG_TABS):
            await page.keyboard.press("Tab")
            s2 = await page.evaluate(INTERACT_JS, q) or {}
            if s2.get("open") and s2.get("outside"):
                left = True
                break
        rec["focus_left"] = left
        await page.keyboard.press("Escape")
        await asyncio.sleep(0.2)
        s3 = await page.evaluate(INTERACT_JS, q) or {}
        rec["escape_closes"] = not s3.get("open")
        rec["focus_returned"] = bool(s3.get("on_trigger")) if not s3.get("open") else None
    except Exception as exc:
        rec["error"] = type(exc).__name__
    return rec


async def interact(page) -> dict[str, Any]:
    """Run the interaction pass on a loaded page; returns the `interact` artifact."""
    t0 = time.perf_counter()
    out: dict[str, Any] = {"inputs": [], "forms": [], "actions": 0}
    url0 = page.url.split("#", 1)[0]
    async with _Guard(page) as guard:
        cands = await page.evaluate(INTERACT_JS, {"op": "setup", "maxEach": MAX_EACH, "maxForms": MAX_FORMS,
                                                  "maxDialogs": MAX_DIALOGS})
        try:
            for kind in ("selects", "checks", "texts"):
                for item in cands.get(kind) or []:
                    if out["actions"] >= MAX_ACTIONS or time.perf_counter() - t0 > MAX_S:
                        out["truncated"] = True
                        break
                    n_nav, n_blk = len(guard.navigations), len(guard.blocked)
                    await page.evaluate(INTERACT_JS, {"op": "mark"})
                    out["actions"] += 1
                    try:
                        await _act(page, kind, item)
                    except Exception as exc:
                        out["inputs"].append({**item, "kind": kind, "error": f"{type(exc).__name__}"[:80]})
                        continue
                    await asyncio.sleep(SETTLE_S)
                    st = await page.evaluate(INTERACT_JS, {"op": "state", "target": item["sel"]}) or {}
                    out["inputs"].append({
                        **item, "kind": kind,
                        # A POST form sent by a script is a navigation too (an XHR autosave is not).
                        # Attributed from what the page saw during this action (beforeunload, window.open):
                        # the guard's own records can arrive after the next action has begun.
                        "navigation": ((guard.navigations[n_nav:] +
                                        [b["url"] for b in guard.blocked[n_blk:] if b["nav"]])[:1] or
                                       ["(navigation started)"]) if st.get("unloads") else [],
                        "popup": (st.get("opens") or [])[:1],
                        "submitted": bool(st.get("submits")),
                        "url_changed": (st.get("url") or url0).split("#", 1)[0] != url0,
                        "focus_moved": st.get("active") if st.get("moved") else None})
                    await _restore(page, item)
            for form in cands.get("forms") or []:
                if out["actions"] >= MAX_ACTIONS or time.perf_counter() - t0 > MAX_S:
                    out["truncated"] = True
                    break
                if form.get("native"):
                    out["forms"].append({**form, "result": "native"})
                    continue
                n_nav, n_blk = len(guard.navigations), len(guard.blocked)
                await page.evaluate(INTERACT_JS, {"op": "mark"})
                out["actions"] += 1
                try:
                    await page.locator(form["submit"]).first.click(timeout=ACTION_TIMEOUT_MS, no_wait_after=True)
                except Exception as exc:
                    out["forms"].append({**form, "result": "error", "error": type(exc).__name__})
                    continue
                await asyncio.sleep(SUBMIT_SETTLE_S)
                st = await page.evaluate(INTERACT_JS, {"op": "state", "form": form["sel"]}) or {}
                left = guard.navigations[n_nav:] or guard.blocked[n_blk:]
                out["forms"].append({**form, "result": "left" if left else "stayed", "stopped": left[:1],
                                     "texts": st.get("texts") or [], "invalid": st.get("invalid") or [],
                                     "focus_in_error": st.get("focus_in_error"),
                                     "focus_on_invalid": st.get("focus_on_invalid")})
            # (b) dialogs last: one left open would stand in front of the forms.
            out["dialogs"] = []
            for trig in cands.get("dialogs") or []:
                if out["actions"] >= MAX_ACTIONS or time.perf_counter() - t0 > MAX_S:
                    out["truncated"] = True
                    break
                out["actions"] += 1
                out["dialogs"].append(await _dialog(page, trig))
        finally:
            try:
                await page.evaluate(INTERACT_JS, {"op": "teardown"})
            except Exception:
                pass
        # Let aborted requests and closed popups settle before the routes go.
        await asyncio.sleep(0.05)
        out["blocked"] = guard.blocked[:20]
        out["navigations_stopped"] = guard.navigations[:20]
        out["popups_closed"] = guard.popups[:20]
    out["ms"] = round(1000 * (time.perf_counter() - t0))
    return out
