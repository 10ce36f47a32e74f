"""Debian root file systems made with debootstrap, cached as tarballs, imported as images.

`ensure_base_image(suite, cache)` gives a local image `newproj-standin-base:<suite>`: a
minbase Debian with apt sources for that release, which every stand-in recipe builds on.
The tarball is kept in the cache directory so a later run (or another test suite) only
re-imports it (seconds) instead of bootstrapping again (about a minute).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

from . import dockerutil
from .catalog import MIRROR, SECURITY_MIRROR, SUITES
from .procs import StandinError, log, run, run_logged

BASE_REPO = "newproj-standin-base"
BASE_PACKAGES = ("ca-certificates", "netbase", "tzdata")
ROOTFS_VERSION = "2"  # bump when the post-processing below changes
DEBOOTSTRAP_SCRIPTS = Path("/usr/share/debootstrap/scripts")
MISSING_DEBOOTSTRAP = (
    "debootstrap is not installed: run `bash .ci/run`, which installs every Debian package the tests need"
)

# Like the official debian images: no docs/man pages/translations, clean apt caches, and
# no fsync after every unpacked file (slow on this engine's fuse-overlayfs; images are
# rebuilt from scratch rather than recovered after a crash anyway).
DPKG_CONFIG = """\
force-unsafe-io
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
"""
_APT_CLEAN = "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin"
APT_CONF = f"""\
// newproj stand-in. The mirror may serve a testing release whose Release file has
// passed its Valid-Until date; these images are for tests, so do not refuse it.
Acquire::Check-Valid-Until "false";
Acquire::Languages "none";
DPkg::Post-Invoke {{ "{_APT_CLEAN} || true"; }};
APT::Update::Post-Invoke {{ "{_APT_CLEAN} || true"; }};
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
"""
POLICY_RC_D = "#!/bin/sh\n# no services are started while building images\nexit 101\n"


def base_tag(suite: str) -> str:
    """The local image tag of a suite's base root file system."""
    return f"{BASE_REPO}:{suite}"


def rootfs_key(suite: str) -> str:
    """Hash of everything that determines a suite's root file system."""
    parts = [ROOTFS_VERSION, suite, MIRROR, SECURITY_MIRROR, ",".join(BASE_PACKAGES)]
    parts += [DPKG_CONFIG, APT_CONF, POLICY_RC_D, sources_list(suite)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def sources_list(suite: str) -> str:
    """The apt sources a stand-in of `suite` uses (its release, and updates if stable)."""
    lines = [f"deb {MIRROR} {suite} main"]
    if SUITES[suite].stable:
        lines.append(f"deb {MIRROR} {suite}-updates main")
        lines.append(f"deb {SECURITY_MIRROR} {suite}-security main")
    return "\n".join(lines) + "\n"


def ensure_base_image(suite: str, cache: Path) -> str:
    """Make sure the base image of `suite` exists and is current; return its tag."""
    tag = base_tag(suite)
    key = rootfs_key(suite)
    if dockerutil.image_label(tag, dockerutil.HASH_LABEL) == key:
        return tag
    tarball = ensure_tarball(suite, cache)
    log(f"importing {tarball.name} as {tag}")
    run([
        "docker", "import",
        "--change", "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "--change", "ENV LANG=C.UTF-8",
        "--change", f"LABEL {dockerutil.HASH_LABEL}={key}",
        "--change", 'CMD ["bash"]',
        str(tarball), tag,
    ])
    return tag


def ensure_tarball(suite: str, cache: Path) -> Path:
    """The cached root file system tarball of `suite`, bootstrapping it when missing."""
    tarball = cache / "rootfs" / f"{suite}-{rootfs_key(suite)}.tar"
    if tarball.exists():
        return tarball
    tarball.parent.mkdir(parents=True, exist_ok=True)
    workdir = cache / "rootfs" / f".build-{suite}-{os.getpid()}"
    try:
        debootstrap(suite, workdir, cache / "logs" / f"debootstrap-{suite}.log")
        configure(workdir, suite)
        partial = tarball.with_suffix(".tar.partial")
        run(["tar", "--numeric-owner", "-C", str(workdir), "-cf", str(partial), "."])
        partial.rename(tarball)
    finally:
        remove_tree(workdir)
    for old in tarball.parent.glob(f"{suite}-*.tar"):
        if old != tarball:
            old.unlink()
    return tarball


def ensure_debootstrap() -> None:
    """Fail with one line when debootstrap is missing: `.ci/run` installs it, tests never do."""
    if shutil.which("debootstrap") is None:
        raise StandinError(MISSING_DEBOOTSTRAP)


def debootstrap(suite: str, target: Path, log_path: Path) -> None:
    """Bootstrap a minbase `suite` into `target`."""
    ensure_debootstrap()
    remove_tree(target)
    cmd = [
        "debootstrap", "--variant=minbase", "--components=main",
        f"--include={','.join(BASE_PACKAGES)}",
        suite, str(target), MIRROR,
    ]
    # An old debootstrap may lack a script for a newer release; they all work like sid.
    if not (DEBOOTSTRAP_SCRIPTS / suite).exists():
        cmd.append(str(DEBOOTSTRAP_SCRIPTS / "sid"))
    log(f"debootstrap {suite} (about a minute; log: {log_path})")
    run_logged(cmd, log_path, echo=lambda line: line.startswith("I: Base system installed"))
    log(f"debootstrap {suite} done")


def configure(root: Path, suite: str) -> None:
    """Post-process a fresh root: apt sources and settings, no service starts, no caches."""
    (root / "etc/apt/sources.list").write_text(sources_list(suite))
    (root / "etc/apt/apt.conf.d/90newproj-standin").write_text(APT_CONF)
    (root / "etc/dpkg/dpkg.cfg.d").mkdir(parents=True, exist_ok=True)
    (root / "etc/dpkg/dpkg.cfg.d/90newproj-standin").write_text(DPKG_CONFIG)
    policy = root / "usr/sbin/policy-rc.d"
    policy.write_text(POLICY_RC_D)
    policy.chmod(0o755)
    for name in ("etc/resolv.conf", "etc/hostname"):
        path = root / name
        if path.is_symlink() or path.exists():
            path.unlink()
        path.write_text("")
    for pattern in ("var/lib/apt/lists/*", "var/cache/apt/archives/*.deb", "var/cache/apt/*.bin"):
        for path in root.glob(pattern):
            if path.is_file():
                path.unlink()


def mounts_below(path: Path) -> list[str]:
    """Mount points at or below `path` (debootstrap mounts /proc and /sys in its target)."""
    prefix = str(path.resolve())
    points = []
    with open("/proc/mounts", encoding="utf-8") as mounts:
        for line in mounts:
            point = line.split()[1].replace("\\040", " ")
            if point == prefix or point.startswith(prefix + "/"):
                points.append(point)
    return points


def remove_tree(path: Path) -> None:
    """Delete a bootstrap directory, unmounting anything a failed debootstrap left mounted."""
    if not path.exists():
        return
    for point in sorted(mounts_below(path), key=len, reverse=True):
        subprocess.run(["umount", "-l", point], check=False)
    if mounts_below(path):
        raise StandinError(f"cannot remove {path}: file systems still mounted below it")
    shutil.rmtree(path)
