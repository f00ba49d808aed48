#!/usr/bin/env python3
"""Runs the `build` job of a GitHub Pages workflow on this machine, the way GitHub would, so that a
workflow that cannot build the site fails here first.

Its `run:` steps run as written, with bash -eo pipefail, GitHub's files for outputs, PATH and
environment, and the workflow's `env:`. The actions it uses are stood in for: checkout (the
folder given is the checkout), setup-python (a fresh virtual environment first on PATH),
configure-pages (gives --base-url), cache (nothing), upload-pages-artifact (the folder must hold
a site), rust-toolchain (the machine's Rust). Any other action, or an expression this runner
does not know, is an error, so that the workflow and this runner cannot drift apart unseen.

pip installs from the wheels in --wheels only (PIP_NO_INDEX), never from PyPI, and PATH holds no
Rust unless a step puts it there: `toolkit` must come from the step that installs it.

Usage: run-workflow.py WORKFLOW --workdir DIR --wheels DIR --base-url URL [--keep-env NAME]...
(--keep-env passes a variable of this environment on, such as CARGO_TARGET_DIR.)
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import venv

import yaml

STAND_INS = {
    "actions/checkout",
    "actions/setup-python",
    "actions/configure-pages",
    "actions/cache",
    "actions/upload-pages-artifact",
    "dtolnay/rust-toolchain",
}

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
STEP_OUTPUT = re.compile(r"^steps\.([\w-]+)\.outputs\.([\w-]+)$")
COMPARISON = re.compile(r"^steps\.([\w-]+)\.outputs\.([\w-]+)\s*(==|!=)\s*'([^']*)'$")


class WorkflowError(Exception):
    pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workflow")
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--wheels", required=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--keep-env", action="append", default=[])
    args = parser.parse_args()
    try:
        run(args)
    except WorkflowError as e:
        print(f"{args.workflow}: error: {e}", file=sys.stderr)
        sys.exit(1)


def run(args):
    with open(args.workflow, encoding="utf-8") as f:
        workflow = yaml.safe_load(f)
    jobs = workflow.get("jobs", {})
    if "build" not in jobs:
        raise WorkflowError("no job named `build`")
    for name, job in jobs.items():
        if name != "build" and "build" not in as_list(job.get("needs")):
            raise WorkflowError(f"job `{name}` does not wait for `build` (needs: build)")
    job = jobs["build"]
    workdir = os.path.abspath(args.workdir)
    runner = Runner(workdir, os.path.abspath(args.wheels), args.base_url)
    for name in args.keep_env:
        if name in os.environ:
            runner.base[name] = os.environ[name]
    runner.env.update(stringify(workflow.get("env", {})))
    runner.env.update(stringify(job.get("env", {})))
    uploaded = False
    for number, step in enumerate(job.get("steps", []), start=1):
        label = step.get("name") or step.get("uses") or step.get("run", "").splitlines()[0]
        if "if" in step and not runner.condition(str(step["if"])):
            print(f"== step {number}: {label} (skipped: {step['if']})", flush=True)
            continue
        print(f"== step {number}: {label}", flush=True)
        if "run" in step:
            runner.run_step(step)
        elif "uses" in step:
            if runner.use(step):
                uploaded = True
        else:
            raise WorkflowError(f"step {number} neither runs nor uses anything")
    if not uploaded:
        raise WorkflowError("the build job uploads no Pages artifact")
    print(f"== {args.workflow}: every step passed", flush=True)


class Runner:
    def __init__(self, workdir, wheels, base_url):
        self.workdir = workdir
        self.temp = tempfile.mkdtemp(prefix="run-workflow-")
        self.outputs = {}
        self.path = ["/usr/local/bin", "/usr/bin", "/bin"]
        self.env = {}
        self.base = {
            "HOME": os.environ.get("HOME", self.temp),
            "LANG": "C.UTF-8",
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": workdir,
            "GITHUB_SHA": "0" * 40,
            "GITHUB_REF_NAME": "main",
            "RUNNER_TEMP": self.temp,
            # pip finds the locally built wheel and nothing else.
            "PIP_NO_INDEX": "1",
            "PIP_FIND_LINKS": wheels,
            "PIP_CONFIG_FILE": os.devnull,
            "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        }
        self.base_url = base_url.rstrip("/")

    def environment(self):
        env = dict(self.base)
        env.update(self.env)
        env["PATH"] = ":".join(self.path)
        return env

    def expand(self, text):
        def value(match):
            expr = match.group(1)
            step = STEP_OUTPUT.match(expr)
            if step:
                key = (step.group(1), step.group(2))
                if key not in self.outputs:
                    raise WorkflowError(f"`{expr}` is not set by an earlier step")
                return self.outputs[key]
            if expr == "github.sha":
                return self.base["GITHUB_SHA"]
            if expr.startswith("env.") and expr[4:] in self.env:
                return self.env[expr[4:]]
            raise WorkflowError(f"this runner does not know the expression `{expr}`")

        return EXPRESSION.sub(value, str(text))

    def condition(self, text):
        text = EXPRESSION.sub(lambda m: m.group(1), text).strip()
        match = COMPARISON.match(text)
        if not match:
            raise WorkflowError(f"this runner does not know the condition `{text}`")
        step, name, op, expected = match.groups()
        actual = self.outputs.get((step, name), "")
        return (actual == expected) == (op == "==")

    def run_step(self, step):
        script = self.expand(step["run"])
        files = {name: os.path.join(self.temp, name) for name in ("output", "path", "env")}
        for file in files.values():
            open(file, "w").close()
        env = self.environment()
        env.update(stringify(step.get("env", {})))
        env.update(GITHUB_OUTPUT=files["output"], GITHUB_PATH=files["path"], GITHUB_ENV=files["env"])
        cwd = os.path.join(self.workdir, step.get("working-directory", "."))
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
            cwd=cwd,
            env=env,
        )
        if result.returncode != 0:
            raise WorkflowError(f"step `{step.get('name', script)}` exited with {result.returncode}")
        step_id = step.get("id")
        for line in read_lines(files["output"]):
            name, _, value = line.partition("=")
            if step_id:
                self.outputs[(step_id, name)] = value
        for line in read_lines(files["path"]):
            self.path.insert(0, line)
        for line in read_lines(files["env"]):
            name, _, value = line.partition("=")
            self.env[name] = value

    def use(self, step):
        """Stands in for an action; True when it uploaded the Pages artifact."""
        action = step["uses"].split("@")[0]
        given = {k: self.expand(v) for k, v in step.get("with", {}).items()}
        if action not in STAND_INS:
            raise WorkflowError(f"this runner has no stand-in for {step['uses']}; add one")
        if action == "actions/setup-python":
            if given.get("cache") == "pip":
                for path in given.get("cache-dependency-path", "").split():
                    if not os.path.isfile(os.path.join(self.workdir, path)):
                        raise WorkflowError(f"cache-dependency-path {path} does not exist")
            env_dir = os.path.join(self.temp, "python")
            venv.create(env_dir, with_pip=True)
            self.path.insert(0, os.path.join(env_dir, "bin"))
        elif action == "actions/configure-pages":
            if step.get("id"):
                self.outputs[(step["id"], "base_url")] = self.base_url
        elif action == "actions/cache":
            if not given.get("path") or not given.get("key"):
                raise WorkflowError("actions/cache needs a path and a key")
        elif action == "dtolnay/rust-toolchain":
            cargo = shutil.which("cargo")
            if not cargo:
                raise WorkflowError("the workflow builds toolkit from source, and this machine has no Rust")
            self.path.insert(0, os.path.dirname(cargo))
        elif action == "actions/upload-pages-artifact":
            site = os.path.join(self.workdir, given.get("path", "_site"))
            if not os.path.isfile(os.path.join(site, "index.html")):
                raise WorkflowError(f"the Pages artifact {given.get('path')} holds no index.html")
            print(f"   the Pages artifact is {site}", flush=True)
            return True
        return False


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def stringify(mapping):
    return {str(k): str(v) for k, v in (mapping or {}).items()}


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip()]


if __name__ == "__main__":
    main()
