#!/usr/bin/python3
# Copyright (C) 2026 The acrn-alloc developers
# SPDX-License-Identifier: BSD-3-Clause
"""Time MILP solvers on the search's own instances (an optional bench, not a test).

    build-rel/bench/aa-bench-search --lp DIR [--family F --vms N ...]
    build-rel/bench/aa-bench-search [same filters] > ours.txt
    /usr/bin/python3 bench/aa-bench-milp.py [--ours ours.txt] [--time-limit S] DIR/*.lp

Each .lp file is the multiple-choice knapsack the search solves (one binary
per non-dominated candidate, one choice row per VM, one capacity row per
resource).  It is solved by CBC (Debian coinor-cbc, `cbc FILE solve`) and
by HiGHS through scipy.optimize.milp (Debian python3-scipy), each to proven
optimality (gaps 1e-9, not the solvers' defaults, which stop up to 1e-4
short) or the time limit; the table gives CPU seconds to proven optimum and
the objective, next to the search's figures when --ours names
aa-bench-search's output.
"""

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import time


def parse_lp(path):
    """Objective, equality rows, <= rows and the variable names of our LP."""
    text = open(path, encoding="ascii").read()
    head, rest = text.split("Subject To", 1)
    body, _ = rest.split("Binary", 1)
    obj_text = head.split("obj:", 1)[1]
    names = []
    index = {}
    costs = []
    for coef, name in re.findall(r"([+-][0-9.eE+-]+)\s+(x_\d+_\d+)", obj_text):
        index[name] = len(names)
        names.append(name)
        costs.append(float(coef))
    rows = []
    for match in re.finditer(r"(\w+):(.*?)(<=|=)\s*([0-9]+)", body, re.S):
        terms = []
        for coef, name in re.findall(r"\+\s*([0-9]*)\s*(x_\d+_\d+)", match.group(2)):
            terms.append((index[name], float(coef) if coef else 1.0))
        rows.append((match.group(1), terms, match.group(3), float(match.group(4))))
    return names, costs, rows


def solve_highs(path, limit):
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import lil_matrix

    names, costs, rows = parse_lp(path)
    a = lil_matrix((len(rows), len(names)))
    lo = []
    hi = []
    for r, (_, terms, sense, rhs) in enumerate(rows):
        for j, coef in terms:
            a[r, j] = coef
        lo.append(rhs if sense == "=" else -np.inf)
        hi.append(rhs)
    t0 = time.process_time()
    # HiGHS stops at a relative gap of 1e-4 by default: prove the optimum
    res = milp(-np.array(costs), constraints=LinearConstraint(a.tocsr(), lo, hi),
               integrality=np.ones(len(names)), bounds=Bounds(0, 1),
               options={"time_limit": limit, "disp": False, "mip_rel_gap": 1e-9})
    seconds = time.process_time() - t0
    proven = res.status == 0
    obj = -res.fun if res.x is not None else float("nan")
    return seconds, obj, proven


def solve_cbc(path, limit):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CBC's default gaps and cutoff increment stop short of the optimum by up to
    # 1e-5 here: prove it to the search's precision instead
    out = subprocess.run(["cbc", path, "allowableGap", "1e-9", "ratioGap", "0",
                          "integerTolerance", "1e-9", "increment", "0",
                          "sec", str(limit), "solve", "quit"],
                         capture_output=True, text=True, check=False).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    proven = "Result - Optimal solution found" in out
    match = re.search(r"Objective value:\s*([-0-9.eE+]+)", out)
    obj = float(match.group(1)) if match else float("nan")
    # CBC minimises the negation of a Maximize objective internally
    return seconds, abs(obj) if match else obj, proven


def read_ours(path):
    ours = {}
    for line in open(path, encoding="utf-8"):
        f = line.split()
        if len(f) < 10 or f[0].startswith("#") or f[0] == "board":
            continue
        key = "%s-%s-%s-%s-%s" % (f[0], f[1], f[2], f[3], f[4])
        ours[key] = (float(f[5]), f[8], f[9])
    return ours


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("lp", nargs="+")
    ap.add_argument("--ours", help="aa-bench-search output for the same instances")
    ap.add_argument("--time-limit", type=float, default=120.0)
    ap.add_argument("--no-cbc", action="store_true")
    ap.add_argument("--no-highs", action="store_true")
    args = ap.parse_args()
    ours = read_ours(args.ours) if args.ours else {}
    use_cbc = not args.no_cbc and shutil.which("cbc") is not None
    print("%-32s %9s %12s | %9s %12s %3s | %9s %12s %3s" % (
        "instance", "search_s", "objective", "cbc_s", "objective", "ok",
        "highs_s", "objective", "ok"))
    for path in args.lp:
        key = os.path.basename(path)[:-3]
        mine = ours.get(key, (float("nan"), "-", "-"))
        row = "%-32s %9.3f %12s |" % (key, mine[0], mine[1])
        if use_cbc:
            s, o, p = solve_cbc(path, args.time_limit)
            row += " %9.2f %12.9f %3s |" % (s, o, "yes" if p else "no")
        else:
            row += " %9s %12s %3s |" % ("-", "-", "-")
        if not args.no_highs:
            s, o, p = solve_highs(path, args.time_limit)
            row += " %9.2f %12.9f %3s" % (s, o, "yes" if p else "no")
        print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
