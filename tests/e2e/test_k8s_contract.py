"""The contract between deploy/k8s and the image, checked without a cluster.

The prod overlay is rendered with ``kubectl kustomize``; the production image then runs in Docker
exactly as the rendered pods would: the Job's command with the Job's environment against a real
PostgreSQL, then the Deployment's container with its environment, UID, read-only root file
system and /tmp volume, probed the way kubelet probes it (path, port and Host header taken from
the manifests). Only the environment values of secrets.env are the test's own.
"""

from __future__ import annotations

import base64
import secrets
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import newproj
import pytest
import yaml
from dockerkit import build_target, get, run, wait_for

pytestmark = pytest.mark.docker

SLUG = "e2e_k8s"


@dataclass
class Pod:
    """What the rendered manifests say about one container, in ``docker run`` terms."""

    image_uid: str
    command: list[str] | None
    env: dict[str, str]
    container: dict[str, Any]
    #: The Secret's files, as the pod sees them: mount folder -> {file name: content}.
    files: dict[str, dict[str, str]]

    def docker_args(self, env_file: Path, secrets_root: Path) -> list[str]:
        mounts = []
        for folder in self.files:
            mounts += ["-v", f"{secrets_root / folder.strip('/').replace('/', '_')}:{folder}:ro"]
        return ["--env-file", str(env_file), "--user", self.image_uid, "--read-only", "--tmpfs", "/tmp",
                "--cap-drop", "ALL", "--security-opt", "no-new-privileges", *mounts]

    def write_files(self, secrets_root: Path) -> None:
        """The Secret volume's files, readable by the pod's user as kubelet makes them (fsGroup)."""
        for folder, files in self.files.items():
            target = secrets_root / folder.strip("/").replace("/", "_")
            target.mkdir(parents=True, exist_ok=True)
            target.chmod(0o755)
            for name, content in files.items():
                (target / name).write_text(content, encoding="utf-8")
                (target / name).chmod(0o444)


def _rendered(project: Path, database_url: str) -> list[dict[str, Any]]:
    overlay = project / "deploy" / "k8s" / "overlays" / "prod"
    (overlay / "secrets.env").write_text(
        f"DJANGO_SECRET_KEY={secrets.token_urlsafe(50)}\nDATABASE_URL={database_url}\n", encoding="utf-8"
    )
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.fail("kubectl is not on PATH")
    return [d for d in yaml.safe_load_all(run([kubectl, "kustomize", str(overlay)]).stdout) if d]


def _pod(docs: list[dict[str, Any]], kind: str, name_prefix: str) -> Pod:
    workload = next(d for d in docs if d["kind"] == kind and d["metadata"]["name"].startswith(name_prefix))
    spec = workload["spec"]["template"]["spec"]
    [container] = spec["containers"]
    env: dict[str, str] = {}
    for source in container.get("envFrom", []):
        assert "secretRef" not in source, "secrets reach the pods as files"
        config = next(d for d in docs if d["kind"] == "ConfigMap"
                      and d["metadata"]["name"] == source["configMapRef"]["name"])
        env.update(config["data"])
    files: dict[str, dict[str, str]] = {}
    volumes = {v["name"]: v for v in spec["volumes"]}
    for mount in container["volumeMounts"]:
        source = volumes[mount["name"]]
        if "secret" in source:
            secret = next(d for d in docs if d["kind"] == "Secret"
                          and d["metadata"]["name"] == source["secret"]["secretName"])
            files[mount["mountPath"]] = {
                item["path"]: base64.b64decode(secret["data"][item["key"]]).decode() for item in source["secret"]["items"]
            }
        else:
            assert mount["mountPath"] == "/tmp" and source == {"name": mount["name"], "emptyDir": {}}
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    uid = f"{spec['securityContext']['runAsUser']}:{spec['securityContext']['runAsGroup']}"
    return Pod(uid, container.get("command"), env, container, files)


@dataclass
class Contract:
    project: Path
    image: str
    network: str
    job: Pod
    web: Pod
    env_file: Path
    secrets_root: Path
    names: list[str]


@pytest.fixture(scope="module")
def contract(standin_images: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Contract]:
    answers = newproj.build_answers({"project_name": "E2E k8s", "project_slug": SLUG, "python_version": "3.13",
                                     "django_version": "5.2", "port": 8124, "database": "postgresql",
                                     "database_version": "17", "language": "ko", "use_k8s": True})
    project = newproj.generate(answers, tmp_path_factory.mktemp("k8s") / SLUG).path
    tag = f"npk8s{uuid.uuid4().hex[:6]}"
    network, db = f"{tag}-net", f"{tag}-db"
    password = secrets.token_hex(12)
    docs = _rendered(project, f"postgres://{SLUG}:{password}@{db}:5432/{SLUG}")
    job, web = _pod(docs, "Job", "migrate-"), _pod(docs, "Deployment", "web")
    assert (job.env, job.files) == (web.env, web.files)  # the Job migrates the database the pods will use
    assert {"DJANGO_SECRET_KEY_FILE", "DATABASE_URL_FILE"} <= set(web.env)
    assert not {"DJANGO_SECRET_KEY", "DATABASE_URL"} & set(web.env)
    env_file = project.parent / "pod.env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in web.env.items()), encoding="utf-8")
    secrets_root = project.parent / "secret-volumes"
    web.write_files(secrets_root)
    image = f"{tag}-production"  # build_target uses the name as a compose project: no ":"
    names = [db]
    try:
        build_target(project, "production", image)
        run(["docker", "network", "create", network])
        run(["docker", "run", "-d", "--name", db, "--network", network, "-e", f"POSTGRES_DB={SLUG}",
             "-e", f"POSTGRES_USER={SLUG}", "-e", f"POSTGRES_PASSWORD={password}", "postgres:17"])
        wait_for(lambda: run(["docker", "exec", db, "pg_isready", "-h", "127.0.0.1", "-U", SLUG, "-d", SLUG],
                             check=False).returncode == 0, 120, "PostgreSQL to accept connections")
        yield Contract(project, image, network, job, web, env_file, secrets_root, names)
    finally:
        for name in names:
            run(["docker", "rm", "-f", "-v", name], check=False)  # -v: the image's anonymous data volume
        run(["docker", "network", "rm", network], check=False)
        run(["docker", "rmi", "-f", image], check=False)


class TestKubernetesContract:
    def test_the_jobs_command_migrates_the_real_database(self, contract: Contract) -> None:
        assert contract.job.command == ["python", "manage.py", "migrate", "--noinput"]
        result = run(["docker", "run", "--rm", "--network", contract.network,
                      *contract.job.docker_args(contract.env_file, contract.secrets_root), contract.image, *contract.job.command],
                     check=False, timeout=300)
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
        assert "Applying auth.0001_initial... OK" in result.stdout

    def test_the_pod_serves_its_probes_and_the_ingress_host(self, contract: Contract) -> None:
        port = contract.web.container["ports"][0]["containerPort"]
        name = f"{contract.network}-web"
        contract.names.append(name)
        run(["docker", "run", "-d", "--name", name, "--network", contract.network,
             *contract.web.docker_args(contract.env_file, contract.secrets_root), "-p", f"127.0.0.1::{port}", contract.image])
        published = run(["docker", "port", name, f"{port}/tcp"]).stdout.split()[0].rsplit(":", 1)[1]
        base = f"http://127.0.0.1:{published}"
        for probe in ("readinessProbe", "livenessProbe"):
            http = contract.web.container[probe]["httpGet"]
            assert http["port"] == contract.web.container["ports"][0]["name"]
            headers = {h["name"]: h["value"] for h in http["httpHeaders"]}
            try:
                wait_for(lambda h=headers, p=http["path"]: get(base + p, h).status == 200, 90,
                         f"{probe} {http['path']} to answer 200")
            except AssertionError:
                raise AssertionError(run(["docker", "logs", name], check=False).stderr[-3000:]) from None
        health = get(f"{base}/health/", {"Host": "localhost"})
        assert health.json() == {"status": "ok", "database": "connected"}
        # the pod IP, which kubelet would send without the Host header, is refused by Django
        assert get(f"{base}/health/", {"Host": "10.1.2.3"}).status == 400
        host = contract.web.env["DJANGO_ALLOWED_HOSTS"].split(",")[0]
        home = get(f"{base}/", {"Host": host, "X-Forwarded-Proto": "https"})
        assert home.status == 200 and "E2E k8s" in home.body
        assert run(["docker", "exec", name, "id", "-u"]).stdout.strip() == contract.web.image_uid.split(":")[0]
        check = run(["docker", "exec", name, "python", "manage.py", "migrate", "--check"], check=False)
        assert check.returncode == 0, check.stdout + check.stderr
