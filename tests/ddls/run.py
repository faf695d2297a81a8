"""The ddls tests. Each makes the same set of files in a fresh work directory first: the deepdish
fixtures (tests/data/deepdish), files dd writes (write_files.cpp), files h5py and PyTables write
(tests/python/make_h5py_files.py, make_h5py_files.py here) and damaged files; ddls runs inside that
directory, so its output names files as the cases do and never depends on where the build is.

  run.py goldens ...   every case of cases.txt against its golden output in golden/ (exactly)
  run.py goldens --regenerate ...   rewrite the goldens instead (tests/ddls/regenerate.sh)
  run.py schema ...    ddls --schema on many files, compiled as one program with schema_checks.cpp, which
                       loads each file into its printed types with dd::load and spot-checks values
  run.py scale ...     a group of 80,000 datasets lists in time linear in its size (against 20,000), and streams
"""
import argparse
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
PYTHON = '/usr/bin/python3' if os.path.exists('/usr/bin/python3') else sys.executable


def make_files(work, writer):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    fixtures = os.path.join(SOURCE, 'tests', 'data', 'deepdish')
    for name in sorted(os.listdir(fixtures)):
        if name.endswith('.h5'):
            shutil.copy(os.path.join(fixtures, name), work)
    subprocess.run([writer, work], check=True)
    for script in [os.path.join(SOURCE, 'tests', 'python', 'make_h5py_files.py'), os.path.join(HERE, 'make_h5py_files.py')]:
        subprocess.run([PYTHON, script, work], check=True, stdout=subprocess.DEVNULL)
    # Damaged files: each must give one line on stderr and exit status 1, never a crash.
    with open(os.path.join(work, 'not_hdf5.h5'), 'w') as f:
        f.write('just some text, no HDF5 signature\n')
    with open(os.path.join(work, 'dd_config.h5'), 'rb') as f:
        good = f.read()
    with open(os.path.join(work, 'truncated.h5'), 'wb') as f:
        f.write(good[:len(good) // 3])
    damaged = bytearray(good)
    for i in range(800, min(len(damaged), 6000)):  # the object headers and B-trees after the superblock
        damaged[i] = 0xA5
    with open(os.path.join(work, 'corrupted.h5'), 'wb') as f:
        f.write(bytes(damaged))
    damaged = bytearray(good)
    for i in range(1500, 1800):  # a group's link storage: listing stops there
        damaged[i] = 0xA5
    with open(os.path.join(work, 'corrupted_inside.h5'), 'wb') as f:
        f.write(bytes(damaged))
    os.makedirs(os.path.join(work, 'a_directory.h5'))


def cases():
    with open(os.path.join(HERE, 'cases.txt')) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                name, args = line.split(':', 1)
                yield name.strip(), args.split()


def run_ddls(ddls, args, work):
    r = subprocess.run([ddls, '--no-color'] + args, cwd=work, capture_output=True, timeout=120)
    if r.returncode < 0:
        return None, 'ddls was killed by signal %d' % -r.returncode
    text = r.stdout.decode('utf-8', 'backslashreplace')
    if r.stderr:
        text += '--- stderr\n' + r.stderr.decode('utf-8', 'backslashreplace')
    if r.returncode != 0:
        text += '--- exit status %d\n' % r.returncode
    return text, None


def goldens(a):
    make_files(a.work, a.writer)
    golden_dir = os.path.join(HERE, 'golden')
    os.makedirs(golden_dir, exist_ok=True)
    failed = 0
    count = 0
    for name, args in cases():
        count += 1
        text, crash = run_ddls(a.ddls, args, a.work)
        path = os.path.join(golden_dir, name + '.txt')
        if crash:
            print('FAIL %s: %s' % (name, crash))
            failed += 1
        elif a.regenerate:
            with open(path, 'w', encoding='utf-8') as f:
                f.write(text)
        elif not os.path.exists(path):
            print('FAIL %s: no golden %s (tests/ddls/regenerate.sh writes it)' % (name, path))
            failed += 1
        else:
            with open(path, encoding='utf-8') as f:
                want = f.read()
            if want != text:
                import difflib
                print('FAIL %s: ddls %s differs from %s:' % (name, ' '.join(args), path))
                sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), text.splitlines(True), 'golden', 'ddls'))
                failed += 1
    if a.regenerate:
        print('rewrote %d goldens in %s' % (count, golden_dir))
        return 0
    print('%d passed, %d failed' % (count - failed, failed))
    return 1 if failed else 0


# Files whose --schema must compile and load; the namespace of each is s_ + its name.
SCHEMA_FILES = [
    'scalars', 'containers', 'links', 'rep_nocomp', 'rep_zlib', 'arrays', 'arrays_nocomp', 'arrays_blosc',
    'pickled_small', 'top_array', 'top_scalar', 'top_list', 'top_none', 'top_sns', 'minimal_nonpytables',
    'dd_config', 'dd_config_deflate', 'dd_filters', 'dd_links', 'dd_top_vector', 'dd_top_strings', 'dd_pickled',
    'plain', 'h5py_kinds', 'pytables',
]


def schema(a):
    make_files(a.work, a.writer)
    includes, bodies = [], []
    for name in SCHEMA_FILES:
        r = subprocess.run([a.ddls, '--schema', '--namespace', 's_' + name, name + '.h5'], cwd=a.work,
                           capture_output=True, text=True)
        if r.returncode != 0:
            print('FAIL: ddls --schema %s.h5 exited %d: %s' % (name, r.returncode, r.stderr))
            return 1
        for line in r.stdout.splitlines():
            if line.startswith('#include'):
                if line not in includes:
                    includes.append(line)
            else:
                bodies.append(line)
    with open(os.path.join(HERE, 'schema_checks.cpp')) as f:
        checks = f.read()
    program = os.path.join(a.work, 'schemas.cpp')
    with open(program, 'w') as f:
        f.write('\n'.join(includes + bodies) + '\n' + checks)
    flags = subprocess.run(['pkg-config', '--cflags', '--libs', a.pkg], capture_output=True, text=True, check=True)
    exe = os.path.join(a.work, 'schemas')
    command = a.cxx.split() + ['-std=c++20', '-O0', '-Wall', '-Wextra', '-Wpedantic', '-Werror',
                               '-I' + os.path.join(SOURCE, 'include'), program, '-o', exe] + flags.stdout.split()
    started = time.time()
    r = subprocess.run(command)
    print('compiled %d schemas in one program in %.0f s' % (len(SCHEMA_FILES), time.time() - started))
    if r.returncode != 0:
        print('FAIL: the printed schemas do not compile (%s)' % program)
        return 1
    r = subprocess.run([exe], cwd=a.work)
    return r.returncode


def scale(a):
    shutil.rmtree(a.work, ignore_errors=True)
    os.makedirs(a.work)

    def listing(n):
        path = os.path.join(a.work, 'wide_%d.h5' % n)
        subprocess.run([a.writer, '--wide', str(n), path], check=True)
        started = time.time()
        p = subprocess.Popen([a.ddls, '--no-color', path], stdout=subprocess.PIPE)
        first_line_after = None
        lines = 0
        for line in p.stdout:
            if lines == 2:
                first_line_after = time.time() - started
            lines += 1
        rc = p.wait()
        return time.time() - started, first_line_after, lines, rc

    small_n, large_n = 20000, 80000  # -O0 builds list about 20,000 a second
    small, _, small_lines, rc1 = listing(small_n)
    large, first, large_lines, rc2 = listing(large_n)
    print('%d datasets: %.2f s; %d datasets: %.2f s (ratio %.1f; linear is 4, quadratic 16); first member after %.2f s'
          % (small_n, small, large_n, large, large / small, first))
    ok = True
    if rc1 or rc2 or small_lines != small_n + 2 or large_lines != large_n + 2:
        print('FAIL: expected %d and %d lines, exit 0; got %d (%d) and %d (%d)'
              % (small_n + 2, large_n + 2, small_lines, rc1, large_lines, rc2))
        ok = False
    if large / small > 8:
        print('FAIL: 4 times the members took %.1f times as long: not linear' % (large / small))
        ok = False
    if first > large / 2:
        print('FAIL: the first member came after %.2f of %.2f s: the output does not stream' % (first, large))
        ok = False
    print('1 passed, 0 failed' if ok else '0 passed, 1 failed')
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser()
    p.add_argument('mode', choices=['goldens', 'schema', 'scale'])
    p.add_argument('--ddls', required=True)
    p.add_argument('--writer', required=True)
    p.add_argument('--work', required=True)
    p.add_argument('--regenerate', action='store_true')
    p.add_argument('--cxx', default='c++')
    p.add_argument('--pkg', default='hdf5-serial')
    a = p.parse_args()
    a.ddls = os.path.abspath(a.ddls)
    a.writer = os.path.abspath(a.writer)
    a.work = os.path.abspath(a.work)
    sys.exit({'goldens': goldens, 'schema': schema, 'scale': scale}[a.mode](a))


if __name__ == '__main__':
    main()
