"""Cross-reference checks for rendered Kubernetes manifests: what schema validation cannot see.

``kubernetes-validate --strict`` checks each object against its schema; it does not know that a
Service's selector must match a Deployment's pod labels, that a probe's named port must exist,
or that Django will refuse a probe whose Host header is not in ALLOWED_HOSTS. Each function
here returns human-readable problems (an empty list when all is well), so a test can show them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Manifest = dict[str, Any]
WORKLOADS = ("Deployment", "StatefulSet", "Job")


def by_kind(docs: list[Manifest], kind: str) -> list[Manifest]:
    return [doc for doc in docs if doc["kind"] == kind]


def named(docs: list[Manifest], kind: str, name: str) -> Manifest | None:
    return next((doc for doc in by_kind(docs, kind) if doc["metadata"]["name"] == name), None)


def pod_spec(workload: Manifest) -> Manifest:
    return workload["spec"]["template"]["spec"]


def containers(workload: Manifest) -> Iterator[Manifest]:
    spec = pod_spec(workload)
    yield from spec.get("initContainers", [])
    yield from spec["containers"]


def _label(workload: Manifest) -> str:
    return f"{workload['kind']}/{workload['metadata']['name']}"


def selector_problems(docs: list[Manifest]) -> list[str]:
    """Workload selectors match their own pod labels; every Service selects some pods."""
    problems = []
    pod_labels = {}
    for workload in (doc for doc in docs if doc["kind"] in WORKLOADS):
        labels = workload["spec"]["template"]["metadata"].get("labels", {})
        pod_labels[_label(workload)] = labels
        wanted = workload["spec"].get("selector", {}).get("matchLabels")
        if workload["kind"] != "Job" and not wanted:
            problems.append(f"{_label(workload)}: no selector.matchLabels")
        elif wanted and not wanted.items() <= labels.items():
            problems.append(f"{_label(workload)}: selector {wanted} does not match its pod labels {labels}")
    for service in by_kind(docs, "Service"):
        selector = service["spec"].get("selector", {})
        if not any(selector.items() <= labels.items() for labels in pod_labels.values()):
            problems.append(f"Service/{service['metadata']['name']}: selector {selector} matches no pod")
    return problems


def _ports_of_pods(docs: list[Manifest], selector: dict[str, str]) -> list[Manifest]:
    return [
        port
        for workload in docs
        if workload["kind"] in WORKLOADS
        and selector.items() <= workload["spec"]["template"]["metadata"].get("labels", {}).items()
        for container in containers(workload)
        for port in container.get("ports", [])
    ]


def _port_matches(ref: int | str, ports: list[Manifest]) -> bool:
    return any(p.get("name") == ref if isinstance(ref, str) else p["containerPort"] == ref for p in ports)


def port_problems(docs: list[Manifest]) -> list[str]:
    """Service targetPorts, Ingress backends and probe ports all name ports that exist."""
    problems = []
    for service in by_kind(docs, "Service"):
        ports = _ports_of_pods(docs, service["spec"].get("selector", {}))
        for port in service["spec"]["ports"]:
            target = port.get("targetPort", port["port"])
            if not _port_matches(target, ports):
                problems.append(f"Service/{service['metadata']['name']}: targetPort {target!r} is no container port")
    for ingress in by_kind(docs, "Ingress"):
        for rule in ingress["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                backend = path["backend"]["service"]
                service = named(docs, "Service", backend["name"])
                if service is None:
                    problems.append(f"Ingress/{ingress['metadata']['name']}: no Service {backend['name']}")
                    continue
                ref = backend["port"].get("name", backend["port"].get("number"))
                if not any(ref in (p.get("name"), p["port"]) for p in service["spec"]["ports"]):
                    problems.append(f"Ingress/{ingress['metadata']['name']}: Service {backend['name']} has no port {ref!r}")
    for workload in (doc for doc in docs if doc["kind"] in WORKLOADS):
        for container in containers(workload):
            for probe_name in ("readinessProbe", "livenessProbe", "startupProbe"):
                http = container.get(probe_name, {}).get("httpGet")
                if http and not _port_matches(http["port"], container.get("ports", [])):
                    problems.append(
                        f"{_label(workload)} {container['name']} {probe_name}: port {http['port']!r} is not declared"
                    )
    return problems


def reference_problems(docs: list[Manifest]) -> list[str]:
    """envFrom and secretKeyRef names (and keys) exist in the rendered output."""
    problems = []
    for workload in (doc for doc in docs if doc["kind"] in WORKLOADS):
        for container in containers(workload):
            for source in container.get("envFrom", []):
                for kind, ref in (("ConfigMap", "configMapRef"), ("Secret", "secretRef")):
                    if ref in source and named(docs, kind, source[ref]["name"]) is None:
                        problems.append(f"{_label(workload)} {container['name']}: no {kind} {source[ref]['name']}")
            for variable in container.get("env", []):
                ref = variable.get("valueFrom", {}).get("secretKeyRef")
                if ref:
                    secret = named(docs, "Secret", ref["name"])
                    if secret is None or ref["key"] not in secret.get("data", {}):
                        problems.append(f"{_label(workload)} {variable['name']}: no key {ref['key']} in Secret {ref['name']}")
    return problems


def environment(docs: list[Manifest], container: Manifest) -> dict[str, str]:
    """The variables a container gets from its ConfigMaps (secrets are left out: they are base64)."""
    values: dict[str, str] = {}
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            config = named(docs, "ConfigMap", source["configMapRef"]["name"])
            values.update((config or {}).get("data", {}))
    values.update({v["name"]: v["value"] for v in container.get("env", []) if "value" in v})
    return values


def host_problems(docs: list[Manifest]) -> list[str]:
    """Probe Host headers and Ingress hosts are in the pods' DJANGO_ALLOWED_HOSTS."""
    problems = []
    web = named(docs, "Deployment", "web")
    if web is None:
        return ["no Deployment/web"]
    container = next(c for c in pod_spec(web)["containers"] if c["name"] == "web")
    allowed = [h.strip() for h in environment(docs, container).get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]
    for probe_name in ("readinessProbe", "livenessProbe"):
        http = container.get(probe_name, {}).get("httpGet")
        if http is None:
            problems.append(f"web has no HTTP {probe_name}")
            continue
        hosts = [h["value"] for h in http.get("httpHeaders", []) if h["name"].lower() == "host"]
        if not hosts:
            problems.append(f"web {probe_name} sends no Host header (kubelet would send the pod IP)")
        problems += [f"web {probe_name}: Host {h!r} is not in ALLOWED_HOSTS {allowed}" for h in hosts if h not in allowed]
    for ingress in by_kind(docs, "Ingress"):
        for rule in ingress["spec"]["rules"]:
            if rule["host"] not in allowed:
                problems.append(f"Ingress host {rule['host']!r} is not in ALLOWED_HOSTS {allowed}")
    return problems


def uid_problems(docs: list[Manifest], uid: int) -> list[str]:
    """Every pod of our image runs as the image's own UID, not as root."""
    problems = []
    for workload in (doc for doc in docs if doc["kind"] in WORKLOADS):
        if workload["metadata"]["name"] == "db":
            continue  # the database image chooses its own user
        context = pod_spec(workload).get("securityContext", {})
        if context.get("runAsUser") != uid or context.get("runAsNonRoot") is not True:
            problems.append(f"{_label(workload)}: runAsUser {context.get('runAsUser')!r}, expected {uid} and runAsNonRoot")
    return problems
