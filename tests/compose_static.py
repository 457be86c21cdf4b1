"""Checks of deploy/ that need no Docker engine (part of it.test_compose).

- deploy/docker-compose.yml: the services, network, volumes and the loopback-only port;
  every `${ZCRAWL_X:-default}` default equals the default the binaries' --help states,
  and names a flag of the binary the service runs (so the file cannot drift from them);
- deploy/k8s/: every file parses as YAML; a Deployment per stage running its binary;
  Services for the bound endpoints whose selectors and ports meet a Deployment; every
  tcp://NAME:PORT a stage connects to is such a Service; volumes for state and output;
  CURVE keys from the Secret zcrawl-keys (each stage gets its own secret key only);
  HorizontalPodAutoscalers for crawler and parser; the ConfigMap holds only ZCRAWL_
  variables of known flags; the kustomization lists every manifest.
"""
import glob
import os
import re
import subprocess

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STAGES = ["producer", "crawler", "broker", "parser", "sink"]
KEY_IDS = STAGES + ["client"]
SERVICE_PORTS = {"producer": {5551, 5554}, "broker": {5552, 5553}, "sink": {5555, 5556, 8080}}


def help_defaults(bin_dir):
    """binary -> {flag: default or None (bool flags: 'false')}, from each --help."""
    out = {}
    for stage in STAGES:
        text = subprocess.run([os.path.join(bin_dir, "zcrawl-" + stage), "--help"],
                              stdout=subprocess.PIPE, text=True, timeout=30).stdout
        flags = {}
        for line in text.splitlines():
            m = re.match(r"\s+--([a-z0-9-]+)( N| VALUE)?\s", line)
            if not m or m.group(1) in ("help", "version"):
                continue
            d = re.search(r"\[default: ([^\]]*)\]", line)
            flags[m.group(1)] = d.group(1) if d else ("false" if not m.group(2) else None)
        out[stage] = flags
    return out


def check_compose(c, bin_dir):
    path = os.path.join(ROOT, "deploy", "docker-compose.yml")
    raw = open(path).read()
    doc = yaml.safe_load(raw)
    svcs = doc.get("services", {})
    c.ok(set(svcs) == {"keys"} | set(STAGES), "compose: services keys + the five stages (%s)"
         % sorted(svcs))
    c.ok("version" not in doc, "compose: no version key (the Compose spec, v1.29 and v2 alike)")
    c.ok(list(doc.get("networks", {})) == ["zcrawl"] and
         set(doc.get("volumes", {})) == {"keys", "state", "out"},
         "compose: one private network and the keys, state and out volumes")
    for name, s in svcs.items():
        c.ok(s.get("networks") == ["zcrawl"], "compose: %s on the private network only" % name)
        c.ok(s.get("image") == "${ZCRAWL_IMAGE:-zcrawl:latest}" and "build" in s,
             "compose: %s runs the one image, built from deploy/Dockerfile" % name)
    ports = [p for s in svcs.values() for p in s.get("ports", [])]
    c.ok(ports == ["127.0.0.1:${ZCRAWL_DASHBOARD_PORT:-8080}:8080"],
         "compose: only the sink's HTTP is published, on 127.0.0.1 (%s)" % ports)
    c.ok(all(str(s.get("restart")) == "on-failure" for n, s in svcs.items() if n != "keys") and
         all(s["deploy"]["restart_policy"]["condition"] == "on-failure" for s in svcs.values()),
         "compose: restart on failure (compose and swarm), so a producer done exits for good")
    c.ok(all(s.get("environment", {}).get("ZCRAWL_CURVE") == "/keys" for n, s in svcs.items()
             if n != "keys"), "compose: every stage runs with ZCRAWL_CURVE=/keys")
    if not bin_dir or not os.path.exists(os.path.join(bin_dir, "zcrawl-producer")):
        print("compose: --bin not given: the defaults are not compared with --help")
        return
    defaults = help_defaults(bin_dir)
    compared, wrong = 0, []
    for stage in STAGES:
        env = svcs[stage].get("environment", {})
        for var, value in env.items():
            flag = var[len("ZCRAWL_"):].lower().replace("_", "-")
            if var in ("ZCRAWL_KEYS_WAIT_S",):
                continue  # the entrypoint's own
            if flag not in defaults[stage]:
                wrong.append("%s: %s is no flag of zcrawl-%s" % (stage, var, stage))
                continue
            m = re.fullmatch(r"\$\{(ZCRAWL_[A-Z_]+):-(.*)\}", str(value or ""))
            if not m:
                continue
            compared += 1
            if m.group(1) != var:
                wrong.append("%s: %s takes ${%s}" % (stage, var, m.group(1)))
            want = defaults[stage][flag]
            if (m.group(2) or None) != want and not (want is None and m.group(2) == ""):
                wrong.append("%s: %s defaults to %r, --help says %r"
                             % (stage, var, m.group(2), want))
    c.ok(not wrong and compared >= 30, "compose: %d defaults equal the binaries' own, every "
         "variable a flag of its stage (%s)" % (compared, wrong))
    return defaults


def _labels_match(selector, labels):
    return all(labels.get(k) == v for k, v in (selector or {}).items())


def check_k8s(c, defaults):
    kdir = os.path.join(ROOT, "deploy", "k8s")
    docs, files = [], sorted(glob.glob(os.path.join(kdir, "*.yaml")))
    for f in files:
        try:
            docs += [(os.path.basename(f), d) for d in yaml.safe_load_all(open(f)) if d]
        except yaml.YAMLError as e:
            c.ok(False, "k8s: %s parses (%s)" % (f, e))
    by = {}
    for f, d in docs:
        c.ok("apiVersion" in d and "kind" in d, "k8s: %s: a %s has apiVersion and kind"
             % (f, d.get("kind")))
        by.setdefault(d["kind"], {})[d.get("metadata", {}).get("name")] = d
    kust = by.get("Kustomization", {}).get(None)
    c.ok(kust and sorted(kust["resources"]) == sorted(
        os.path.basename(f) for f in files if not f.endswith("kustomization.yaml")),
         "k8s: the kustomization lists every manifest")
    deps = by.get("Deployment", {})
    c.ok(set(deps) == set(STAGES), "k8s: a Deployment per stage (%s)" % sorted(deps))
    svcs = by.get("Service", {})
    for name, want in SERVICE_PORTS.items():
        s = svcs.get(name)
        ports = {p["port"] for p in (s or {}).get("spec", {}).get("ports", [])}
        c.ok(ports == want, "k8s: Service %s has ports %s (%s)" % (name, sorted(want), ports))
        d = deps.get(name, {})
        labels = d.get("spec", {}).get("template", {}).get("metadata", {}).get("labels", {})
        c.ok(s and _labels_match(s["spec"]["selector"], labels),
             "k8s: Service %s selects the %s pods" % (name, name))
        cports = {p["containerPort"] for ct in d.get("spec", {}).get("template", {}).get(
            "spec", {}).get("containers", []) for p in ct.get("ports", [])}
        c.ok(want <= cports, "k8s: the %s container declares ports %s" % (name, sorted(want)))
    pvcs = by.get("PersistentVolumeClaim", {})
    c.ok(set(pvcs) == {"zcrawl-state", "zcrawl-out"}, "k8s: PVCs for state and output")
    hpas = by.get("HorizontalPodAutoscaler", {})
    c.ok(set(hpas) == {"crawler", "parser"}, "k8s: autoscalers for crawler and parser")
    for name, h in hpas.items():
        ref = h["spec"]["scaleTargetRef"]
        c.ok(ref["kind"] == "Deployment" and ref["name"] == name and
             h["spec"]["minReplicas"] >= 1 and h["spec"]["maxReplicas"] > h["spec"]["minReplicas"],
             "k8s: the %s autoscaler scales its Deployment" % name)
    cm = by.get("ConfigMap", {}).get("zcrawl-config", {}).get("data", {})
    known = set()
    for flags in (defaults or {}).values():
        known |= {"ZCRAWL_" + f.upper().replace("-", "_") for f in flags}
    c.ok(cm and all(k.startswith("ZCRAWL_") for k in cm) and
         (not known or set(cm) <= known), "k8s: the ConfigMap holds flags' variables (%s)"
         % sorted(set(cm) - known))
    for name, d in deps.items():
        spec = d["spec"]
        tpl = spec["template"]
        c.ok(_labels_match(spec["selector"]["matchLabels"], tpl["metadata"]["labels"]),
             "k8s: %s: the selector matches its pods" % name)
        pod = tpl["spec"]
        ct = pod["containers"][0]
        c.ok("zcrawl-" + name in ct.get("command", []), "k8s: %s runs zcrawl-%s" % (name, name))
        c.ok(pod.get("securityContext", {}).get("runAsNonRoot") is True,
             "k8s: %s runs as non-root" % name)
        env = {e["name"]: e.get("value") for e in ct.get("env", [])}
        c.ok(env.get("ZCRAWL_CURVE") == "/keys", "k8s: %s runs with ZCRAWL_CURVE" % name)
        for var, val in env.items():
            m = re.fullmatch(r"tcp://([a-z0-9-]+):(\d+)", val or "")
            if m and m.group(1) not in ("localhost",):
                c.ok(int(m.group(2)) in SERVICE_PORTS.get(m.group(1), set()),
                     "k8s: %s's %s=%s is a Service's port" % (name, var, val))
        vols = {v["name"]: v for v in pod.get("volumes", [])}
        sec = vols.get("secret", {}).get("secret", {})
        items = {i["key"] for i in sec.get("items", [])}
        c.ok(sec.get("secretName") == "zcrawl-keys" and
             items == {k + ".key" for k in KEY_IDS} | {name + ".key_secret"},
             "k8s: %s gets every public key and its own secret key only (%s)" % (name, items))
        mounts = {m["mountPath"]: m["name"] for m in ct.get("volumeMounts", [])}
        want = {"producer": ("/state", "zcrawl-state"), "sink": ("/out", "zcrawl-out")}.get(name)
        if want:
            claim = vols.get(mounts.get(want[0]), {}).get("persistentVolumeClaim", {})
            c.ok(claim.get("claimName") == want[1], "k8s: %s keeps %s on %s"
                 % (name, want[0], want[1]))
        c.ok(ct.get("livenessProbe", {}).get("exec", {}).get("command") == ["zcrawl-healthcheck"],
             "k8s: %s has the image's healthcheck as liveness probe" % name)
        if name in hpas:
            c.ok(ct.get("resources", {}).get("requests", {}).get("cpu"),
                 "k8s: %s requests CPU (the autoscaler's measure)" % name)


def run(c, bin_dir):
    defaults = check_compose(c, bin_dir)
    check_k8s(c, defaults)
