"""axe-core rules that axe's default run leaves out, run once per page: the AAA ones that implement ACT rules.

`axe.run` without options skips rules that are disabled by default. Two of them implement approved W3C ACT rules
(color-contrast-enhanced: 09o5cg, meta-refresh-no-exceptions: bisz58). identical-links-same-purpose (b20e66,
proposed, nearly always needs review) is left out: it doubled this gatherer's time on the demo site.
Their findings are AAA, so they are advisory (kept apart from WCAG A/AA conformance) — but they are findings a
web team can use, and without them auditor would not implement those ACT rules. Runs as a viewport gatherer, so
that it finds axe already injected by the render stage, but only at the first viewport of each page: these
checks do not depend on the viewport width. The later viewports get {"same_as": <first viewport>}.
"""
from __future__ import annotations

from collections import OrderedDict

from auditor.render import axe_source, viewport_gatherer

EXTRA_RULES = ("color-contrast-enhanced", "meta-refresh-no-exceptions")

RUN_AXE_EXTRA = """async (ids) => {
  const r = await axe.run(document, {runOnly: {type: 'rule', values: ids},
                                     resultTypes: ['violations', 'incomplete']});
  const act = {};
  for (const x of axe.getRules()) act[x.ruleId] = x.actIds || [];
  const msg = (n) => n.failureSummary ||
      [...(n.any || []), ...(n.all || []), ...(n.none || [])].map(c => c.message).filter(Boolean).join('\\n');
  const slim = (list) => list.map(v => ({
    id: v.id, impact: v.impact, tags: v.tags, description: v.description, help: v.help, helpUrl: v.helpUrl,
    actIds: act[v.id] || [],
    nodes: v.nodes.map(n => ({target: n.target, html: n.html, impact: n.impact, failureSummary: msg(n)})),
  }));
  return {version: axe.version, violations: slim(r.violations), incomplete: slim(r.incomplete)};
}"""


# Pages already checked (artifact folder -> first viewport), bounded: a crawl audits one page per folder.
_DONE: OrderedDict[str, str] = OrderedDict()
_DONE_MAX = 256


@viewport_gatherer("axe_aaa")
async def axe_aaa(page, viewport, out_dir) -> dict:
    key = f"{out_dir}|{page.url}"
    if key in _DONE:
        return {"same_as": _DONE[key]}
    if not await page.evaluate("() => typeof axe !== 'undefined' && !!axe.run"):
        await page.evaluate(axe_source())
    result = await page.evaluate(RUN_AXE_EXTRA, list(EXTRA_RULES))
    _DONE[key] = viewport.name
    if len(_DONE) > _DONE_MAX:
        _DONE.popitem(last=False)
    return result
