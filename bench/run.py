"""The benchmark: ``python bench/run.py`` (or ``make bench``) prints and writes bench/results.json.

In one run: the machine; the segmenters on the gold set and the seeds; pipeline throughput on
the 100x corpus next to raw ``jieba.lcut`` over the same text (best of a few interleaved
repeats, as other work shares the cores); the speed-up with 2 processes; peak memory on the
1000x corpus (``/usr/bin/time -v``); cold and warm book builds (notebook execution and Sphinx
separately) and the nbval run, and the whole book on a corpus of about a thousand generated
articles, each in a clone of the repository under /tmp so the working tree is left alone. Only public tools: time, resource, /usr/bin/time.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import jieba
from make_corpus import make  # noqa: E402

from policytext import scale, tables
from policytext.corpus import reading
from policytext.paths import annotation_path, project_root
from policytext.perf import benchmarks, synthetic
from policytext.report import prose
from policytext.text import segment, segmenters

sys.path.insert(0, str(Path(__file__).parent))

ROOT = project_root()
WORK = Path("/tmp/policytext_bench")
RESULTS = ROOT / "bench" / "results.json"
PYTHON = sys.executable
SEGMENTER_REPEATS = 5
NO_CHANGE_REPEATS = 3
STAGE_REPEATS = 3


def log(message: str) -> None:
    print(message, flush=True)


def machine() -> dict:
    """CPU model, cores, memory, Python, OS and library versions."""
    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    mem_kb = int(re.search(r"MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text()).group(1))
    os_name = re.search(r'PRETTY_NAME="(.+)"', Path("/etc/os-release").read_text())
    from importlib.metadata import version

    return {"cpu": cpu.group(1).strip() if cpu else platform.processor(), "cores": os.cpu_count(),
            "memory_gb": round(mem_kb / 1024 ** 2, 1), "python": platform.python_version(),
            "os": os_name.group(1) if os_name else platform.platform(), "kernel": platform.release(),
            "versions": {p: version(p) for p in ("jieba", "rjieba", "jieba-next", "pyarrow", "dask",
                                                 "distributed", "jupyter-book", "sphinx")}}


def timed(function, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def run(command: list[str], cwd: Path, env: dict | None = None) -> dict:
    """Run a command; wall seconds, exit code and the tail of its output."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    output = done.stdout + done.stderr
    failed = sorted(set(re.findall(r"^FAILED (\S+?\.ipynb)::", output, re.MULTILINE)))
    return {"seconds": round(seconds, 2), "exit_code": done.returncode, "tail": output.strip().splitlines()[-3:],
            "failed": [Path(name).name for name in failed]}


def _busy(n: int) -> int:
    return sum(i * i for i in range(n))


def parallel_capacity(n: int = 4_000_000, repeats: int = 3) -> float:
    """How many cores two busy processes get together: work done by two at once over the
    work of one alone in the same time (2.0 on two free cores, 1.0 if one is taken)."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_busy, [1000, 1000]))  # start the workers
        one = min(timed(lambda: pool.submit(_busy, n).result())[0] for _ in range(repeats))
        two = min(timed(lambda: list(pool.map(_busy, [n, n])))[0] for _ in range(repeats))
    return round(2 * one / two, 2)


# ---------------------------------------------------------------- segmenters

def segmenter_comparison() -> list[dict]:
    gold = segment.read_gold(annotation_path("gold_segmentation.txt"))
    texts = list(tables.load("paragraphs")["text"])
    raw_lines = reading.corpus_lines(ROOT / "seeds")
    frame = segmenters.compare_backends(gold, texts, raw_lines, repeats=SEGMENTER_REPEATS)
    return [{k: (round(v, 4) if isinstance(v, float) else v) for k, v in row.items()}
            for row in frame.to_dict("records")]


# ---------------------------------------------------------------- pipeline

def pipeline_throughput(corpus: Path, repeats: int) -> dict:
    """Best-of-``repeats`` seconds of raw jieba.lcut and of the pipeline (1 and 2 processes,
    each segmenter), interleaved, on the same corpus."""
    out = WORK / "stream_100x"
    summary = scale.stream_corpus(corpus, out, parquet=False)  # warms caches; writes the text jieba.lcut gets
    texts = list(tables.load("paragraphs", out)["text"])
    n_chars = sum(map(len, texts))
    assert n_chars == summary.n_chars, "jieba.lcut would not get the text the pipeline counted"
    jieba.lcut("预热")  # load jieba's dictionary outside the timing
    for backend in segmenters.BACKENDS:
        segmenters.segmenter(backend)("预热")
    runs = {"jieba_lcut": lambda: [jieba.lcut(text) for text in texts]}
    for backend in segmenters.BACKENDS:
        for processes in (1, 2):
            runs[f"pipeline_{backend}_{processes}p"] = (
                lambda b=backend, p=processes: scale.stream_corpus(corpus, out, backend=b, processes=p, parquet=False))
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    for repeat in range(repeats):
        for name, function in runs.items():
            seconds[name].append(round(timed(function)[0], 3))
            log(f"  repeat {repeat + 1} {name}: {seconds[name][-1]:.2f} s")
    best = {name: min(values) for name, values in seconds.items()}
    raw = n_chars / best["jieba_lcut"]
    rows = []
    for name, value in best.items():
        chars_per_second = n_chars / value
        rows.append({"run": name, "seconds": value, "chars_per_second": round(chars_per_second),
                     "ratio_to_jieba_lcut": round(chars_per_second / raw, 3), "all_seconds": seconds[name]})
    return {"corpus": corpus.name, "chars": n_chars, "documents": len(list(corpus.iterdir())),
            "repeats": repeats, "runs": rows, "default_segmenter": scale.DEFAULT_SEGMENTER,
            **{f"speedup_2p_{b}": round(best[f"pipeline_{b}_1p"] / best[f"pipeline_{b}_2p"], 3)
               for b in segmenters.BACKENDS}}


def stage_seconds(corpus: Path, repeats: int = 3) -> dict:
    """Best-of-``repeats`` seconds of each stage of the single-process pipeline on ``corpus``,
    each stage run over all documents (the pipeline interleaves them per document)."""
    from policytext.corpus import build as corpus_module, reading
    from policytext.corpus.script import detect_script

    tasks = scale.corpus_tasks(corpus)
    raws = [reading.read_document(Path(t.path), doc_id=t.doc_id) for t in tasks]
    rows = [corpus_module.document_row(raw, None, None) for raw in raws]
    texts = [[p["text"] for p in cleaned.paragraphs] for _, cleaned in rows if cleaned is not None]
    tokens = [[t for text in doc for t in segmenters.segmenter("jieba")(text)] for doc in texts]
    stages = {
        "read": lambda: [reading.read_document(Path(t.path), doc_id=t.doc_id) for t in tasks],
        "clean_convert": lambda: [corpus_module.document_row(raw, None, None) for raw in raws],
        "script_detection": lambda: [detect_script(raw.text) for raw in raws],
        "segment_jieba": lambda: [[segmenters.segmenter("jieba")(text) for text in doc] for doc in texts],
        "segment_jieba_next": lambda: [[segmenters.segmenter("jieba_next")(text) for text in doc] for doc in texts],
        "segment_rjieba": lambda: [[segmenters.segmenter("rjieba")(text) for text in doc] for doc in texts],
        "count": lambda: scale._TERMS.clear() or scale._NOT_TERMS.clear() or [scale.count_terms(doc) for doc in tokens],
        "duplicate_sketch": lambda: [scale.MinHashDuplicateFilter.sketch("".join(doc)) for doc in texts],
    }
    return {name: round(min(timed(function)[0] for _ in range(repeats)), 3) for name, function in stages.items()}


def peak_memory(corpus: Path, processes: int, backend: str) -> dict:
    """Peak resident memory (MB) and wall time of the streaming pipeline, from /usr/bin/time -v."""
    out = WORK / f"stream_{corpus.name}_{processes}p"
    shutil.rmtree(out, ignore_errors=True)
    command = ["/usr/bin/time", "-v", PYTHON, "-m", "policytext", "build", "--stage", "corpus", "--corpus", str(corpus),
               "--out", str(out), "--processes", str(processes), "--segmenter", backend]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", done.stderr).group(1)
    seconds = sum(float(part) * 60 ** i for i, part in enumerate(reversed(wall.split(":"))))
    parts = sorted((out / "parquet" / "paragraphs").glob("*.parquet"))
    csv_mb = sum(f.stat().st_size for f in out.glob("*.csv")) / 1e6
    return {"corpus": corpus.name, "processes": processes, "segmenter": backend, "exit_code": done.returncode,
            "peak_rss_mb": round(rss_kb / 1024, 1), "seconds": round(seconds, 1),
            "summary": done.stdout.strip(), "parquet_parts_paragraphs": len(parts), "csv_mb": round(csv_mb, 1)}


# ---------------------------------------------------------------- the whole analysis

#: A whole process segmenting the clean text of a build's ``paragraphs.csv`` with raw jieba.lcut.
RAW_JIEBA = ("import sys, jieba, pandas; jieba.initialize(); "
             "[jieba.lcut(t) for t in pandas.read_csv(sys.argv[1], keep_default_na=False)['text']]")


def timed_process(command: list[str]) -> dict:
    """Wall seconds and peak resident memory (MB) of a whole process, from /usr/bin/time -v."""
    done = subprocess.run(["/usr/bin/time", "-v", *command], cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", done.stderr).group(1)
    seconds = sum(float(part) * 60 ** i for i, part in enumerate(reversed(wall.split(":"))))
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(rss_kb / 1024, 1)}


def whole_analysis(corpora: dict[float, Path], repeats: dict[float, int]) -> list[dict]:
    """The whole build (corpus stage and every producer, ``policytext build``) at each size, with
    1 and 2 processes, next to raw jieba.lcut over the same clean text, each a whole process,
    run in turn; the best of ``repeats[factor]`` runs of each."""
    rows = []
    for factor, corpus in corpora.items():
        out = WORK / f"whole_{factor:g}x"
        runs: dict[str, list[dict]] = {"build_1p": [], "build_2p": [], "jieba_lcut": []}
        for repeat in range(repeats[factor]):
            for processes in (1, 2):
                shutil.rmtree(out, ignore_errors=True)
                runs[f"build_{processes}p"].append(timed_process(
                    [PYTHON, "-m", "policytext", "build", "--corpus", str(corpus), "--out", str(out),
                     "--processes", str(processes)]))
            runs["jieba_lcut"].append(timed_process([PYTHON, "-c", RAW_JIEBA, str(out / "paragraphs.csv")]))
            log(f"  {factor:g}x repeat {repeat + 1}: " + ", ".join(
                f"{name} {values[-1]['seconds']:.1f} s {values[-1]['peak_rss_mb']:.0f} MB" for name, values in runs.items()))
        row = {"factor": factor, "documents": len(list(corpus.glob("*.txt"))),
               "chars": int(tables.load("paragraphs", out)["n_chars"].sum()), "repeats": repeats[factor]}
        for name, values in runs.items():
            row[f"{name}_seconds"] = min(v["seconds"] for v in values)
            row[f"{name}_peak_mb"] = max(v["peak_rss_mb"] for v in values)
        row["ratio_to_jieba_lcut"] = round(row["build_1p_seconds"] / row["jieba_lcut_seconds"], 2)
        row["speedup_2p"] = round(row["build_1p_seconds"] / row["build_2p_seconds"], 2)
        rows.append(row)
    return rows


def growth(rows: list[dict], key: str) -> list[dict]:
    """Exponent b of ``key`` ~ characters^b between each pair of consecutive sizes."""
    import math

    return [{"from": a["factor"], "to": b["factor"], "measure": key,
             "exponent": round(math.log(b[key] / a[key]) / math.log(b["chars"] / a["chars"]), 3)}
            for a, b in zip(rows, rows[1:])]


# ---------------------------------------------------------------- book

def toc_notebooks(repo: Path) -> list[str]:
    return [str(p.relative_to(repo)) for p in prose.book_sources(repo) if p.suffix == ".ipynb"]


def commit_of(repo: Path) -> str:
    """The short hash of the commit checked out in ``repo``."""
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True,
                          text=True).stdout.strip()


def book_builds() -> dict:
    """Cold and warm notebook execution and Sphinx builds, and nbval, in a fresh clone."""
    repo, out = WORK / "repo", WORK / "book"
    shutil.rmtree(repo, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(repo)], check=True)
    env = {**os.environ, "PYTHONPATH": str(repo / "src")}  # the clone's package, not the working tree's
    notebooks = toc_notebooks(repo)
    binary = Path(PYTHON).parent
    results = {"commit": commit_of(repo), "notebooks": len(notebooks)}
    build_data = [PYTHON, "-m", "policytext", "build", "--corpus", "seeds", "--out", "data/derived"]
    execute = [PYTHON, "scripts/execute_notebooks.py", *notebooks]
    sphinx = [str(binary / "jupyter-book"), "build", ".", "--builder", "html", "--path-output", str(out),
              "-W", "-n", "--keep-going"]
    nbval = [PYTHON, "-m", "pytest", *notebooks, "--nbval", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg",
             "-q", "-p", "no:cacheprovider"]
    for name, command in (("data_cold", build_data), ("execute_cold", execute), ("execute_warm", execute),
                          ("sphinx_cold", sphinx), ("sphinx_no_change", sphinx), ("nbval", nbval)):
        results[name] = run(command, repo, env)
        log(f"  {name}: {results[name]['seconds']:.1f} s (exit {results[name]['exit_code']})")
    # A no-change rebuild is cheap: take the best of a few, like the pipeline runs.
    rebuilds = [results["sphinx_no_change"]] + [run(sphinx, repo, env) for _ in range(NO_CHANGE_REPEATS - 1)]
    results["sphinx_no_change"] = min(rebuilds, key=lambda r: r["seconds"])
    results["sphinx_no_change"]["all_seconds"] = [r["seconds"] for r in rebuilds]
    log(f"  sphinx_no_change, best of {NO_CHANGE_REPEATS}: {results['sphinx_no_change']['all_seconds']}")
    results["cold_html_total_seconds"] = round(sum(results[k]["seconds"] for k in
                                                   ("data_cold", "execute_cold", "sphinx_cold")), 2)
    return results


#: The generated corpus the whole book is built on at scale: this many times the seeds' articles
#: (recombined articles are shorter than the seeds, so it holds more than a thousand).
BOOK_ARTICLES = 1000


def book_at_scale() -> dict:
    """The whole book (derived tables with 2 processes, every chapter executed, the HTML site
    with warnings as errors) built in a fresh clone on a generated corpus of about
    :data:`BOOK_ARTICLES` articles of recombined seed paragraphs, as ``make html CORPUS=...``
    does; each step timed."""
    repo, corpus = WORK / "scale_repo", WORK / "scale_articles"
    for folder in (repo, corpus):
        shutil.rmtree(folder, ignore_errors=True)
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(repo)], check=True)
    paragraphs = tables.load("paragraphs")
    per_seed = len(list((ROOT / "seeds").glob("*.txt")))
    summary = synthetic.write_corpus(paragraphs, corpus, BOOK_ARTICLES / per_seed, seed=2026)
    env = {**os.environ, "PYTHONPATH": str(repo / "src"), "MPLCONFIGDIR": str(repo / ".cache" / "matplotlib")}
    binary = Path(PYTHON).parent
    steps = {
        "data": [PYTHON, "-m", "policytext", "build", "--corpus", str(corpus), "--out", "data/derived",
                 "--processes", "2"],
        "notebooks": [PYTHON, "scripts/execute_notebooks.py", *toc_notebooks(repo)],
        "html": [str(binary / "jupyter-book"), "build", ".", "--builder", "html", "-W", "-n", "--keep-going"],
    }
    results = {"commit": commit_of(repo), "documents": summary["documents"], "bytes": summary["bytes"],
               "load_average_start": [round(x, 2) for x in os.getloadavg()]}
    for name, command in steps.items():
        results[name] = run(command, repo, env)
        log(f"  {name}: {results[name]['seconds']:.1f} s (exit {results[name]['exit_code']})")
    results["total_seconds"] = round(sum(results[name]["seconds"] for name in steps), 2)
    results["built"] = all(results[name]["exit_code"] == 0 for name in steps)
    return results


def targets(results: dict) -> list[dict]:
    runs = {r["run"]: r for r in results["throughput"]["runs"]}
    whole = {w["factor"]: w for w in results["whole"]}
    exponents = {(g["measure"], g["to"]): g["exponent"] for g in results["whole_growth"]}
    measured = {
        "throughput_ratio_single": runs[f"pipeline_{scale.DEFAULT_SEGMENTER}_1p"]["ratio_to_jieba_lcut"],
        "throughput_ratio_two_processes": runs[f"pipeline_{scale.DEFAULT_SEGMENTER}_2p"]["ratio_to_jieba_lcut"],
        "no_change_rebuild_seconds": results["book"]["sphinx_no_change"]["seconds"],
        "cold_html_build_seconds": results["book"]["cold_html_total_seconds"],
        "peak_memory_mb_1000x": results["memory"][0]["peak_rss_mb"],
        "whole_time_ratio_100x": whole[100]["ratio_to_jieba_lcut"],
        "whole_speedup_2p_100x": whole[100]["speedup_2p"],
        "whole_time_exponent": exponents[("build_1p_seconds", 1000)],
        "whole_memory_mb_100x": whole[100]["build_1p_peak_mb"],
        "whole_memory_growth": round(whole[1000]["build_1p_peak_mb"] / whole[100]["build_1p_peak_mb"], 2),
        # a build that failed has not met the target, however fast it failed
        "book_at_scale_seconds": (results["book_at_scale"]["total_seconds"]
                                  if results["book_at_scale"]["built"] else float("inf")),
    }
    return [{"target": name, "limit": limit, "measured": measured[name],
             "met": benchmarks.met(name, measured[name], limit)}
            for name, (_, limit) in benchmarks.TARGETS.items()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--skip-book", action="store_true", help="leave out the book builds (for a quick check)")
    parser.add_argument("--only-book-at-scale", action="store_true",
                        help="run only the whole book on a thousand articles, into the existing results")
    parser.add_argument("--only-book", action="store_true",
                        help="run only the book builds on the seeds, into the existing results")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    if args.only_book_at_scale or args.only_book:
        # one part measured again at the current commit (each part records its commit)
        results = json.loads(RESULTS.read_text(encoding="utf-8"))
        if args.only_book:
            log("book builds in a clone")
            results["book"] = book_builds()
        if args.only_book_at_scale:
            log(f"the whole book on about {BOOK_ARTICLES:,} generated articles, in a clone")
            results["book_at_scale"] = book_at_scale()
        results["targets"] = targets(results)
        RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return
    results = {"commit": commit_of(ROOT), "machine": machine(),
               "load_average_start": [round(x, 2) for x in os.getloadavg()]}
    log(f"machine: {results['machine']['cpu']}, {results['machine']['cores']} cores, "
        f"load {results['load_average_start']}")
    corpora = {1: ROOT / "seeds"}
    results["corpora"] = [{"factor": 1, "seed": None, "documents": len(list((ROOT / "seeds").glob("*.txt"))),
                           "bytes": sum(f.stat().st_size for f in (ROOT / "seeds").glob("*.txt"))}]
    for factor in (100, 1000):
        folder, summary = make(factor)
        corpora[factor] = folder
        results.setdefault("corpora", []).append(summary)
        log(f"corpus {factor}x: {summary['documents']:,} documents, {summary['bytes'] / 1e6:.1f} MB")
    log("segmenters on the gold set and the seeds")
    results["segmenters"], results["segmenter_repeats"] = segmenter_comparison(), SEGMENTER_REPEATS
    results["parallel_capacity_before"] = parallel_capacity()
    log(f"parallel capacity (2 = two free cores): {results['parallel_capacity_before']}")
    log(f"pipeline throughput on 100x ({args.repeats} repeats)")
    results["throughput"] = pipeline_throughput(corpora[100], args.repeats)
    results["throughput"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    results["parallel_capacity_after"] = parallel_capacity()
    log(f"parallel capacity after: {results['parallel_capacity_after']}")
    results["stages"], results["stage_repeats"] = stage_seconds(corpora[100], STAGE_REPEATS), STAGE_REPEATS
    log(f"  stages: {results['stages']}")
    log("peak memory on 1000x")
    results["memory"] = [peak_memory(corpora[1000], processes, scale.DEFAULT_SEGMENTER) for processes in (1, 2)]
    for row in results["memory"]:
        log(f"  {row['processes']}p {row['segmenter']}: {row['peak_rss_mb']} MB, {row['seconds']} s")
    log("the whole analysis at 1x, 100x and 1000x, with raw jieba.lcut")
    results["whole"] = whole_analysis(corpora, {1: args.repeats, 100: 3, 1000: 1})
    results["whole_growth"] = [*growth(results["whole"], "build_1p_seconds"),
                               *growth(results["whole"], "build_1p_peak_mb")]
    for row in results["whole_growth"]:
        log(f"  {row['measure']} {row['from']:g}x -> {row['to']:g}x: exponent {row['exponent']}")
    if not args.skip_book:
        log("book builds in a clone")
        results["book"] = book_builds()
        log(f"the whole book on about {BOOK_ARTICLES:,} generated articles, in a clone")
        results["book_at_scale"] = book_at_scale()
        results["targets"] = targets(results)
    results["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for row in results.get("targets", []):
        log(f"{row['target']:32} {row['measured']:>9} (target {row['limit']}): {'met' if row['met'] else 'NOT met'}")
    log(f"-> {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
