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
        if workload["metadata"]["name"] in ("db", "redis"):
            continue  # the database's and Redis's images choose their own user
        context = pod_spec(workload).get("securityContext", {})
        if context.get("runAsUser") != uid or context.get("runAsNonRoot") is not True:
            problems.append(f"{_label(workload)}: runAsUser {context.get('runAsUser')!r}, expected {uid} and runAsNonRoot")
    return problems


# --- Pod Security Standards, "restricted" -----------------------------------------------------------
#
# Written from the published profile (https://kubernetes.io/docs/concepts/security/pod-security-standards/,
# Kubernetes 1.32: the baseline controls, which restricted includes, then the restricted ones). A namespace
# labelled pod-security.kubernetes.io/enforce=restricted refuses any pod that breaks one of them.

#: Baseline "Sysctls": the safe set.
SAFE_SYSCTLS = frozenset({
    "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
})
#: Baseline "SELinux": the types a pod may ask for (user and role must stay unset).
SELINUX_TYPES = frozenset({"", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"})
#: Restricted "Volume Types": the only volume sources allowed.
RESTRICTED_VOLUMES = frozenset({
    "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret",
})
#: Restricted "Capabilities": all dropped, only this one may be added back.
ADDABLE_CAPABILITIES = frozenset({"NET_BIND_SERVICE"})
POD_KINDS = ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod")


def pod_templates(docs: list[Manifest]) -> Iterator[tuple[str, Manifest, Manifest]]:
    """(label, pod metadata, pod spec) of every object that makes pods."""
    for doc in docs:
        if doc["kind"] not in POD_KINDS:
            continue
        if doc["kind"] == "Pod":
            template = doc
        elif doc["kind"] == "CronJob":
            template = doc["spec"]["jobTemplate"]["spec"]["template"]
        else:
            template = doc["spec"]["template"]
        yield _label(doc), template.get("metadata", {}), template["spec"]


def _all_containers(spec: Manifest) -> Iterator[tuple[str, Manifest]]:
    for field in ("initContainers", "containers", "ephemeralContainers"):
        for container in spec.get(field, []):
            yield f"{field}[{container['name']}]", container


def _baseline_problems(where: str, meta: Manifest, spec: Manifest) -> list[str]:
    problems = []
    pod = spec.get("securityContext", {})
    for field in ("hostNetwork", "hostPID", "hostIPC"):
        if spec.get(field):
            problems.append(f"{where}: {field} is true (host namespaces)")
    if pod.get("windowsOptions", {}).get("hostProcess"):
        problems.append(f"{where}: securityContext.windowsOptions.hostProcess is true")
    for name in (s["name"] for s in pod.get("sysctls", [])):
        if name not in SAFE_SYSCTLS:
            problems.append(f"{where}: sysctl {name} is not in the safe set")
    for volume in spec.get("volumes", []):
        if "hostPath" in volume:
            problems.append(f"{where}: volume {volume['name']} is a hostPath")
    for key, value in meta.get("annotations", {}).items():
        if key.startswith("container.apparmor.security.beta.kubernetes.io/") and not (
            value == "runtime/default" or value.startswith("localhost/")
        ):
            problems.append(f"{where}: AppArmor annotation {key}={value}")
    contexts = [("pod", pod)] + [(name, c.get("securityContext", {})) for name, c in _all_containers(spec)]
    for name, context in contexts:
        if context.get("appArmorProfile", {}).get("type", "RuntimeDefault") not in ("RuntimeDefault", "Localhost"):
            problems.append(f"{where} {name}: appArmorProfile {context['appArmorProfile']['type']}")
        selinux = context.get("seLinuxOptions", {})
        if selinux.get("type", "") not in SELINUX_TYPES or selinux.get("user") or selinux.get("role"):
            problems.append(f"{where} {name}: seLinuxOptions {selinux}")
        if context.get("seccompProfile", {}).get("type") == "Unconfined":
            problems.append(f"{where} {name}: seccompProfile Unconfined")
    for name, container in _all_containers(spec):
        context = container.get("securityContext", {})
        if context.get("privileged"):
            problems.append(f"{where} {name}: privileged")
        if context.get("windowsOptions", {}).get("hostProcess"):
            problems.append(f"{where} {name}: windowsOptions.hostProcess is true")
        if context.get("procMount", "Default") != "Default":
            problems.append(f"{where} {name}: procMount {context['procMount']}")
        for port in container.get("ports", []):
            if port.get("hostPort"):
                problems.append(f"{where} {name}: hostPort {port['hostPort']}")
    return problems


def _restricted_only_problems(where: str, spec: Manifest) -> list[str]:
    problems = []
    pod = spec.get("securityContext", {})
    for volume in spec.get("volumes", []):
        kinds = set(volume) - {"name"}
        if not kinds <= RESTRICTED_VOLUMES:
            problems.append(f"{where}: volume {volume['name']} is {sorted(kinds - RESTRICTED_VOLUMES)}")
    if pod.get("runAsUser") == 0:
        problems.append(f"{where}: securityContext.runAsUser is 0")
    for name, container in _all_containers(spec):
        context = container.get("securityContext", {})
        if context.get("allowPrivilegeEscalation") is not False:
            problems.append(f"{where} {name}: allowPrivilegeEscalation is not false")
        if context.get("runAsNonRoot", pod.get("runAsNonRoot")) is not True:
            problems.append(f"{where} {name}: runAsNonRoot is not true (pod or container)")
        if context.get("runAsUser") == 0:
            problems.append(f"{where} {name}: runAsUser is 0")
        seccomp = context.get("seccompProfile", pod.get("seccompProfile", {})).get("type")
        if seccomp not in ("RuntimeDefault", "Localhost"):
            problems.append(f"{where} {name}: seccompProfile.type is {seccomp!r}, not RuntimeDefault or Localhost")
        capabilities = context.get("capabilities", {})
        if "ALL" not in capabilities.get("drop", []):
            problems.append(f"{where} {name}: capabilities.drop does not include ALL")
        added = set(capabilities.get("add", [])) - ADDABLE_CAPABILITIES
        if added:
            problems.append(f"{where} {name}: capabilities.add {sorted(added)}")
    return problems


def restricted_problems(docs: list[Manifest]) -> list[str]:
    """Every pod template against the Pod Security Standards' restricted profile (baseline included)."""
    problems = []
    for where, meta, spec in pod_templates(docs):
        problems += _baseline_problems(where, meta, spec)
        problems += _restricted_only_problems(where, spec)
    return problems


PSS_MODES = ("enforce", "audit", "warn")


def namespace_problems(docs: list[Manifest]) -> list[str]:
    """Every Namespace enforces, audits and warns on the restricted profile; every object lives in one."""
    problems = []
    namespaces = by_kind(docs, "Namespace")
    if not namespaces:
        problems.append("no Namespace")
    for namespace in namespaces:
        labels = namespace["metadata"].get("labels", {})
        for mode in PSS_MODES:
            key = f"pod-security.kubernetes.io/{mode}"
            if labels.get(key) != "restricted":
                problems.append(f"Namespace/{namespace['metadata']['name']}: {key} is {labels.get(key)!r}")
    names = {n["metadata"]["name"] for n in namespaces}
    for doc in docs:
        if doc["kind"] != "Namespace" and doc["metadata"].get("namespace") not in names:
            problems.append(f"{_label(doc)}: in namespace {doc['metadata'].get('namespace')!r}, not {sorted(names)}")
    return problems


# --- requests and limits ------------------------------------------------------------------------------


def resource_problems(docs: list[Manifest]) -> list[str]:
    """Every container (init containers included) requests CPU and memory and caps its memory."""
    problems = []
    for where, _meta, spec in pod_templates(docs):
        for name, container in _all_containers(spec):
            resources = container.get("resources", {})
            for section, key in (("requests", "cpu"), ("requests", "memory"), ("limits", "memory")):
                if key not in resources.get(section, {}):
                    problems.append(f"{where} {name}: no resources.{section}.{key}")
    return problems


# --- secrets as files ---------------------------------------------------------------------------------


def _secret_files(spec: Manifest, container: Manifest) -> dict[str, tuple[str, str]]:
    """The files a container sees from Secret volumes: path -> (secret name, key)."""
    volumes = {v["name"]: v["secret"] for v in spec.get("volumes", []) if "secret" in v}
    files = {}
    for mount in container.get("volumeMounts", []):
        secret = volumes.get(mount["name"])
        if secret is None:
            continue
        items = secret.get("items")
        pairs = [(i["path"], i["key"]) for i in items] if items else [("*", "*")]
        for path, key in pairs:
            files[f"{mount['mountPath'].rstrip('/')}/{path}"] = (secret["secretName"], key)
    return files


def secret_problems(docs: list[Manifest]) -> list[str]:
    """No Secret reaches a container as an environment variable; every ``*_FILE`` variable names a
    file that a mounted Secret volume provides, with a key the Secret holds."""
    problems = []
    for where, _meta, spec in pod_templates(docs):
        for name, container in _all_containers(spec):
            for source in container.get("envFrom", []):
                if "secretRef" in source:
                    problems.append(f"{where} {name}: envFrom a Secret ({source['secretRef']['name']})")
            for variable in container.get("env", []):
                if "secretKeyRef" in variable.get("valueFrom", {}):
                    problems.append(f"{where} {name}: {variable['name']} from a Secret (secretKeyRef)")
            files = _secret_files(spec, container)
            for variable, path in environment(docs, container).items():
                if not variable.endswith("_FILE"):
                    continue
                if path not in files:
                    problems.append(f"{where} {name}: {variable}={path} is no file of a mounted Secret")
                    continue
                secret_name, key = files[path]
                secret = named(docs, "Secret", secret_name)
                if secret is None or key not in secret.get("data", {}):
                    problems.append(f"{where} {name}: {variable}: no key {key} in Secret {secret_name}")
    return problems


# --- NetworkPolicy ------------------------------------------------------------------------------------

ANYWHERE = "anywhere"


def selects(selector: Manifest, labels: dict[str, str]) -> bool:
    """A label selector (matchLabels and matchExpressions) against a pod's labels."""
    if not selector.get("matchLabels", {}).items() <= labels.items():
        return False
    for expression in selector.get("matchExpressions", []):
        key, operator, values = expression["key"], expression["operator"], expression.get("values", [])
        held = {
            "In": key in labels and labels[key] in values,
            "NotIn": key not in labels or labels[key] not in values,
            "Exists": key in labels,
            "DoesNotExist": key not in labels,
        }[operator]
        if not held:
            return False
    return True


def reachable(docs: list[Manifest], target: Manifest) -> dict[str, set[Any]]:
    """Who may connect to ``target``'s pods, and on which ports ("*" for every port): keys are
    ``anywhere``, a workload (``Deployment/web``), ``other namespaces`` or an ``ipBlock``."""
    labels = target["spec"]["template"]["metadata"].get("labels", {})
    policies = [
        p for p in by_kind(docs, "NetworkPolicy")
        if "Ingress" in p["spec"].get("policyTypes", ["Ingress"]) and selects(p["spec"]["podSelector"], labels)
    ]
    if not policies:
        return {ANYWHERE: {"*"}}  # a pod no policy selects is open to everything
    allowed: dict[str, set[Any]] = {}
    for policy in policies:
        for rule in policy["spec"].get("ingress", []):
            ports = {port.get("port", "*") for port in rule.get("ports", [])} or {"*"}
            peers = rule.get("from")
            sources = [ANYWHERE] if not peers else []
            for peer in peers or []:
                if "ipBlock" in peer:
                    sources.append(f"ipBlock {peer['ipBlock']['cidr']}")
                elif "namespaceSelector" in peer:
                    sources.append("other namespaces")
                else:
                    sources += [
                        _label(w) for w in docs if w["kind"] in WORKLOADS
                        and selects(peer["podSelector"], w["spec"]["template"]["metadata"].get("labels", {}))
                    ]
            for source in sources:
                allowed.setdefault(source, set()).update(ports)
    return allowed


def workloads(docs: list[Manifest]) -> list[Manifest]:
    return [doc for doc in docs if doc["kind"] in WORKLOADS]
