"""The Kubernetes checks of k8scheck.py can fail: each is run on a small manifest that meets the rule and on
one that breaks it on purpose, and must name every broken rule (a check that passes everything proves nothing).

No kubectl and no rendering: this runs in the fast tier.
"""

from __future__ import annotations

import copy
from typing import Any

import k8scheck
import pytest
import yaml

GOOD = """
apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    pod-security.kubernetes.io/enforce: restricted
    pod-security.kubernetes.io/audit: restricted
    pod-security.kubernetes.io/warn: restricted
---
apiVersion: v1
kind: Secret
metadata: {name: web-secrets, namespace: shop}
data: {DJANGO_SECRET_KEY: eA==, DB_PASSWORD: eA==}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-config, namespace: shop}
data: {DJANGO_SECRET_KEY_FILE: /run/secrets/web/DJANGO_SECRET_KEY}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      securityContext:
        runAsUser: 10001
        runAsNonRoot: true
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: web
          image: shop
          ports: [{name: http, containerPort: 8000}]
          envFrom: [{configMapRef: {name: web-config}}]
          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}
          volumeMounts: [{name: secrets, mountPath: /run/secrets/web, readOnly: true}]
      volumes:
        - name: secrets
          secret: {secretName: web-secrets, items: [{key: DJANGO_SECRET_KEY, path: DJANGO_SECRET_KEY}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
        - name: db
          image: postgres:17
          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}
          securityContext:
            runAsUser: 999
            runAsNonRoot: true
            seccompProfile: {type: Localhost, localhostProfile: db.json}
            allowPrivilegeEscalation: false
            capabilities: {drop: [ALL]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress: [{ports: [{protocol: TCP, port: 8000}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress]
  ingress:
    - from: [{podSelector: {matchExpressions: [{key: app, operator: In, values: [web, migrate]}]}}]
      ports: [{protocol: TCP, port: 5432}]
"""


@pytest.fixture
def good() -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(GOOD) if doc]


def _pod(docs: list[dict[str, Any]], kind: str, name: str) -> dict[str, Any]:
    return k8scheck.pod_spec(k8scheck.named(docs, kind, name))


def test_a_manifest_that_meets_every_rule_passes(good: list[dict[str, Any]]) -> None:
    assert k8scheck.restricted_problems(good) == []
    assert k8scheck.namespace_problems(good) == []
    assert k8scheck.resource_problems(good) == []
    assert k8scheck.secret_problems(good) == []
    web, db = k8scheck.workloads(good)
    assert k8scheck.reachable(good, web) == {k8scheck.ANYWHERE: {8000}}
    assert k8scheck.reachable(good, db) == {"Deployment/web": {5432}}


def test_the_restricted_check_names_every_broken_control(good: list[dict[str, Any]]) -> None:
    """One break per control of the published profile, baseline and restricted."""
    docs = copy.deepcopy(good)
    web = _pod(docs, "Deployment", "web")
    web["hostNetwork"] = True
    web["securityContext"] = {"runAsUser": 0, "sysctls": [{"name": "kernel.msgmax", "value": "1"}]}
    web["volumes"].append({"name": "host", "hostPath": {"path": "/var/run/docker.sock"}})
    web["volumes"].append({"name": "nfs", "nfs": {"server": "x", "path": "/"}})
    [container] = web["containers"]
    container["securityContext"] = {"privileged": True, "capabilities": {"add": ["SYS_ADMIN"]}}
    container["ports"][0]["hostPort"] = 80
    container["securityContext"]["seLinuxOptions"] = {"type": "spc_t"}
    web["initContainers"] = [{"name": "init", "image": "shop", "securityContext": {
        "allowPrivilegeEscalation": False, "runAsNonRoot": True, "capabilities": {"drop": ["ALL"]},
        "seccompProfile": {"type": "Unconfined"}, "procMount": "Unmasked"}}]
    assert k8scheck.restricted_problems(docs) == [
        "Deployment/web: hostNetwork is true (host namespaces)",
        "Deployment/web: sysctl kernel.msgmax is not in the safe set",
        "Deployment/web: volume host is a hostPath",
        "Deployment/web initContainers[init]: seccompProfile Unconfined",
        "Deployment/web containers[web]: seLinuxOptions {'type': 'spc_t'}",
        "Deployment/web initContainers[init]: procMount Unmasked",
        "Deployment/web containers[web]: privileged",
        "Deployment/web containers[web]: hostPort 80",
        "Deployment/web: volume host is ['hostPath']",
        "Deployment/web: volume nfs is ['nfs']",
        "Deployment/web: securityContext.runAsUser is 0",
        "Deployment/web initContainers[init]: seccompProfile.type is 'Unconfined', not RuntimeDefault or Localhost",
        "Deployment/web containers[web]: allowPrivilegeEscalation is not false",
        "Deployment/web containers[web]: runAsNonRoot is not true (pod or container)",
        "Deployment/web containers[web]: seccompProfile.type is None, not RuntimeDefault or Localhost",
        "Deployment/web containers[web]: capabilities.drop does not include ALL",
        "Deployment/web containers[web]: capabilities.add ['SYS_ADMIN']",
    ]


def test_a_container_cannot_undo_the_pods_settings(good: list[dict[str, Any]]) -> None:
    docs = copy.deepcopy(good)
    [container] = _pod(docs, "Deployment", "web")["containers"]
    container["securityContext"].update(runAsNonRoot=False, runAsUser=0)
    assert k8scheck.restricted_problems(docs) == [
        "Deployment/web containers[web]: runAsNonRoot is not true (pod or container)",
        "Deployment/web containers[web]: runAsUser is 0",
    ]


def test_namespace_labels_are_checked(good: list[dict[str, Any]]) -> None:
    docs = copy.deepcopy(good)
    labels = docs[0]["metadata"]["labels"]
    labels["pod-security.kubernetes.io/enforce"] = "baseline"
    del labels["pod-security.kubernetes.io/warn"]
    docs[1]["metadata"]["namespace"] = "default"
    assert k8scheck.namespace_problems(docs) == [
        "Namespace/shop: pod-security.kubernetes.io/enforce is 'baseline'",
        "Namespace/shop: pod-security.kubernetes.io/warn is None",
        "Secret/web-secrets: in namespace 'default', not ['shop']",
    ]


def test_missing_requests_and_limits_are_named(good: list[dict[str, Any]]) -> None:
    docs = copy.deepcopy(good)
    [web] = _pod(docs, "Deployment", "web")["containers"]
    del web["resources"]["limits"]
    [db] = _pod(docs, "StatefulSet", "db")["containers"]
    del db["resources"]
    assert k8scheck.resource_problems(docs) == [
        "Deployment/web containers[web]: no resources.limits.memory",
        "StatefulSet/db containers[db]: no resources.requests.cpu",
        "StatefulSet/db containers[db]: no resources.requests.memory",
        "StatefulSet/db containers[db]: no resources.limits.memory",
    ]


def test_secrets_in_the_environment_and_dangling_files_are_named(good: list[dict[str, Any]]) -> None:
    docs = copy.deepcopy(good)
    [web] = _pod(docs, "Deployment", "web")["containers"]
    web["envFrom"].append({"secretRef": {"name": "web-secrets"}})
    web["env"] = [
        {"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "web-secrets", "key": "DB_PASSWORD"}}},
        {"name": "DATABASE_URL_FILE", "value": "/run/secrets/web/DATABASE_URL"},
    ]
    assert k8scheck.secret_problems(docs) == [
        "Deployment/web containers[web]: envFrom a Secret (web-secrets)",
        "Deployment/web containers[web]: DB_PASSWORD from a Secret (secretKeyRef)",
        "Deployment/web containers[web]: DATABASE_URL_FILE=/run/secrets/web/DATABASE_URL is no file of a mounted Secret",
    ]
    secrets = _pod(docs, "Deployment", "web")["volumes"][0]["secret"]
    secrets["items"].append({"key": "DATABASE_URL", "path": "DATABASE_URL"})
    web["envFrom"].pop()
    del web["env"][0]
    assert k8scheck.secret_problems(docs) == [
        "Deployment/web containers[web]: DATABASE_URL_FILE: no key DATABASE_URL in Secret web-secrets"
    ]


def test_reachability_shows_open_pods_and_wide_rules(good: list[dict[str, Any]]) -> None:
    docs = copy.deepcopy(good)
    web, db = k8scheck.workloads(docs)
    policies = k8scheck.by_kind(docs, "NetworkPolicy")
    # without the db policy and the default deny, the database is open to anything on every port
    docs.remove(policies[2])
    docs.remove(policies[0])
    assert k8scheck.reachable(docs, db) == {k8scheck.ANYWHERE: {"*"}}
    # a rule with no ports opens every port; a namespace selector lets other namespaces in
    docs.append({"kind": "NetworkPolicy", "metadata": {"name": "wide"}, "spec": {
        "podSelector": {"matchLabels": {"app": "db"}},
        "ingress": [{"from": [{"namespaceSelector": {}}, {"podSelector": {"matchLabels": {"app": "web"}}}]}]}})
    assert k8scheck.reachable(docs, db) == {"other namespaces": {"*"}, "Deployment/web": {"*"}}
    assert k8scheck.reachable(docs, web) == {k8scheck.ANYWHERE: {8000}}
    assert k8scheck.selects({"matchExpressions": [{"key": "app", "operator": "NotIn", "values": ["web"]}]},
                            {"app": "db"})
    assert not k8scheck.selects({"matchExpressions": [{"key": "tier", "operator": "Exists"}]}, {"app": "db"})
