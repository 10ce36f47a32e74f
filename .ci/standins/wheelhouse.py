"""A per-Python-version wheelhouse downloaded on the host with pip, for use without an index.

For a target version X.Y it holds, from every requirement file that resolves for X.Y:
manylinux/pure wheels of all requirements (and dependencies), the sdist of mysqlclient
(which has no Linux wheels), the wheels of that sdist's PEP 517 build requirements, and
pip, setuptools and wheel themselves. A requirement file that cannot be resolved for X.Y
(say Django 6.1 on Python 3.11) is skipped and reported, not fatal.
"""

from __future__ import annotations

import re
import shutil
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .procs import StandinError, log, run, shorten

try:
    import tomllib
except ImportError:  # Python 3.10: build requirements are read with a regular expression
    tomllib = None  # type: ignore[assignment]

PLATFORMS = (
    "manylinux_2_17_x86_64",
    "manylinux2014_x86_64",
    "manylinux_2_28_x86_64",
    "manylinux_2_34_x86_64",  # Debian bookworm has glibc 2.36, so all of these load
)
ALWAYS = ("pip", "setuptools", "wheel")
DEFAULT_SDISTS = ("mysqlclient",)
_SDIST_LINE = re.compile(r"^\s*mysqlclient\s*(?:$|[\[<>=!~;,\s])", re.IGNORECASE)
_RESOLUTION_FAILURES = (
    "ResolutionImpossible",
    "No matching distribution found",
    "Could not find a version that satisfies",
    "requires a different Python",
)
# mysqlclient's setup.py asks pkg-config for its flags even to read its metadata; these
# make it skip that on a host without the MySQL client headers (nothing is compiled).
_SDIST_METADATA_ENV = {"MYSQLCLIENT_CFLAGS": "-I/nonexistent", "MYSQLCLIENT_LDFLAGS": "-lmysqlclient"}


@dataclass(frozen=True)
class RequirementFile:
    """A requirements file's name (for reports) and its content (includes inlined)."""

    name: str
    content: str


@dataclass
class WheelhouseReport:
    """What went into a wheelhouse."""

    python_version: str
    included: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    files: int = 0

    def note(self) -> str:
        """One line for the image description."""
        text = f"wheelhouse ({self.files} files"
        if self.included:
            text += f" for {', '.join(self.included)}"
        if self.skipped:
            text += f"; skipped {', '.join(self.skipped)}: not resolvable for {self.python_version}"
        return text + ")"


def pip_command(cache: Path) -> list[str]:
    """A pip to download with: a current pip in a venv under the cache, else the host's."""
    venv = cache / "tools" / "pip-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        log("creating a venv with a current pip for downloads")
        proc = run([sys.executable, "-m", "venv", str(venv)], check=False)
        if proc.returncode != 0:
            log(f"no venv ({shorten(proc.stderr.strip())}); using {sys.executable} -m pip")
            shutil.rmtree(venv, ignore_errors=True)
            return [sys.executable, "-m", "pip"]
        run([str(python), "-m", "pip", "install", "-q", "--upgrade", "pip"], timeout=300)
    return [str(python), "-m", "pip"]


def target_flags(python_version: str) -> list[str]:
    """pip flags selecting CPython `python_version` binary wheels for x86_64 Linux."""
    flags = ["--python-version", python_version, "--implementation", "cp", "--only-binary=:all:"]
    for platform in PLATFORMS:
        flags += ["--platform", platform]
    return flags


def split_sdist_requirements(content: str) -> tuple[str, list[str]]:
    """`content` without its mysqlclient lines, and those lines (comments stripped)."""
    kept: list[str] = []
    sdists: list[str] = []
    content = content.replace("\\\n", " ")  # a hashed lock continues each requirement over lines
    for line in content.splitlines():
        requirement = line.split(" #", 1)[0].strip()
        if _SDIST_LINE.match(requirement):
            sdists.append(requirement.split(" --hash", 1)[0].strip())
        else:
            kept.append(line)
    return "\n".join(kept) + "\n", sdists


def _pip_errors(stderr: str) -> str:
    """The gist of pip's resolution error, for a skip reason."""
    errors = [line.removeprefix("ERROR: ") for line in stderr.splitlines() if line.startswith("ERROR:")]
    wanted = [e for e in errors if any(marker in e for marker in _RESOLUTION_FAILURES)]
    reason = (wanted or errors or [stderr.strip()])[0]
    return shorten(reason.split(" (from versions:")[0], 200)


def download_requirements(
    pip: list[str], req: RequirementFile, python_version: str, dest: Path, scratch: Path
) -> str | None:
    """Download the wheels of one requirement file into `dest`; return a skip reason or None."""
    content, _ = split_sdist_requirements(req.content)
    req_path = scratch / "requirements.txt"
    req_path.write_text(content)
    out = scratch / "out"
    shutil.rmtree(out, ignore_errors=True)
    # A hashed lock names every package already; pip would judge its dependencies' markers by the
    # host's Python, not the target's, so the lock is taken as it is.
    locked = ["--no-deps"] if "--hash=" in content else []
    cmd = [*pip, "download", "--disable-pip-version-check", "--progress-bar", "off",
           "-d", str(out), *target_flags(python_version), *locked, "-r", str(req_path)]
    proc = run(cmd, check=False, timeout=900)
    if proc.returncode != 0:
        if any(marker in proc.stderr for marker in _RESOLUTION_FAILURES):
            return _pip_errors(proc.stderr)
        raise StandinError(f"pip download failed for {req.name} (Python {python_version}):\n"
                           f"{' '.join(cmd)}\n{proc.stderr.strip()[-3000:]}")
    for wheel in out.iterdir():
        if not (dest / wheel.name).exists():
            shutil.move(str(wheel), dest / wheel.name)
    return None


def download_sdists(pip: list[str], specs: list[str], dest: Path) -> None:
    """Download source distributions (no dependencies) of `specs` into `dest`."""
    run([*pip, "download", "--disable-pip-version-check", "--progress-bar", "off",
         "--no-deps", "--no-binary", ":all:", "-d", str(dest), *specs],
        env=_SDIST_METADATA_ENV, timeout=600)


def build_requirements(sdist: Path) -> list[str]:
    """The [build-system] requires of an sdist's pyproject.toml (setuptools if none)."""
    with tarfile.open(sdist) as archive:
        member = next((m for m in archive.getmembers()
                       if m.name.count("/") == 1 and m.name.endswith("/pyproject.toml")), None)
        if member is None:
            return ["setuptools", "wheel"]
        extracted = archive.extractfile(member)
        text = extracted.read().decode() if extracted else ""
    if tomllib is None:
        match = re.search(r"\[build-system\][^\[]*?requires\s*=\s*\[([^\]]*)\]", text, re.S)
        return re.findall(r"[\"']([^\"']+)[\"']", match.group(1)) if match else ["setuptools"]
    return list(tomllib.loads(text).get("build-system", {}).get("requires", ["setuptools"]))


def download_build_tools(pip: list[str], python_version: str, dest: Path) -> None:
    """pip, setuptools, wheel and every sdist's build requirements, as target wheels."""
    wanted = list(ALWAYS)
    for sdist in sorted(dest.glob("*.tar.gz")):
        wanted += build_requirements(sdist)
    run([*pip, "download", "--disable-pip-version-check", "--progress-bar", "off",
         "-d", str(dest), *target_flags(python_version), *sorted(set(wanted))], timeout=600)


def build_wheelhouse(
    python_version: str, requirements: list[RequirementFile], dest: Path, pip: list[str]
) -> WheelhouseReport:
    """Fill `dest` with everything pip needs offline on Python `python_version`."""
    dest.mkdir(parents=True, exist_ok=True)
    report = WheelhouseReport(python_version)
    sdist_specs: list[str] = []
    with tempfile.TemporaryDirectory(prefix="standin-pip-") as scratch:
        for req in requirements:
            log(f"pip download for Python {python_version}: {req.name}")
            reason = download_requirements(pip, req, python_version, dest, Path(scratch))
            if reason:
                log(f"  skipped {req.name} for Python {python_version}: {reason}")
                report.skipped[req.name] = reason
                continue
            report.included.append(req.name)
            sdist_specs += split_sdist_requirements(req.content)[1]
    download_sdists(pip, sorted(set(sdist_specs)) or list(DEFAULT_SDISTS), dest)
    download_build_tools(pip, python_version, dest)
    report.files = sum(1 for _ in dest.iterdir())
    return report
