#!/usr/bin/python3
"""The lessons' Java notebooks: a Jupyter kernel on the project's classpath, headless execution, and Jupyter itself.

    notebooks.py kernel    write the kernelspec "fastdjl-java" under tests/target/notebooks/jupyter
    notebooks.py execute   run every lesson's notebooks top to bottom, headless (CI budget; FASTDJL_BUDGET=lesson
                           for each lesson's own), failing with the notebook and the cell named
    notebooks.py open      start Jupyter on localhost in the project's root, with that kernel

Maven prepares what the kernel needs (tests/pom.xml, phase generate-test-resources): the Java kernel's jar and the
lessons' runtime classpath. README's commands call this script through Maven; it needs Debian's jupyter-notebook,
jupyter-nbconvert and python3-nbclient, and installs them when it runs as root.
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WORK = os.path.join(ROOT, "tests", "target", "notebooks")
KERNEL = "fastdjl-java"
PACKAGES = ["jupyter-notebook", "jupyter-nbconvert", "python3-nbclient", "python3-ipykernel"]
# The same JVM settings as the mains (root pom's fastdjl.jvm.args): offline DJL, a project-local engine cache.
CACHE = os.path.join(ROOT, ".djl-cache")
JVM = ["-Dai.djl.offline=true", "-Dai.djl.util.cuda.fork=true", "-DDJL_CACHE_DIR=" + CACHE,
       "-DENGINE_CACHE_DIR=" + CACHE, "-Xss4m", "-Djava.awt.headless=true",
       # the notebook shows the lesson's own lines; DJL's start-up chatter stays in the log level's drawer
       "-Dorg.slf4j.simpleLogger.log.ai.djl=warn", "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda=error"]


def fail(message):
    print("error: " + message, file=sys.stderr)
    sys.exit(2)


def ensure_packages():
    """Debian's Jupyter, installed when missing (as root, as .ci/run does); else the command that would."""
    try:
        import nbclient  # noqa: F401
        import nbformat  # noqa: F401
        if shutil.which("jupyter-notebook") or shutil.which("jupyter-notebook", path="/usr/bin"):
            return
    except ImportError:
        pass
    if os.geteuid() != 0:
        fail("Jupyter is not installed; run: sudo apt-get install -y " + " ".join(PACKAGES))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if subprocess.run(["apt-get", "install", "-y", "-qq"] + PACKAGES, env=env).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=True)  # a fresh machine's empty lists
        subprocess.run(["apt-get", "install", "-y", "-qq"] + PACKAGES, env=env, check=True)
    os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)  # again, now that the modules exist


def kernel():
    """Writes the kernelspec: the Java kernel with the mains' JVM settings and the lessons' classpath."""
    jars = glob.glob(os.path.join(WORK, "rapaio-jupyter-kernel-*.jar"))
    cp_file = os.path.join(WORK, "classpath.txt")
    if not jars or not os.path.isfile(cp_file):
        fail("the kernel's jar or classpath is missing in " + WORK + "; build them with: "
             "mvn -q -pl tests -am package -DskipTests")
    entries = [e for e in open(cp_file).read().strip().split(os.pathsep) if e]
    # The kernel takes one classpath entry well, not a list: a jar whose manifest names every entry.
    manifest_jar = os.path.join(WORK, "fastdjl-notebook-classpath.jar")
    urls = " ".join("file:" + os.path.abspath(e) + ("/" if os.path.isdir(e) else "") for e in entries)
    line = ("Class-Path: " + urls).encode()
    wrapped = [line[:72]] + [b" " + line[i:i + 71] for i in range(72, len(line), 71)]
    with zipfile.ZipFile(manifest_jar, "w") as z:
        z.writestr("META-INF/MANIFEST.MF", b"Manifest-Version: 1.0\r\n" + b"\r\n".join(wrapped) + b"\r\n\r\n")
    # the kernel's own INFO lines (every message it handles) would bury the notebooks' errors in a log
    logging_file = os.path.join(WORK, "kernel-logging.properties")
    with open(logging_file, "w") as f:
        f.write(".level=WARNING\nhandlers=java.util.logging.ConsoleHandler\n")
    spec_dir = os.path.join(WORK, "jupyter", "kernels", KERNEL)
    os.makedirs(spec_dir, exist_ok=True)
    spec = {
        "argv": ["java"] + JVM + ["-Djava.util.logging.config.file=" + logging_file, "-jar",
                                  os.path.abspath(jars[0]), "{connection_file}"],
        "display_name": "Java (fastdjl)",
        "language": "java",
        "interrupt_mode": "message",
        "env": {"RJK_CLASSPATH": manifest_jar, "RJK_COMPILER_OPTIONS": "", "RJK_INIT_SCRIPT": "",
                "RJK_TIMEOUT_MILLIS": "-1", "RJK_MIMA_CACHE": os.path.join(WORK, "mima_cache"),
                "OPT_OUT_TRACKING": "true", "DJL_CACHE_DIR": CACHE,
                "MALLOC_MMAP_THRESHOLD_": "33554432", "MALLOC_TRIM_THRESHOLD_": "134217728"},
    }
    with open(os.path.join(spec_dir, "kernel.json"), "w") as f:
        json.dump(spec, f, indent=1)
    os.environ["JUPYTER_PATH"] = os.path.join(WORK, "jupyter")
    return spec_dir


def notebooks(selected):
    found = sorted(glob.glob(os.path.join(ROOT, "lesson*", "notebooks", "*.ipynb")))
    if selected:
        found = [n for n in found if any(s in n for s in selected)]
    if not found:
        fail("no notebook matches " + " ".join(selected))
    return found


UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def tidy(nb):
    """Outputs as a reader wants them: the kernel's print fragments joined, and no echo of display()'s id."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        out = []
        for o in cell.get("outputs", []):
            if o.output_type == "execute_result" and UUID.match(str(o.get("data", {}).get("text/html", "")).strip()):
                continue  # display(image) returns the display's id, which the kernel echoes
            if o.output_type == "stream" and out and out[-1].output_type == "stream" and out[-1].name == o.name:
                out[-1].text += o.text
                continue
            out.append(o)
        cell.outputs = out


def execute(args):
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError
    kernel()
    failed = []
    total = time.time()
    for path in notebooks(args.only):
        name = os.path.relpath(path, ROOT)
        nb = nbformat.read(path, as_version=4)
        start = time.time()
        client = NotebookClient(nb, kernel_name=KERNEL, timeout=args.cell_timeout,
                                # the Java kernel's start-up took over 60 s on a busy 2-core machine
                                startup_timeout=300, resources={"metadata": {"path": os.path.dirname(path)}})
        try:
            with open(os.path.join(WORK, "kernel.log"), "a") as log:  # the kernel's own chatter, one log per run
                client.execute(stderr=log)
            status = "ok"
        except (CellExecutionError, DeadKernelError, TimeoutError, RuntimeError) as e:
            cell = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code" and any(
                o.get("output_type") == "error" for o in c.get("outputs", []))), None)
            where = "cell %d" % (cell + 1) if cell is not None else "its kernel"
            first = nb.cells[cell].source.splitlines()[0] if cell is not None and nb.cells[cell].source else ""
            status = "FAILED at %s (%s): %s" % (where, first, str(e).strip().splitlines()[-1] if str(e).strip()
                                                 else type(e).__name__)
            failed.append(name)
        tidy(nb)
        out = path if args.in_place else os.path.join(WORK, "executed", name)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        nbformat.write(nb, out)
        print("%-60s %5.0f s  %s" % (name, time.time() - start, status), flush=True)
    print("%d notebook(s) in %.0f s%s" % (len(notebooks(args.only)), time.time() - total,
                                          "; failed: " + ", ".join(failed) if failed else ""))
    sys.exit(1 if failed else 0)


def open_jupyter(args):
    kernel()
    print("Jupyter with the Java kernel 'Java (fastdjl)'; the notebooks are in lesson*/notebooks/")
    os.chdir(ROOT)
    os.execvpe("jupyter-notebook", ["jupyter-notebook", "--no-browser", "--ip=127.0.0.1",
                                     "--port=" + str(args.port)], os.environ)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("kernel")
    e = sub.add_parser("execute")
    e.add_argument("only", nargs="*", help="run only the notebooks whose path contains one of these")
    e.add_argument("--in-place", action="store_true", help="write the outputs into the notebooks themselves")
    e.add_argument("--cell-timeout", type=int, default=1200, help="seconds one cell may take")
    o = sub.add_parser("open")
    o.add_argument("--port", type=int, default=8888)
    args = p.parse_args()
    if args.command != "kernel":
        ensure_packages()
    if args.command == "kernel":
        print(kernel())
    elif args.command == "execute":
        execute(args)
    else:
        open_jupyter(args)


if __name__ == "__main__":
    main()
