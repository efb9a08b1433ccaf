"""A longer fuzz run of the properties in tests/test_fuzz.py (readers, JSONL lines, dates, actor lookup, the coder)
and of the prefilter's (composed articles code the same events with and without it).

usage: python benchmarks/fuzz.py [--examples 2000]

Runs pytest on those properties with DYADS_FUZZ_EXAMPLES set, and prints a table of each property, the examples
it ran and its outcome. Not part of CI (CI runs the same properties with 40 examples each).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PREFILTER_PROPERTY = str(ROOT / "tests" / "events" / "test_prefilter.py::"
                         "test_prefilter_codes_what_parsing_everything_codes")
#: properties that run half the examples (they code text, which is slower)
HALF = {"test_coder_survives_any_text", "test_prefilter_codes_what_parsing_everything_codes"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="hypothesis examples per property")
    args = parser.parse_args()
    env = dict(os.environ, DYADS_FUZZ_EXAMPLES=str(args.examples))
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider",
                           str(ROOT / "tests" / "test_fuzz.py"), PREFILTER_PROPERTY, "--hypothesis-show-statistics"],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    results = re.findall(r"^(PASSED|FAILED|ERROR) tests/[\w/]+\.py::(\w+)", proc.stdout, re.M)
    print(f"{'property':<52}{'examples':>10}  outcome")
    for outcome, name in results:
        ran = max(10, args.examples // 2) if name in HALF else args.examples
        print(f"{name:<52}{ran:>10}  {outcome}")
    print(f"total {elapsed:.0f} s; exit status {proc.returncode}")
    if proc.returncode:
        print(proc.stdout[-4000:])
    return proc.returncode


if __name__ == "__main__":
    raise SystemExit(main())
