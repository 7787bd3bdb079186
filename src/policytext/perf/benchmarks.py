"""Tables of the benchmark results (``bench/results.json``, written by ``bench/run.py``)."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from policytext.paths import project_root

#: The targets of issues 7 and 14: what each means, in the words of the appendix, and its limit.
TARGETS = {
    "throughput_ratio_single": ("Corpus stage / raw jieba.lcut, 1 process", 0.85),
    "throughput_ratio_two_processes": ("Corpus stage / raw jieba.lcut, 2 processes", 1.7),
    "no_change_rebuild_seconds": ("Sphinx rebuild, nothing changed (s)", 3.0),
    "cold_html_build_seconds": ("Cold HTML build: data, notebooks, Sphinx (s)", 60.0),
    "peak_memory_mb_1000x": ("Peak memory of the corpus stage, 1000x (MB)", 1024.0),
    "whole_time_ratio_100x": ("Whole analysis time / raw jieba.lcut time, 100x", 4.0),
    "whole_speedup_2p_100x": ("Whole analysis, speed-up with 2 processes, 100x", 1.7),
    "whole_time_exponent": ("Whole analysis, growth exponent of time, 100x to 1000x", 1.1),
    "whole_memory_mb_100x": ("Whole analysis, peak memory at 100x (MB)", 1024.0),
    "whole_memory_growth": ("Whole analysis, peak memory 1000x / 100x", 1.1),
    "book_at_scale_seconds": ("Whole book (data, notebooks, HTML), over 1,000 articles (s)", 600.0),
}
#: Targets whose limit is a lower bound (the others are upper bounds).
LOWER_BOUNDS = {"throughput_ratio_single", "throughput_ratio_two_processes", "whole_speedup_2p_100x"}


def met(target: str, measured: float, limit: float) -> bool:
    """Whether ``measured`` meets the limit of ``target``."""
    return measured >= limit if target in LOWER_BOUNDS else measured <= limit
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
             "Limit": f"≥ {t['limit']:g}" if t["target"] in LOWER_BOUNDS else f"≤ {t['limit']:g}",
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


#: Steps of the whole book built on the generated corpus of a thousand articles.
SCALE_BOOK_STEPS = {"data": "Derived tables (2 processes)", "notebooks": "Notebook execution",
                    "html": "Sphinx HTML build"}


def scale_book_table(results: dict) -> pd.DataFrame:
    """Seconds and exit code of each step of the book built on a thousand generated articles,
    and their total (no rows before the benchmark has measured it)."""
    scale = results.get("book_at_scale")
    if scale is None:
        return pd.DataFrame(columns=["Step", "Seconds", "Exit code"])
    rows = [{"Step": label, "Seconds": round(scale[key]["seconds"]), "Exit code": scale[key]["exit_code"]}
            for key, label in SCALE_BOOK_STEPS.items()]
    rows.append({"Step": "Total", "Seconds": round(scale["total_seconds"]),
                 "Exit code": 0 if scale["built"] else 1})
    return pd.DataFrame(rows)


def memory_table(results: dict) -> pd.DataFrame:
    """Peak resident memory and wall time of the streaming runs on the large corpus."""
    return pd.DataFrame([{"Corpus": m["corpus"], "Processes": m["processes"], "Segmenter": segmenter_name(m["segmenter"]),
                          "Peak MB": round(m["peak_rss_mb"]), "Seconds": round(m["seconds"])} for m in results["memory"]])


def whole_table(results: dict) -> pd.DataFrame:
    """The whole analysis at each size: documents, characters, best seconds with 1 and 2
    processes and of raw jieba.lcut, the ratio, and peak memory."""
    return pd.DataFrame([{"Corpus": f"{w['factor']:g}x", "Documents": w["documents"], "Characters": w["chars"],
                          "Build 1p (s)": w["build_1p_seconds"], "Build 2p (s)": w["build_2p_seconds"],
                          "jieba.lcut (s)": w["jieba_lcut_seconds"], "× jieba time": w["ratio_to_jieba_lcut"],
                          "Peak MB 1p": round(w["build_1p_peak_mb"]), "Peak MB 2p": round(w["build_2p_peak_mb"])}
                         for w in results["whole"]])


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
