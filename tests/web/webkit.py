"""What the web tests share: a real ``newproj serve`` on loopback, and reading archives.

Test modules import it by name (``from webkit import ...``): pytest puts this folder on ``sys.path``.
"""

from __future__ import annotations

import io
import json
import os
import socket
import stat
import subprocess
import sys
import tarfile
import time
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

from newproj.project.private import DEV_VALUES

NEWPROJ = Path(sys.executable).with_name("newproj")


@dataclass
class LiveServer:
    url: str
    tmp: Path
    log: Path

    def leftovers(self) -> list[str]:
        return sorted(p.name for p in self.tmp.iterdir())

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(folder: Path, **env: str) -> tuple[subprocess.Popen[bytes], LiveServer]:
    """``newproj serve`` on a free loopback port, its TMPDIR and log in ``folder``; waits until healthy."""
    tmp = folder / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    log = folder / "serve.log"
    port = free_port()
    process = subprocess.Popen(
        [str(NEWPROJ), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env={**os.environ, "TMPDIR": str(tmp), "NEWPROJ_SERVE_RENDERS": "2", **env},
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("newproj serve did not start:\n" + log.read_text(errors="replace"))
        time.sleep(0.2)
    return process, LiveServer(url, tmp, log)


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def archive_files(data: bytes, kind: str) -> dict[str, tuple[bytes | None, int, str]]:
    """Every entry of a zip or tar.gz: name -> (bytes, or None for a folder; permission bits; type)."""
    entries: dict[str, tuple[bytes | None, int, str]] = {}
    if kind == "zip":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                mode = info.external_attr >> 16
                kind_ = "dir" if info.is_dir() else "link" if stat.S_ISLNK(mode) else "file"
                entries[info.filename.rstrip("/")] = (
                    None if info.is_dir() else archive.read(info),
                    stat.S_IMODE(mode),
                    kind_,
                )
        return entries
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            kind_ = "dir" if member.isdir() else "file" if member.isfile() else "link"
            content = archive.extractfile(member).read() if member.isfile() else None  # type: ignore[union-attr]
            entries[member.name] = (content, member.mode, kind_)
    return entries


def folder_files(root: Path, prefix: str) -> dict[str, tuple[bytes | None, int, str]]:
    """The same view of a folder on disk (what ``newproj init`` wrote)."""
    entries: dict[str, tuple[bytes | None, int, str]] = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        name = f"{prefix}/{path.relative_to(root).as_posix()}"
        if stat.S_ISDIR(info.st_mode):
            entries[name] = (None, stat.S_IMODE(info.st_mode), "dir")
        else:
            entries[name] = (path.read_bytes(), stat.S_IMODE(info.st_mode), "file")
    return entries


def without_dev_values(
    entries: dict[str, tuple[bytes | None, int, str]], slug: str
) -> dict[str, tuple[bytes | None, int, str]]:
    """``entries`` with the random development values (read from its ``.cruft.json``) replaced by their names."""
    record = json.loads(entries[f"{slug}/.cruft.json"][0] or b"{}")
    values = {key: record["context"]["cookiecutter"][key].encode() for key in DEV_VALUES}
    cleaned = {}
    for name, (content, mode, kind) in entries.items():
        if content is not None:
            for key, value in values.items():
                content = content.replace(value, f"<{key}>".encode())
        cleaned[name] = (content, mode, kind)
    return cleaned


def dev_values(entries: dict[str, tuple[bytes | None, int, str]], slug: str) -> list[str]:
    record = json.loads(entries[f"{slug}/.cruft.json"][0] or b"{}")
    return [record["context"]["cookiecutter"][key] for key in DEV_VALUES]
