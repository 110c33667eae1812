"""The virtual environment of the package's Python scripts (test oracles and benchmarks).

Each script names its own environment (a `.venv*` folder at the package root, git-ignored)
and its own pins, and calls `ensure_environment` before it imports anything from them:

    sys.path.insert(0, str(Path(__file__).resolve().parents[N] / "Tools"))
    import venv_bootstrap
    ...
    if __name__ == "__main__":
        venv_bootstrap.ensure_environment(__file__, VENV, REQUIREMENTS)
        main()

Outside the environment the call creates it if needed, installs the pins, and replaces the
process with the environment's Python running the same script with the same arguments;
inside it (the re-executed process) the call returns at once. Progress goes to stderr.
"""

import os
import subprocess
import sys
from pathlib import Path


def ensure_environment(script, venv, requirements, *, no_deps=(), check_pins=True, pip_stdout=None):
    """Re-execute `script` inside the virtual environment `venv`, made and filled if needed.

    `requirements` and `no_deps` are "name==version" pins; `no_deps` are installed after the
    others, without their dependencies. With `check_pins`, every run asks the environment for
    the installed version of every pin and installs them all when any differs ("installing
    ... into VENV"); without it, the pins are installed only when the environment is created.
    `pip_stdout` is where pip's standard output goes (`sys.stderr` for a script whose standard
    output is its result); by default it is this process's.
    """
    venv = Path(venv)
    if Path(sys.prefix).resolve() == venv.resolve():
        return
    python = venv / "bin" / "python"
    created = not python.exists()
    if created:
        print(f"creating {venv}", file=sys.stderr)
        subprocess.check_call([sys.executable, "-m", "venv", str(venv)])
    pins = [*requirements, *no_deps]
    if check_pins:
        install = not _installed(python, pins)
        if install:
            print(f"installing {' '.join(pins)} into {venv}", file=sys.stderr)
    else:
        install = created
    if install:
        pip = [str(python), "-m", "pip", "install", "--quiet"]
        subprocess.check_call([*pip, *requirements], stdout=pip_stdout)
        if no_deps:
            subprocess.check_call([*pip, "--no-deps", *no_deps], stdout=pip_stdout)
    os.execv(str(python), [str(python), str(Path(script).resolve()), *sys.argv[1:]])


def _installed(python, pins):
    """Whether the environment of `python` holds exactly these versions."""
    versions = [pin.split("==") for pin in pins]
    probe = "import importlib.metadata as m; assert " + " and ".join(
        f"m.version({name!r}) == {version!r}" for name, version in versions)
    return subprocess.call([str(python), "-c", probe], stderr=subprocess.DEVNULL) == 0


def pin_cpu_kernels():
    """Make PyTorch pick the same CPU kernels on every x86-64 machine with AVX2.

    PyTorch chooses its vectorised kernels (ATen's) and oneDNN's by the CPU it runs on, and
    on a CPU with AVX-512 both sum and round differently from their AVX2 versions: the
    oracles' float32 products then differ in their last bits, and oneDNN's float16 GELU is
    no longer the float32 GELU rounded once. An oracle calls this before
    `ensure_environment` (the re-executed process inherits the environment), so what it
    writes depends on the pinned versions only, as the Swift side pins OpenBLAS's Haswell
    kernels. A setting already in the environment is kept. Benchmarks do not call it.
    """
    import platform
    if platform.machine().lower() in ("x86_64", "amd64"):
        os.environ.setdefault("ATEN_CPU_CAPABILITY", "avx2")
        os.environ.setdefault("DNNL_MAX_CPU_ISA", "AVX2")
