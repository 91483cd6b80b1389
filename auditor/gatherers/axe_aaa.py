"""axe-core rules that axe's default run leaves out, run once per page: the AAA ones that implement ACT rules.

`axe.run` without options skips rules that are disabled by default. Three of them implement W3C ACT rules
(color-contrast-enhanced: 09o5cg, meta-refresh-no-exceptions: bisz58, identical-links-same-purpose: b20e66).
Their findings are AAA, so they are advisory (kept apart from WCAG A/AA conformance) — but they are findings a
web team can use, and without them auditor would not implement those ACT rules. Runs as a page gatherer (once,
not per viewport: these checks do not depend on the viewport width), injecting axe itself when needed.
"""
from __future__ import annotations

from auditor.render import axe_source, page_gatherer

EXTRA_RULES = ("color-contrast-enhanced", "meta-refresh-no-exceptions", "identical-links-same-purpose")

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


@page_gatherer("axe_aaa")
async def axe_aaa(page, viewport, out_dir) -> dict:
    if not await page.evaluate("() => typeof axe !== 'undefined' && !!axe.run"):
        await page.evaluate(axe_source())
    return await page.evaluate(RUN_AXE_EXTRA, list(EXTRA_RULES))
