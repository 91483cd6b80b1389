"""Re-run the rules over a stored run's artifacts, without a browser or a crawl (e.g. after a rule changed)."""
from __future__ import annotations

from pathlib import Path

from auditor import __version__, engine, registry, render
from auditor.config import AuditConfig
from auditor.models import PageResult
from auditor.store import Store


def rerun_rules(store: Store, run_id: int, rule_prefixes: list[str] | None = None) -> int:
    """A new run with the old run's pages and fresh findings; returns the new run's id."""
    from auditor.audit import run_site_rules

    old = store.get_run(run_id)
    cfg = AuditConfig.from_json(old["config"])
    rules = registry.select(rule_prefixes or list(cfg.rules) or None)  # by default the run's own selection
    new_id = store.create_run(site=old["site"], seeds=old["seeds"], config=old["config"],
                              tool_version=__version__, axe_version=old["axe_version"] or "",
                              browser_version=old["browser_version"] or "")
    options = cfg.to_json()
    order = [v.name for v in cfg.viewports]
    for p in store.pages(run_id):
        findings, score, metrics = [], None, None
        if p["kind"] == "html" and p["artifact_dir"] and (Path(p["artifact_dir"]) / "page.json").is_file():
            facts, per_vp = render.load_artifacts(Path(p["artifact_dir"]))
            art = registry.PageArtifacts(url=p["url"], viewports=per_vp, page=facts, dir=p["artifact_dir"],
                                         options=options)
            findings = engine.run_rules(rules, art, order)
            score = engine.page_score(findings)
            metrics = engine.page_metrics(art, rules)  # e.g. the plain-language score, from the same artifacts
        page = PageResult(
            url=p["url"], kind=p["kind"], status=p["status"], content_type=p["content_type"] or "",
            title=p["title"] or "", depth=p["depth"] or 0, referrer=p["referrer"] or "", fetch_ms=p["fetch_ms"] or 0,
            render_ms=p["render_ms"] or 0, error=p["error"] or "", links=tuple(p["links"] or ()),
            artifact_dir=p["artifact_dir"] or "", timings=p["timings"] or {})
        store.save_page(new_id, page, findings, score, metrics)
    run_site_rules(cfg, store, new_id, rules)
    store.update_run(new_id, status="finished", message=f"rules re-run on the artifacts of run {run_id}")
    return new_id
