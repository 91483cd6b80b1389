"""Speed of the whole Finnish plain-language analysis (`make bench-text`): words per second on one core.

"Whole analysis" is what a crawled page's Finnish text goes through: sentence splitting, tokenising, Voikko
readings of every word (cached per word form), the choice of readings in context, every PL-FI check, and the
page metrics and score. The text is UD Finnish-TDT (dev + test, all genres, about 35,000 words), analysed as
documents of one sentence per line, as `make eval-text` does.

Printed: a cold pass (empty per-form cache: every distinct form goes to Voikko once) and warm passes (a crawl of
many pages of one site repeats its vocabulary), as words per second of CPU time of this process. The acceptance
mark is 20,000 words per second on one core.

Usage: python bench/bench_text.py [--repeat N] [--corpus DIR]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.eval_text import DEFAULT_CORPUS, documents  # noqa: E402

TARGET_WPS = 20_000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=3, help="warm passes")
    a = ap.parse_args(argv)
    files = [a.corpus / "fi_tdt-ud-dev.conllu", a.corpus / "fi_tdt-ud-test.conllu"]
    if not all(f.is_file() for f in files):
        print(f"bench-text: error: corpus not found under {a.corpus} (use --corpus DIR)", file=sys.stderr)
        return 2
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core, as the acceptance says
    from auditor.text import analysis, fi_morph

    try:
        fi_morph.voikko()
    except fi_morph.VoikkoUnavailable as exc:
        print(f"bench-text: error: {exc}", file=sys.stderr)
        return 2
    docs = [("\n".join(sents)) for f in files for sents in documents(f).values()]

    def one_pass() -> tuple[int, float, float]:
        t0, c0 = time.perf_counter(), time.process_time()
        words = 0
        for text in docs:
            res = analysis.analyse_plain_text(text, lang="fi", split_lines=True)
            words += sum(r.words for r in res.languages.values())
        return words, time.perf_counter() - t0, time.process_time() - c0

    fi_morph.readings.cache_clear()
    fi_morph.syllables.cache_clear()
    fi_morph.hyphenate.cache_clear()
    rows = [("cold (empty cache)", *one_pass())]
    for i in range(a.repeat):
        rows.append((f"warm pass {i + 1}", *one_pass()))
    info = fi_morph.readings.cache_info()
    print(f"Finnish analysis of UD Finnish-TDT dev+test ({len(docs)} documents), one core")
    print(f"{'pass':<20} {'words':>8} {'wall s':>8} {'cpu s':>8} {'words/s (cpu)':>14}")
    for name, words, wall, cpu in rows:
        print(f"{name:<20} {words:>8} {wall:>8.2f} {cpu:>8.2f} {words / cpu:>14,.0f}")
    print(f"distinct word forms cached: {info.currsize:,}")
    warm = min(words / cpu for _, words, _, cpu in rows[1:]) if rows[1:] else rows[0][1] / rows[0][3]
    cold = rows[0][1] / rows[0][3]
    print(f"\ncold {cold:,.0f} words/s, warm {warm:,.0f} words/s; target {TARGET_WPS:,} words/s: "
          f"{'met' if warm >= TARGET_WPS else 'NOT met'} (warm), {'met' if cold >= TARGET_WPS else 'not met'} (cold)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
