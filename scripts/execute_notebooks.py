"""Execute notebooks in place, reproducibly: no timing metadata, cwd = notebook folder.

Usage: python scripts/execute_notebooks.py [--jobs N] notebooks/*.ipynb

Notebooks run side by side, one kernel each (``--jobs``, default: the number of cores); they
only read the derived tables, so the order does not matter and the outputs are the same.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from policytext.paths import cache_dir


#: Kernel starts tried per notebook, should a kernel die at start.
KERNEL_STARTS = 3


def kernel_manager(folder: str) -> KernelManager:
    """A kernel manager talking to its kernel over Unix sockets in ``folder``, not TCP ports: two
    kernels started at the same moment over TCP can be handed the same free port (jupyter_client
    picks it before the kernel binds it), and one then dies or prints ZMQ errors into a cell."""
    return KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(folder, "kernel"))


def execute(path: Path) -> str:
    for attempt in range(1, KERNEL_STARTS + 1):
        notebook = nbformat.read(path, as_version=4)
        try:
            with tempfile.TemporaryDirectory(prefix="policytext-kernel-") as folder:
                NotebookClient(notebook, km=kernel_manager(folder), timeout=600, kernel_name="python3",
                               record_timing=False, resources={"metadata": {"path": str(path.parent)}}).execute()
            break
        except RuntimeError as error:
            if "Kernel died before replying" not in str(error) or attempt == KERNEL_STARTS:
                raise
            print(f"{path}: the kernel died at start ({error}); starting another", file=sys.stderr, flush=True)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(notebook, path)
    return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="notebooks run at once")
    args = parser.parse_args(argv)
    # Kernels inherit it: matplotlib's state is the project's own (as the Makefile sets it).
    os.environ.setdefault("MPLCONFIGDIR", str(cache_dir() / "matplotlib"))
    with ProcessPoolExecutor(max_workers=max(1, min(args.jobs, len(args.notebooks)))) as pool:
        for done in pool.map(execute, args.notebooks):
            print(f"executed {done}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
