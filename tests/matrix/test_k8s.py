"""deploy/k8s in every variant: ``kubectl kustomize`` renders each overlay, the objects pass
``kubernetes-validate --strict`` against the oldest and newest bundled Kubernetes versions (a
WARN counts as a failure), and our own cross-reference checks find nothing (k8scheck.py).

No cluster can run here, so these checks are static; tests/e2e/test_k8s_contract.py runs the
production image with the environment these manifests render.

The manifests depend on the database, its version and the language, not on the Python or Django
version, so one variant per (database, version, language) is rendered; a test proves that claim.
"""

from __future__ import annotations

import base64
import copy
import functools
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import k8scheck
import pytest
import yaml
from matrixkit import REPRESENTATIVES, VARIANTS, Variant, deployable, manifest_key, stages
from newproj.render.place import generate

pytestmark = pytest.mark.matrix

OVERLAYS = ("dev", "prod")
KUBECTL = shutil.which("kubectl")


@dataclass
class Rendered:
    variant: Variant
    project: Path
    overlay: str
    output: Path
    docs: list[dict[str, Any]]


def _kubectl() -> str:
    if KUBECTL is None:
        pytest.fail("kubectl is not on PATH; CI installs it (kubectl kustomize renders offline)")
    return KUBECTL


def kustomize(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([_kubectl(), "kustomize", str(folder)], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Rendered]:
    """Every representative variant, generated, with secrets.env copied from its example, kustomized."""
    root = tmp_path_factory.mktemp("k8s")
    jobs = []
    for index, variant in enumerate(REPRESENTATIVES):
        project = generate(variant.answers, root / f"v{index:02d}-{variant.answers.project_slug}").path
        for overlay in OVERLAYS:
            folder = project / "deploy" / "k8s" / "overlays" / overlay
            shutil.copy(folder / "secrets.env.example", folder / "secrets.env")
            jobs.append((variant, project, overlay))

    def render(job: tuple[Variant, Path, str]) -> Rendered:
        variant, project, overlay = job
        result = kustomize(project / "deploy" / "k8s" / "overlays" / overlay)
        assert (result.returncode, result.stderr) == (0, ""), f"{variant.id} {overlay}: {result.stderr}"
        output = project.parent / f"{project.name}-{overlay}.yaml"
        output.write_text(result.stdout, encoding="utf-8")
        return Rendered(variant, project, overlay, output, [d for d in yaml.safe_load_all(result.stdout) if d])

    with ThreadPoolExecutor(max_workers=4) as pool:
        return {(r.variant.id, r.overlay): r for r in pool.map(render, jobs)}


def bundled_versions() -> list[str]:
    from kubernetes_validate.utils import all_versions

    return sorted(all_versions(), key=lambda v: tuple(int(x) for x in v.split(".")))


def validate(files: list[Path], versions: list[str]) -> tuple[int, list[str]]:
    """``kubernetes-validate --strict --quiet`` on ``files``; (exit code, every line it printed)."""
    tool = Path(sys.executable).parent / "kubernetes-validate"
    if not tool.exists():
        pytest.fail("kubernetes-validate is not installed; install the test extras: pip install -e '.[test]'")
    command = [str(tool), "--strict", "--quiet"]
    for version in versions:
        command += ["-k", version]
    result = subprocess.run([*command, *map(str, files)], capture_output=True, text=True, timeout=300)
    return result.returncode, (result.stdout + result.stderr).splitlines()


def validate_in_process(docs: list[dict[str, Any]], versions: list[str]) -> list[str]:
    """The same checks as ``kubernetes-validate --strict`` in this process, with each schema file
    parsed once instead of once per object (44 s against 2 s here). A missing schema (the CLI's
    WARN, e.g. a removed apiVersion) is a problem like a validation error."""
    import kubernetes_validate.utils as utils

    if not hasattr(utils.schema_contents, "cache_info"):
        utils.schema_contents = functools.lru_cache(maxsize=None)(utils.schema_contents)
    problems = []
    for doc in docs:
        for version in versions:
            try:
                utils.validate(doc, version, strict=True)
            except utils.ValidationError as err:
                path = ".".join(map(str, err.path))
                problems.append(f"ERROR {utils.kn(doc)} against {version}: {path}: {err.message}")
            except (utils.SchemaNotFoundError, utils.InvalidSchemaError) as err:
                problems.append(f"WARN {utils.kn(doc)} against {version}: {err.message}")
    return problems


def oldest_and_newest() -> list[str]:
    versions = bundled_versions()
    return [versions[0], versions[-1]]


params = pytest.mark.parametrize(
    ("variant", "overlay"),
    [(v, o) for v in REPRESENTATIVES for o in OVERLAYS],
    ids=[f"{v.id}-{o}" for v in REPRESENTATIVES for o in OVERLAYS],
)


@pytest.fixture
def out(rendered: dict[tuple[str, str], Rendered], variant: Variant, overlay: str) -> Rendered:
    return rendered[(variant.id, overlay)]


def test_representatives_cover_every_manifest_difference(tmp_path: Path) -> None:
    """Two variants that differ only in Python and Django get byte-identical deploy/ folders."""
    assert len(REPRESENTATIVES) == len({manifest_key(v) for v in VARIANTS}) >= 8
    key = manifest_key(REPRESENTATIVES[1])
    twins = [deployable(v, worker=True) for v in VARIANTS if manifest_key(v) == key][:2]
    assert len(twins) == 2 and twins[0].answers.python_version != twins[1].answers.python_version
    trees = []
    for index, twin in enumerate(twins):
        project = generate(twin.answers, tmp_path / str(index)).path
        trees.append({p.relative_to(project): p.read_bytes() for p in (project / "deploy").rglob("*") if p.is_file()})
    assert trees[0] == trees[1]


@params
def test_objects_of_each_overlay(variant: Variant, overlay: str, out: Rendered) -> None:
    answers = variant.answers
    kinds = sorted(f"{d['kind']}/{re.sub(r'-[a-z0-9]{10}$', '', d['metadata']['name'])}" for d in out.docs)
    expected = ["ConfigMap/web-config", "Deployment/web", "Ingress/web", "Namespace/" + out.docs[0]["metadata"]["name"],
                "NetworkPolicy/default-deny-ingress", "NetworkPolicy/web", "Secret/web-secrets", "Service/web"]
    sqlite = answers.database == "sqlite"
    expected += ["PersistentVolumeClaim/data"] if sqlite else ["Job/migrate-" + ("dev" if overlay == "dev" else "1.0")]
    if overlay == "dev" and not sqlite:
        expected += ["NetworkPolicy/db", "Service/db", "StatefulSet/db"]  # dev may run a database; prod uses an external one
    if answers.use_redis:
        expected += ["Deployment/redis", "NetworkPolicy/redis", "Service/redis"]
    if answers.use_worker:
        expected += ["Deployment/worker", "Deployment/beat"]
    assert kinds == sorted(expected)
    dash = answers.project_slug.replace("_", "-")
    assert {d["metadata"].get("namespace", d["metadata"]["name"]) for d in out.docs} == {
        dash + ("-dev" if overlay == "dev" else "")
    }
    web = k8scheck.named(out.docs, "Deployment", "web")
    assert web["spec"]["replicas"] == (1 if sqlite or overlay == "dev" else 2)
    assert web["spec"]["strategy"]["type"] == ("Recreate" if sqlite else "RollingUpdate")
    if sqlite:  # one pod migrates its own volume before it serves
        [init] = k8scheck.pod_spec(web)["initContainers"]
        assert init["command"] == ["python", "manage.py", "migrate", "--noinput"]
    else:
        assert "initContainers" not in k8scheck.pod_spec(web)


@params
def test_redis_worker_and_beat_follow_the_restricted_profile(variant: Variant, overlay: str, out: Rendered) -> None:
    """Their own pods: non-root, no privilege escalation, no capability, the runtime's seccomp profile,
    requests and a memory limit; worker and beat run the web image with another command, one beat only."""
    answers = variant.answers
    if not answers.use_worker:
        assert k8scheck.named(out.docs, "Deployment", "worker") is None
        return
    web = k8scheck.named(out.docs, "Deployment", "web")
    [web_container] = k8scheck.pod_spec(web)["containers"]
    for name in ("redis", "worker", "beat"):
        workload = k8scheck.named(out.docs, "Deployment", name)
        pod = k8scheck.pod_spec(workload)
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
        assert pod["automountServiceAccountToken"] is False
        [container] = pod["containers"]
        context = container["securityContext"]
        assert context["allowPrivilegeEscalation"] is False and context["capabilities"] == {"drop": ["ALL"]}
        assert context["readOnlyRootFilesystem"] is True
        assert container["resources"]["requests"]["memory"] and container["resources"]["limits"]["memory"]
        if name != "redis":
            assert container["image"] == web_container["image"] and container["envFrom"] == web_container["envFrom"]
            assert container["command"][:4] == ["celery", "-A", answers.project_slug, name]
            assert container["livenessProbe"]["periodSeconds"] >= 60  # quiet at rest
    assert k8scheck.named(out.docs, "Deployment", "beat")["spec"]["replicas"] == 1
    [redis_service] = [s for s in k8scheck.by_kind(out.docs, "Service") if s["metadata"]["name"] == "redis"]
    assert redis_service["spec"]["ports"] == [{"name": "redis", "port": 6379, "targetPort": "redis"}]


@params
def test_strict_schema_validation_on_oldest_and_newest(variant: Variant, overlay: str, out: Rendered) -> None:
    assert validate_in_process(out.docs, oldest_and_newest()) == []


def test_the_command_line_validator_passes_a_rendered_overlay(rendered: dict[tuple[str, str], Rendered]) -> None:
    """The real command, on one server variant's prod and dev output: nothing printed, exit 0."""
    outputs = [r.output for r in rendered.values() if r.variant.answers.database == "postgresql"][:2]
    assert validate(outputs, oldest_and_newest()) == (0, [])


def test_the_validation_fails_on_warnings_unknown_fields_and_old_versions(tmp_path: Path) -> None:
    """The check above can fail: a removed apiVersion (a WARN), an unknown field, a bad version."""
    removed = tmp_path / "removed.yaml"
    removed.write_text("apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: x}\nspec: {}\n")
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text("apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {ports: [{port: 80}], colour: red}\n")
    versions = bundled_versions()
    assert versions[0] == "1.25.0" and len(versions) >= 13
    # the command line: a WARN alone would exit 0, which is why we count WARN lines as failures
    code, lines = validate([removed, unknown], oldest_and_newest())
    assert [line.split()[0] for line in lines] == ["WARN", "WARN", "ERROR", "ERROR"]
    assert "Couldn't find schema for kind Ingress with api version extensions/v1beta1" in lines[0]
    assert "colour" in lines[2]
    assert code != 0
    assert validate([removed], oldest_and_newest())[0] == 0
    # the in-process check used above reports the same four problems
    docs = [yaml.safe_load(removed.read_text()), yaml.safe_load(unknown.read_text())]
    found = validate_in_process(docs, oldest_and_newest())
    assert [line.split()[0] for line in found] == ["WARN", "WARN", "ERROR", "ERROR"]
    assert "colour" in found[2]


@params
def test_cross_references(variant: Variant, overlay: str, out: Rendered) -> None:
    docs = out.docs
    assert k8scheck.selector_problems(docs) == []
    assert k8scheck.port_problems(docs) == []
    assert k8scheck.reference_problems(docs) == []
    assert k8scheck.host_problems(docs) == []
    assert k8scheck.uid_problems(docs, image_uid(out.project)) == []


def image_uid(project: Path) -> int:
    """The UID the production stage runs as (USER uid:gid)."""
    production = stages((project / "Dockerfile").read_text(encoding="utf-8"))["production"]
    [user] = [rest for keyword, rest in production if keyword == "USER"]
    return int(user.split(":")[0])


@params
def test_the_image_is_the_production_stage(variant: Variant, overlay: str, out: Rendered) -> None:
    """Web and migrate run the production image as built: its CMD, its port, its settings."""
    answers = variant.answers
    production = dict(stages((out.project / "Dockerfile").read_text(encoding="utf-8"))["production"])
    settings_module = re.search(r"DJANGO_SETTINGS_MODULE=(\S+)", production["ENV"]).group(1)
    base = (out.project / "deploy/k8s/base/kustomization.yaml").read_text(encoding="utf-8")
    assert f"docker build --target production -t {answers.project_slug}:TAG ." in base
    image = f"{answers.project_slug}:dev" if overlay == "dev" else f"registry.example.com/{answers.project_slug}:1.0"
    web = k8scheck.named(out.docs, "Deployment", "web")
    for container in k8scheck.containers(web):
        assert container["image"] == image
        assert k8scheck.environment(out.docs, container)["DJANGO_SETTINGS_MODULE"] == settings_module
    [container] = k8scheck.pod_spec(web)["containers"]
    assert "command" not in container and "args" not in container  # gunicorn, the stage's CMD
    assert production["CMD"].count(f"0.0.0.0:{answers.port}") == 1
    assert container["ports"] == [{"name": "http", "containerPort": answers.port}]
    # gunicorn's graceful timeout is 30 s: the pod is given longer before SIGKILL
    assert k8scheck.pod_spec(web)["terminationGracePeriodSeconds"] > 30
    probes = (container["readinessProbe"]["httpGet"]["path"], container["livenessProbe"]["httpGet"]["path"])
    assert probes == ("/health/", "/health/live/")
    if answers.database != "sqlite":
        [job] = k8scheck.by_kind(out.docs, "Job")
        assert job["metadata"]["name"] == "migrate-" + image.rsplit(":", 1)[1]  # a new release, a new Job
        [migrate] = k8scheck.pod_spec(job)["containers"]
        assert migrate["image"] == image
        assert migrate["command"] == ["python", "manage.py", "migrate", "--noinput"]
        assert migrate["envFrom"] == container["envFrom"]


@params
def test_secrets_come_from_the_ignored_file(variant: Variant, overlay: str, out: Rendered) -> None:
    folder = out.project / "deploy/k8s/overlays" / overlay
    example = dict(
        line.split("=", 1) for line in (folder / "secrets.env.example").read_text(encoding="utf-8").splitlines()
        if "=" in line and not line.startswith("#")
    )
    [secret] = k8scheck.by_kind(out.docs, "Secret")
    decoded = {key: base64.b64decode(value).decode() for key, value in secret["data"].items()}
    assert decoded == example
    assert ("DATABASE_URL" in example) is (variant.answers.database != "sqlite")
    ignored = (out.project / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "deploy/k8s/overlays/*/secrets.env" in ignored
    assert "deploy" in (out.project / ".dockerignore").read_text(encoding="utf-8").splitlines()
    for config in k8scheck.by_kind(out.docs, "ConfigMap"):
        assert not set(config["data"]) & set(example), "a secret landed in a ConfigMap"


@params
def test_every_pod_meets_the_restricted_pod_security_standard(variant: Variant, overlay: str, out: Rendered) -> None:
    """The namespace enforces "restricted" and every pod (web, its init container, the migrate Job, the
    dev database) passes it, so the cluster's admission would accept each one."""
    assert k8scheck.restricted_problems(out.docs) == []
    assert k8scheck.namespace_problems(out.docs) == []
    kinds = {where.split("/")[0] for where, _meta, _spec in k8scheck.pod_templates(out.docs)}
    database = variant.answers.database != "sqlite"
    assert kinds == {"Deployment"} | ({"Job"} if database else set()) | (
        {"StatefulSet"} if database and overlay == "dev" else set()
    )


@params
def test_every_container_requests_cpu_and_memory_and_caps_memory(variant: Variant, overlay: str,
                                                                   out: Rendered) -> None:
    assert k8scheck.resource_problems(out.docs) == []
    containers = [c for w in k8scheck.workloads(out.docs) for c in k8scheck.containers(w)]
    assert len(containers) >= 2 and all(c["resources"]["limits"]["memory"] for c in containers)


SETTINGS_READS = re.compile(r'env_(?:value|required)\(\s*"([A-Z_]+)"')


@params
def test_secrets_reach_pods_as_files_the_settings_read(variant: Variant, overlay: str, out: Rendered) -> None:
    """No Secret in any environment; each *_FILE names a mounted Secret file; the settings read each
    of web's secrets through env_value/env_required (which honour NAME_FILE), and nothing else."""
    assert k8scheck.secret_problems(out.docs) == []
    settings = "".join(
        p.read_text(encoding="utf-8") for p in (out.project / variant.answers.project_slug / "settings").glob("*.py")
    )
    read_by_settings = set(SETTINGS_READS.findall(settings))
    web = k8scheck.named(out.docs, "Deployment", "web")
    for container in k8scheck.containers(web):
        environment = k8scheck.environment(out.docs, container)
        from_files = {name.removesuffix("_FILE") for name in environment if name.endswith("_FILE")}
        expected = {"DJANGO_SECRET_KEY"} | ({"DATABASE_URL"} if variant.answers.database != "sqlite" else set())
        assert from_files == expected
        assert from_files <= read_by_settings
        assert not from_files & set(environment), "a secret set both as a value and as a file"
    [secret] = k8scheck.by_kind(out.docs, "Secret")
    used = {key for w in k8scheck.workloads(out.docs) for _s, key in
            (v for c in k8scheck.containers(w) for v in k8scheck._secret_files(k8scheck.pod_spec(w), c).values())}
    assert used == set(secret["data"]) - ({"DB_PASSWORD", "DB_ROOT_PASSWORD"} if overlay == "prod" else set())


@params
def test_network_policies_let_in_only_what_must_reach_each_pod(variant: Variant, overlay: str,
                                                                out: Rendered) -> None:
    docs = out.docs
    [deny] = [p for p in k8scheck.by_kind(docs, "NetworkPolicy") if p["spec"]["podSelector"] == {}]
    assert deny["spec"]["policyTypes"] == ["Ingress"] and "ingress" not in deny["spec"]
    expected: dict[str, dict[str, set[object]]] = {
        "Deployment/web": {k8scheck.ANYWHERE: {variant.answers.port}},
    }
    jobs = [k8scheck._label(j) for j in k8scheck.by_kind(docs, "Job")]
    for job in jobs:
        expected[job] = {}  # nothing connects to a migration
    # the worker and beat take no connection; they reach Redis and the database, as web does
    workers = ["Deployment/worker", "Deployment/beat"] if variant.answers.use_worker else []
    for worker in workers:
        expected[worker] = {}
    if variant.answers.use_redis:
        expected["Deployment/redis"] = {source: {6379} for source in ["Deployment/web", *workers]}
    if k8scheck.named(docs, "StatefulSet", "db") is not None:
        port = 5432 if variant.answers.database == "postgresql" else 3306
        expected["StatefulSet/db"] = {source: {port} for source in ["Deployment/web", *jobs, *workers]}
    assert {k8scheck._label(w): k8scheck.reachable(docs, w) for w in k8scheck.workloads(docs)} == expected


def test_kustomize_fails_without_the_secrets_file(rendered: dict[tuple[str, str], Rendered],
                                                  tmp_path: Path) -> None:
    some = next(iter(rendered.values()))
    copy_of = tmp_path / "project"
    shutil.copytree(some.project / "deploy", copy_of / "deploy")
    (copy_of / "deploy/k8s/overlays/prod/secrets.env").unlink()
    result = kustomize(copy_of / "deploy/k8s/overlays/prod")
    assert result.returncode != 0
    assert "secrets.env" in result.stderr


# --- the cross-reference checks themselves can fail -------------------------------------------------


@pytest.fixture
def prod_docs(rendered: dict[tuple[str, str], Rendered]) -> list[dict[str, Any]]:
    server = next(r for r in rendered.values() if r.overlay == "prod" and r.variant.answers.database == "postgresql")
    return copy.deepcopy(server.docs)


def _web(docs: list[dict[str, Any]]) -> dict[str, Any]:
    return k8scheck.pod_spec(k8scheck.named(docs, "Deployment", "web"))["containers"][0]


def test_cross_reference_checks_catch_mistakes(prod_docs: list[dict[str, Any]]) -> None:
    docs = prod_docs
    k8scheck.named(docs, "Deployment", "web")["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/component"] = "api"
    assert any("does not match its pod labels" in p for p in k8scheck.selector_problems(docs))
    assert any(p.startswith("Service/web: selector") for p in k8scheck.selector_problems(docs))


def test_port_checks_catch_mistakes(prod_docs: list[dict[str, Any]]) -> None:
    docs = prod_docs
    k8scheck.named(docs, "Service", "web")["spec"]["ports"][0]["targetPort"] = "web"
    _web(docs)["livenessProbe"]["httpGet"]["port"] = "htp"
    k8scheck.by_kind(docs, "Ingress")[0]["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]["port"] = {
        "name": "https"
    }
    assert k8scheck.port_problems(docs) == [
        "Service/web: targetPort 'web' is no container port",
        "Ingress/web: Service web has no port 'https'",
        "Deployment/web web livenessProbe: port 'htp' is not declared",
    ]


def test_reference_host_and_uid_checks_catch_mistakes(prod_docs: list[dict[str, Any]]) -> None:
    docs = prod_docs
    web = _web(docs)
    web["envFrom"][0]["configMapRef"]["name"] = "web-config"  # the name before kustomize's hash
    assert k8scheck.reference_problems(docs) == ["Deployment/web web: no ConfigMap web-config"]
    web["envFrom"][0]["configMapRef"]["name"] = k8scheck.by_kind(docs, "ConfigMap")[0]["metadata"]["name"]
    web["readinessProbe"]["httpGet"]["httpHeaders"] = []
    k8scheck.by_kind(docs, "ConfigMap")[0]["data"]["DJANGO_ALLOWED_HOSTS"] = "www.example.com"
    assert k8scheck.host_problems(docs) == [
        "web readinessProbe sends no Host header (kubelet would send the pod IP)",
        "web livenessProbe: Host 'localhost' is not in ALLOWED_HOSTS ['www.example.com']",
    ]
    k8scheck.named(docs, "Job", "migrate-1.0")["spec"]["template"]["spec"]["securityContext"]["runAsUser"] = 0
    assert k8scheck.uid_problems(docs, 10001) == [
        "Job/migrate-1.0: runAsUser 0, expected 10001 and runAsNonRoot"
    ]
