#!/usr/bin/env python3
"""Docs that cannot rot: every ```cpp block of README.md and docs/**/*.md is a translation unit that
must compile (g++ -std=c++20 -Wall -Wextra -Werror, dd's headers, HDF5, Eigen); a block with a main()
is also linked and run in an empty directory of its own, and must exit 0. A block that cannot be a
program (it needs a library dd's CI does not have) opts out visibly with the info string
```cpp (fragment); those are listed, not compiled.

  check_docs.py --root SOURCE_ROOT --work DIR --cxx "g++" --pkg hdf5-serial [--jobs N]
"""
import argparse
import concurrent.futures
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys

FENCE = re.compile(r"^```(\S*)(.*)$")


def blocks(path):
    """(line, info, code) for each fenced block whose language is cpp."""
    lines = path.read_text(encoding="utf-8").split("\n")
    out, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if m and (m.group(1) or m.group(2)):
            start, lang, rest = i + 1, m.group(1), m.group(2).strip()
            i += 1
            body = []
            while i < len(lines) and not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            if lang in ("cpp", "c++"):
                out.append((start, rest, "\n".join(body) + "\n"))
        i += 1
    return out


def pkg_flags(*args):
    result = subprocess.run(["pkg-config", *args], capture_output=True, text=True)
    return shlex.split(result.stdout) if result.returncode == 0 else []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--cxx", required=True)
    ap.add_argument("--pkg", default="hdf5-serial")
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    if os.environ.get("MESON_TESTTHREADS", "").isdigit():  # scripts/test's DD_JOBS: no more compilers than that
        a.jobs = max(1, min(a.jobs, int(os.environ["MESON_TESTTHREADS"])))

    root = pathlib.Path(a.root)
    work = pathlib.Path(a.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    docs = [root / "README.md"] + sorted((root / "docs").rglob("*.md"))

    cflags = ["-std=c++20", "-O0", "-Wall", "-Wextra", "-Werror", "-Wno-unused-variable", "-Wno-unused-parameter",
              "-Wno-unused-but-set-variable", "-I" + str(root / "include")]
    common = list(cflags)
    cflags += pkg_flags("--cflags", a.pkg) + pkg_flags("--cflags", "eigen3")
    libs = pkg_flags("--libs", a.pkg)
    # Blocks that include <dd/mpi.hpp> build against the MPI build of HDF5 (deepdish-mpi), and run
    # under mpirun on 2 ranks if they have a main.
    mpi_cflags = common + pkg_flags("--cflags", "hdf5-openmpi") + ["-DOMPI_SKIP_MPICXX=1"]
    mpi_libs = pkg_flags("--libs", "hdf5-openmpi")
    have_mpi = bool(mpi_libs) and shutil.which("mpirun") is not None

    # g++ reads <dd/dd.hpp> precompiled when a block includes it first (most do): dd/dd.hpp.gch in a
    # directory searched before include/ is used instead of the header, with identical meaning, and
    # halves a block's compile time. Any other compiler, or a failed build of it, compiles as before.
    version = subprocess.run(shlex.split(a.cxx) + ["--version"], capture_output=True, text=True).stdout
    if "Free Software Foundation" in version:
        pch_dir = work / "pch"
        (pch_dir / "dd").mkdir(parents=True)
        (pch_dir / "dd_hpp.hpp").write_text("#include <dd/dd.hpp>\n", encoding="utf-8")
        built = subprocess.run(shlex.split(a.cxx) + cflags + ["-x", "c++-header", str(pch_dir / "dd_hpp.hpp"),
                                                               "-o", str(pch_dir / "dd" / "dd.hpp.gch")])
        if built.returncode == 0:
            cflags = ["-I" + str(pch_dir)] + cflags

    jobs, fragments = [], []
    for doc in docs:
        for line, info, code in blocks(doc):
            where = f"{doc.relative_to(root)}:{line}"
            if info == "(fragment)":
                fragments.append(where)
                continue
            if info:
                print(f"{where}: unknown info string after cpp: {info!r} (only '(fragment)' is known)")
                return 1
            name = re.sub(r"[^A-Za-z0-9]+", "_", where)
            jobs.append((where, name, code))
    if not jobs:
        print("no C++ blocks found: the extraction is broken")
        return 1

    def check(job):
        where, name, code = job
        directory = work / name
        directory.mkdir()
        source = directory / "block.cpp"
        source.write_text(f"#line 1 \"{where}\"\n" + code, encoding="utf-8")
        program = re.search(r"\bint\s+main\s*\(", code) is not None
        mpi = "<dd/mpi.hpp>" in code
        if mpi and not have_mpi:
            return where, True, "skipped: needs the MPI build of HDF5 (libhdf5-openmpi-dev) and mpirun"
        cmd = shlex.split(a.cxx) + (mpi_cflags if mpi else cflags) + [str(source)]
        cmd += ["-o", str(directory / "block")] + (mpi_libs if mpi else libs) if program else [
            "-c", "-o", str(directory / "block.o")]
        built = subprocess.run(cmd, capture_output=True, text=True)
        if built.returncode != 0:
            return where, False, "does not compile:\n" + built.stderr[-6000:]
        if not program:
            return where, True, "compiles (no main)"
        try:
            run = [str(directory / "block")]
            if mpi:
                run = ["mpirun", "-np", "2", "--oversubscribe"] + run
            ran = subprocess.run(run, cwd=directory, capture_output=True, text=True, timeout=120,
                                 env=dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1"))
        except subprocess.TimeoutExpired:
            return where, False, "ran for more than 120 s"
        if ran.returncode != 0:
            return where, False, f"exits with {ran.returncode}:\n{ran.stdout[-3000:]}{ran.stderr[-3000:]}"
        return where, True, "compiles and runs"

    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as pool:
        for where, ok, what in pool.map(check, jobs):
            print(f"{'ok  ' if ok else 'FAIL'} {where}: {what}")
            failed += not ok
    print(f"{len(jobs)} blocks checked, {failed} failed; {len(fragments)} marked (fragment): {', '.join(fragments) or '-'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
