"""Thin helpers over the docker CLI."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .procs import log, run, run_logged

LABEL_PREFIX = "org.newproj.standin"
HASH_LABEL = f"{LABEL_PREFIX}.hash"
RECIPE_LABEL = f"{LABEL_PREFIX}.recipe-hash"
REQUIREMENTS_LABEL = f"{LABEL_PREFIX}.requirements"

# The engine's builtin BuildKit needs the buildx CLI plugin, which is not on every
# machine; the classic builder works everywhere and only ever uses local images.
BUILD_ENV = {"DOCKER_BUILDKIT": "0"}


def image_inspect(tag: str) -> dict[str, Any] | None:
    """`docker image inspect` of `tag`, or None when there is no such image."""
    proc = run(["docker", "image", "inspect", tag], check=False)
    if proc.returncode != 0:
        return None
    info: dict[str, Any] = json.loads(proc.stdout)[0]
    return info


def image_labels(tag: str) -> dict[str, str] | None:
    """The labels of `tag` (empty when it has none), or None when the image is missing."""
    info = image_inspect(tag)
    if info is None:
        return None
    return dict((info.get("Config") or {}).get("Labels") or {})


def image_label(tag: str, label: str) -> str | None:
    """One label of `tag`, or None when the image or the label is missing."""
    return (image_labels(tag) or {}).get(label)


def image_id(tag: str) -> str | None:
    """The image ID `tag` points to, or None."""
    info = image_inspect(tag)
    return None if info is None else str(info["Id"])


def remove_image(image: str) -> bool:
    """`docker rmi` (not forced); whether the image was removed."""
    return run(["docker", "rmi", image], check=False).returncode == 0


def tag_image(source: str, target: str) -> None:
    """Point `target` at the image of `source`."""
    run(["docker", "tag", source, target])


def label_instruction(labels: Mapping[str, str]) -> str:
    """One Dockerfile LABEL instruction setting all `labels` (a single, cheap build step)."""
    return "LABEL " + " ".join(f"{json.dumps(k)}={json.dumps(v)}" for k, v in labels.items())


def build(
    context: Path,
    tags: Sequence[str],
    build_args: Mapping[str, str],
    labels: Mapping[str, str],
    log_path: Path,
) -> None:
    """`docker build` the Dockerfile in `context` under `tags`, echoing its steps.

    The labels are appended to the context's Dockerfile as one instruction (the classic
    builder turns each --label option into a step of its own).
    """
    dockerfile = context / "Dockerfile"
    with dockerfile.open("a", encoding="utf-8") as handle:
        handle.write("\n" + label_instruction(labels) + "\n")
    cmd = ["docker", "build", "--rm", "--force-rm"]
    for tag in tags:
        cmd += ["-t", tag]
    for name, value in build_args.items():
        cmd += ["--build-arg", f"{name}={value}"]
    cmd.append(str(context))
    log(f"docker build {' '.join(tags)} (log: {log_path})")
    run_logged(cmd, log_path, env=BUILD_ENV, prefix=f"[{tags[0]}] ",
               echo=lambda line: line.startswith("Step "))


def read_file(tag: str, path: str) -> str:
    """The content of `path` inside image `tag` (a throwaway, network-less container)."""
    proc = run(["docker", "run", "--rm", "--network", "none", "--entrypoint", "cat", tag, path])
    return proc.stdout.strip()
