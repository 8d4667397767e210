"""Benchmark the Word document builders (and, with --pdf, the LibreOffice conversion).

    .venv/bin/python scripts/bench_documents.py [-n 50] [--pdf]

Builds each example document N times and prints the mean and slowest milliseconds per document and
the size of the .docx in KB. Speed is measured here, not asserted in timed tests.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from govapp.documents import build_action_log
from govapp.documents import build_agenda_pack
from govapp.documents import build_attendance_register
from govapp.documents import build_minutes
from govapp.documents import build_notice
from govapp.documents.examples import example_action_log
from govapp.documents.examples import example_agenda_pack
from govapp.documents.examples import example_approved_minutes
from govapp.documents.examples import example_attendance_register
from govapp.documents.examples import example_minutes
from govapp.documents.examples import example_notice
from govapp.documents.pdf import convert_to_pdf
from govapp.documents.pdf import libreoffice_available


def _minutes_of_40_items() -> bytes:
    """The example draft minutes with their items repeated to 40, each with its motions and votes."""
    import dataclasses

    minutes = example_minutes()
    items = [
        dataclasses.replace(item, number=n + 1, title=f"{item.title} ({n + 1})")
        for n, item in enumerate(minutes.items[k % len(minutes.items)] for k in range(40))
    ]
    return build_minutes(dataclasses.replace(minutes, items=items))


DOCUMENTS: dict[str, Callable[[], bytes]] = {
    "notice": lambda: build_notice(example_notice()),
    "agenda pack": lambda: build_agenda_pack(example_agenda_pack()),
    "draft minutes": lambda: build_minutes(example_minutes()),
    "draft minutes, 40 items": _minutes_of_40_items,
    "approved minutes": lambda: build_minutes(example_approved_minutes()),
    "attendance register": lambda: build_attendance_register(example_attendance_register()),
    "action log": lambda: build_action_log(example_action_log()),
}


def _time(build: Callable[[], bytes], runs: int) -> tuple[list[float], bytes]:
    timings: list[float] = []
    result = b""
    for _ in range(runs):
        started = time.perf_counter()
        result = build()
        timings.append((time.perf_counter() - started) * 1000)
    return timings, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=50, help="builds per document (default 50)")
    parser.add_argument("--pdf", action="store_true", help="also time one PDF conversion per document")
    args = parser.parse_args()
    if args.pdf and not libreoffice_available():
        print("LibreOffice is not installed: --pdf ignored", file=sys.stderr)
        args.pdf = False

    for build in DOCUMENTS.values():  # warm up: imports, the template, lxml
        build()
    print(f"{'document':<22}{'mean ms':>10}{'max ms':>10}{'size KB':>10}" + (f"{'PDF ms':>10}" if args.pdf else ""))
    for name, build in DOCUMENTS.items():
        timings, docx_bytes = _time(build, args.runs)
        line = f"{name:<22}{statistics.mean(timings):>10.1f}{max(timings):>10.1f}{len(docx_bytes) / 1024:>10.1f}"
        if args.pdf:
            started = time.perf_counter()
            convert_to_pdf(docx_bytes)
            line += f"{(time.perf_counter() - started) * 1000:>10.0f}"
        print(line)
    print(f"({args.runs} builds each)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
