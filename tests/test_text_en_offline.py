"""English metrics come from textstat and never touch the network (no NLTK/cmudict download at run time)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs in a fresh interpreter: every socket connection attempt is recorded and refused before auditor or textstat
# is imported, NLTK looks for its data only in an empty folder, and the proxies point at a closed port.
CHILD = r"""
import json, socket, sys
attempts = []
def refuse(self, address, *a, **k):
    attempts.append(repr(address))
    raise OSError("network unreachable (test)")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
_orig = socket.create_connection
def refuse_cc(address, *a, **k):
    attempts.append(repr(address))
    raise OSError("network unreachable (test)")
socket.create_connection = refuse_cc
from auditor.text import analysis
r = analysis.analyse_plain_text(
    "We will process your application within two weeks. You will get a decision by post. "
    "The commencement of the service shall be delayed. Please utilise the form prior to the meeting. "
    "You can call us if you have questions about the form or the decision.", lang="en")
m = r.languages["en"].metrics
print(json.dumps({"attempts": attempts, "metrics": m}))
"""


def test_english_analysis_runs_with_the_network_unreachable(tmp_path):
    env = {**os.environ, "NLTK_DATA": str(tmp_path / "nltk_data"), "HOME": str(tmp_path),
           "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
           "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "PYTHONPATH": str(ROOT)}
    p = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, env=env, capture_output=True, text=True,
                       timeout=120)
    assert p.returncode == 0, p.stderr[-2000:]
    out = json.loads(p.stdout.strip().splitlines()[-1])
    assert out["attempts"] == []
    m = out["metrics"]
    assert 60 < m["flesch_reading_ease"] < 100 and 0 < m["flesch_kincaid_grade"] < 10
    assert not (tmp_path / "nltk_data").exists()  # nothing was downloaded either


def test_textstat_is_used_and_its_lix_matches_ours():
    import textstat

    from auditor.text import en, metrics
    text = "We will process your application within two weeks. You will get a decision by post."
    m = en.page_metrics(["We will process your application within two weeks.", "You will get a decision by post."])
    assert m["flesch_reading_ease"] == round(en._textstat().flesch_reading_ease(text), 1)
    words = text.replace(".", "").split()
    ours = metrics.lix(len(words), 2, sum(1 for w in words if len(w) > 6))
    assert abs(ours - m["lix_textstat"]) < 0.5
    assert textstat.__name__ == "textstat"


def test_nltk_download_is_refused_after_setup():
    import nltk
    import pytest

    from auditor.text import en
    en._textstat()
    with pytest.raises(RuntimeError):
        nltk.download("cmudict")
