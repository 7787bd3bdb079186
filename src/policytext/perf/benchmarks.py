"""Tables of the benchmark results (``bench/results.json``, written by ``bench/run.py``)."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from policytext.paths import project_root

#: The targets of issue 7: what each means, in the words of the appendix, and its limit
#: (a lower bound for throughput ratios, an upper bound for the rest).
TARGETS = {
    "throughput_ratio_single": ("Pipeline / raw jieba.lcut, 1 process", 0.85),
    "throughput_ratio_two_processes": ("Pipeline / raw jieba.lcut, 2 processes", 1.7),
    "no_change_rebuild_seconds": ("Sphinx rebuild, nothing changed (s)", 3.0),
    "cold_html_build_seconds": ("Cold HTML build: data, notebooks, Sphinx (s)", 60.0),
    "peak_memory_mb_1000x": ("Peak memory, 1000x corpus (MB)", 1024.0),
}
BOOK_STEPS = {
    "data_cold": "Derived tables (make data)",
    "execute_cold": "Notebook execution, cold",
    "execute_warm": "Notebook execution, warm",
    "sphinx_cold": "Sphinx HTML build, cold",
    "sphinx_no_change": "Sphinx HTML build, nothing changed",
    "nbval": "nbval (notebooks re-run and compared)",
}


def verdict(measured: float, limit: float) -> str:
    """How a throughput ratio stands against its lower limit, in the appendix's words."""
    return "meets" if measured >= limit else "falls short of"


def results_path() -> Path:
    return project_root() / "bench" / "results.json"


def load_results(path: Path | None = None) -> dict:
    """The benchmark results as a dict."""
    return json.loads(Path(path or results_path()).read_text(encoding="utf-8"))


def segmenter_name(backend: str) -> str:
    """The name a segmenter goes by on PyPI: ``jieba_next`` -> ``jieba-next``."""
    return backend.replace("_", "-")


def run_label(run: str) -> str:
    """``pipeline_jieba_next_2p`` -> ``pipeline, jieba-next, 2 processes``."""
    if run == "jieba_lcut":
        return "raw jieba.lcut, 1 process"
    backend, processes = run.removeprefix("pipeline_").rsplit("_", 1)
    n = int(processes.rstrip("p"))
    return f"pipeline, {segmenter_name(backend)}, {n} process{'es' if n > 1 else ''}"


def targets_table(results: dict) -> pd.DataFrame:
    """One row per target: what, the limit, the measured value and whether it was met."""
    rows = [{"Target": TARGETS[t["target"]][0],
             "Limit": f"≥ {t['limit']:g}" if t["target"].startswith("throughput") else f"≤ {t['limit']:g}",
             "Measured": round(t["measured"], 2), "Met": "yes" if t["met"] else "no"}
            for t in results["targets"]]
    return pd.DataFrame(rows)


def throughput_table(results: dict) -> pd.DataFrame:
    """Best seconds, characters per second and ratio to raw jieba.lcut of each run."""
    rows = [{"Run": run_label(r["run"]), "Seconds": round(r["seconds"], 2), "Chars/s": r["chars_per_second"],
             "× jieba.lcut": round(r["ratio_to_jieba_lcut"], 2)} for r in results["throughput"]["runs"]]
    return pd.DataFrame(rows)


def segmenter_table(results: dict) -> pd.DataFrame:
    """Gold-set F1, identity with jieba on the seeds' paragraphs and raw lines, and speed of
    each segmenter."""
    rows = [{"Segmenter": segmenter_name(s["backend"]), "Gold F1": round(s["gold_f1"], 4),
             "Paragraphs as jieba": f"{s['identical_texts']}/{s['n_texts']}",
             "Raw lines as jieba": f"{s['identical_raw_lines']}/{s['n_raw_lines']}",
             "Chars/s": int(round(s["chars_per_second"], -3)), "Speed-up": round(s["speedup"], 1)}
            for s in results["segmenters"]]
    return pd.DataFrame(rows)


def book_table(results: dict) -> pd.DataFrame:
    """Seconds and exit code of each book-building step."""
    book = results["book"]
    return pd.DataFrame([{"Step": label, "Seconds": round(book[key]["seconds"], 1), "Exit code": book[key]["exit_code"]}
                         for key, label in BOOK_STEPS.items()])


def memory_table(results: dict) -> pd.DataFrame:
    """Peak resident memory and wall time of the streaming runs on the large corpus."""
    return pd.DataFrame([{"Corpus": m["corpus"], "Processes": m["processes"], "Segmenter": segmenter_name(m["segmenter"]),
                          "Peak MB": round(m["peak_rss_mb"]), "Seconds": round(m["seconds"])} for m in results["memory"]])


#: Stages of the pipeline as timed one by one (``script_detection`` is part of ``clean_convert``).
STAGES = {
    "read": "Read and decode",
    "clean_convert": "Clean, convert, metadata",
    "script_detection": "(part of it: script detection)",
    "segment_jieba": "Segment (jieba)",
    "segment_jieba_next": "Segment (jieba-next)",
    "segment_rjieba": "Segment (rjieba)",
    "count": "Count terms",
    "duplicate_sketch": "Near-duplicate signature",
}


def stage_table(results: dict) -> pd.DataFrame:
    """Best seconds of each pipeline stage on the 100x corpus, run one stage at a time."""
    return pd.DataFrame([{"Stage": label, "Seconds": round(results["stages"][key], 2)}
                         for key, label in STAGES.items()])
