#!/usr/bin/env python3
"""deploy/k8s/ on a real one-node Kubernetes cluster, built from source on this machine.

No registry and no cluster are reachable from the machines zcrawl is developed on, so this
script makes one: the Kubernetes binaries (kube-apiserver, kube-controller-manager,
kube-scheduler, kubelet, kube-proxy), CoreDNS and metrics-server are built from the Go
module proxy, etcd,
containerd, runc and the CNI plugins come from Debian, and every image (a pause image, the
zcrawl image from deploy/Dockerfile, the test site's image) is imported into the node's
containerd instead of pulled. The cluster gets its own etcd, its own containerd socket and
its own CNI bridge, and is torn down (processes stopped by PID, mounts, bridge and iptables
rules removed) at the end.

It then applies deploy/k8s/ through a kustomize overlay that only sets the image, the seeds
(a generated site served by its own Deployment, tests/compose_site.py, one Service per host
name), ZCRAWL_ALLOW_PRIVATE (Service addresses are private), two hostPath PersistentVolumes
for the two claims, and the autoscalers' target at 1% of the CPU request with at most 3 pods
(at 70% a short crawl on two cores would never scale). During the crawl it deletes the
producer pod (--force, no grace: a crash) and a crawler pod; afterwards every page must be
in the sink's pages.jsonl exactly once, the dashboard must answer through
`kubectl port-forward`, and the HorizontalPodAutoscalers must have read the pods' CPU from
the metrics API and raised a Deployment above its 2 replicas.

Needs root, Docker (to build the images), Go with the module proxy, and Debian's packages
etcd-server, containerd, runc, containernetworking-plugins and kubectl (installed if
missing). Not part of test.sh: the first build of Kubernetes takes about 10 minutes on two
cores (then cached in ~/.cache/zcrawl-k8s and Go's build cache).

    sudo python3 tests/k8s_onenode.py [--keep] [--k8s-version v1.34.4]
"""
import argparse
import json
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compose_lib  # noqa: E402
import compose_site  # noqa: E402
import zctest  # noqa: E402

ROOT = compose_lib.ROOT
COREDNS = "v1.11.3"
METRICS_SERVER = "v0.7.2"
HOSTS, PAGES, SITE_DELAY_MS = 3, 1500, 20
POD_CIDR, SVC_CIDR, SVC_API = "10.88.0.0/16", "10.96.0.0/16", "10.96.0.1"
STAGING = ["api", "apiextensions-apiserver", "apimachinery", "apiserver", "cli-runtime",
           "client-go", "cloud-provider", "cluster-bootstrap", "code-generator",
           "component-base", "component-helpers", "controller-manager", "cri-api",
           "cri-client", "csi-translation-lib", "dynamic-resource-allocation",
           "endpointslice", "externaljwt", "kms", "kube-aggregator",
           "kube-controller-manager", "kube-proxy", "kube-scheduler", "kubectl", "kubelet",
           "metrics", "mount-utils", "pod-security-admission", "sample-apiserver",
           "sample-cli-plugin", "sample-controller"]
BINARIES = ["kube-apiserver", "kube-controller-manager", "kube-scheduler", "kubelet",
            "kube-proxy"]


def log(msg):
    print("k8s_onenode: " + msg, flush=True)


def run(cmd, timeout=120, check=True, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kw)
    if check and r.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd), r.returncode,
                                                   (r.stderr or r.stdout)[-2000:]))
    return r


# --------------------------------------------------------------------------- building

def build_kubernetes(version, cache):
    """Builds the Kubernetes binaries of version into cache/bin (once). The module zip of
    k8s.io/kubernetes leaves out its staging modules, which its go.mod replaces with local
    paths: a module of our own requires it and points each staging module at its published
    release (v0.X.Y for v1.X.Y)."""
    out = os.path.join(cache, version)
    if all(os.access(os.path.join(out, b), os.X_OK) for b in BINARIES):
        return out
    os.makedirs(out, exist_ok=True)
    mod = os.path.join(cache, "mod-" + version)
    os.makedirs(mod, exist_ok=True)
    staging_v = "v0." + version.split(".", 1)[1]
    with open(os.path.join(mod, "go.mod"), "w") as f:
        f.write("module zck8s\n\ngo 1.24\n\nrequire k8s.io/kubernetes %s\n\nreplace (\n" % version)
        for m in STAGING:
            f.write("\tk8s.io/%s => k8s.io/%s %s\n" % (m, m, staging_v))
        f.write(")\n")
    with open(os.path.join(mod, "tools.go"), "w") as f:
        f.write("//go:build tools\n\npackage tools\n\nimport (\n")
        for b in BINARIES:
            f.write('\t_ "k8s.io/kubernetes/cmd/%s"\n' % b)
        f.write(")\n")
    env = dict(os.environ, GOFLAGS="-mod=mod")
    t = time.time()
    run(["go", "mod", "tidy"], timeout=1800, cwd=mod, env=env)
    for b in BINARIES:
        run(["go", "build", "-o", os.path.join(out, b), "k8s.io/kubernetes/cmd/" + b],
            timeout=3600, cwd=mod, env=env)
    log("Kubernetes %s built (%.0f s)" % (version, time.time() - t))
    return out


def go_install(cache, pkg, version, name):
    path = os.path.join(cache, "%s-%s" % (name, version))
    if os.access(path, os.X_OK):
        return path
    gobin = tempfile.mkdtemp(prefix="zcgobin.")
    run(["go", "install", "%s@%s" % (pkg, version)], timeout=1800,
        env=dict(os.environ, GOBIN=gobin, GOFLAGS="-mod=mod"))
    shutil.move(os.path.join(gobin, name), path)
    shutil.rmtree(gobin, ignore_errors=True)
    return path


def ensure_packages():
    need = [p for p, exe in [("etcd-server", "etcd"), ("containerd", "containerd"),
                             ("runc", "runc"), ("containernetworking-plugins", None)]
            if (exe and not shutil.which(exe)) or
            (not exe and not os.path.exists("/usr/lib/cni/bridge"))]
    if not shutil.which("kubectl"):
        need.append("kubernetes-client")
    if need:
        log("installing " + " ".join(need))
        run(["apt-get", "install", "-y", "-q"] + need, timeout=900,
            env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def node_ip():
    r = run(["ip", "-4", "route", "get", "192.0.2.200"], check=False)
    parts = r.stdout.split()
    if "src" in parts:
        return parts[parts.index("src") + 1]
    raise RuntimeError("no IPv4 address with a route: %s" % r.stdout)


# --------------------------------------------------------------------------- the cluster

class Cluster:
    def __init__(self, work, kbin, coredns, metrics_server):
        self.work, self.kbin, self.coredns = work, kbin, coredns
        self.metrics_server = metrics_server
        self.procs = []                     # (name, Popen), stopped in reverse order
        self.ip = node_ip()
        self.sock = os.path.join(work, "containerd", "containerd.sock")
        self.kubeconfig = os.path.join(work, "admin.kubeconfig")
        self.kroot = os.path.join(work, "kubelet")
        self.pki = os.path.join(work, "pki")
        self.fwd_rules = [["FORWARD", "-s", POD_CIDR, "-j", "ACCEPT"],
                          ["FORWARD", "-d", POD_CIDR, "-j", "ACCEPT"]]

    def start(self, name, cmd, **kw):
        logf = open(os.path.join(self.work, "logs", name + ".log"), "w")
        p = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL, start_new_session=True, **kw)
        self.procs.append((name, p))
        return p

    def kubectl(self, *args, timeout=120, check=True):
        return run(["kubectl", "--kubeconfig", self.kubeconfig] + list(args),
                   timeout=timeout, check=check)

    def pki_setup(self):
        os.makedirs(self.pki)
        p = lambda n: os.path.join(self.pki, n)  # noqa: E731
        run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", p("ca.key"),
             "-out", p("ca.crt"), "-days", "2", "-subj", "/CN=zcrawl-test-ca"])
        run(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", p("api.key"),
             "-out", p("api.csr"), "-subj", "/CN=kube-apiserver"])
        with open(p("san.ext"), "w") as f:
            f.write("subjectAltName=IP:127.0.0.1,IP:%s,IP:%s,DNS:kubernetes,"
                    "DNS:kubernetes.default,DNS:kubernetes.default.svc,"
                    "DNS:kubernetes.default.svc.cluster.local\n" % (SVC_API, self.ip))
        run(["openssl", "x509", "-req", "-in", p("api.csr"), "-CA", p("ca.crt"), "-CAkey",
             p("ca.key"), "-CAcreateserial", "-out", p("api.crt"), "-days", "2", "-extfile",
             p("san.ext")])
        # The aggregation layer's client certificate (the API server to metrics-server).
        run(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", p("proxy.key"),
             "-out", p("proxy.csr"), "-subj", "/CN=front-proxy-client"])
        run(["openssl", "x509", "-req", "-in", p("proxy.csr"), "-CA", p("ca.crt"), "-CAkey",
             p("ca.key"), "-CAcreateserial", "-out", p("proxy.crt"), "-days", "2"])
        run(["openssl", "genrsa", "-out", p("sa.key"), "2048"])
        run(["openssl", "rsa", "-in", p("sa.key"), "-pubout", "-out", p("sa.pub")])
        token = os.urandom(16).hex()
        with open(p("tokens.csv"), "w") as f:
            f.write("%s,admin,admin,system:masters\n" % token)
        with open(self.kubeconfig, "w") as f:
            f.write("apiVersion: v1\nkind: Config\nclusters:\n- name: zc\n  cluster:\n"
                    "    server: https://127.0.0.1:6443\n    certificate-authority: %s\n"
                    "users:\n- name: admin\n  user:\n    token: %s\ncontexts:\n- name: zc\n"
                    "  context: {cluster: zc, user: admin}\ncurrent-context: zc\n"
                    % (p("ca.crt"), token))

    def up(self):
        w, k = self.work, self.kbin
        os.makedirs(os.path.join(w, "logs"))
        for port in (2379, 2380, 6443, 10250, 10256):
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)   # TIME_WAIT is no owner
            try:
                s.bind(("0.0.0.0", port))
            except OSError:
                raise RuntimeError("port %d is taken: is another cluster running?" % port)
            finally:
                s.close()
        self.pki_setup()
        p = lambda n: os.path.join(self.pki, n)  # noqa: E731
        self.start("etcd", ["etcd", "--data-dir", os.path.join(w, "etcd"),
                            "--listen-client-urls", "http://127.0.0.1:2379",
                            "--advertise-client-urls", "http://127.0.0.1:2379",
                            "--listen-peer-urls", "http://127.0.0.1:2380"])
        self.start("kube-apiserver", [
            os.path.join(k, "kube-apiserver"), "--etcd-servers=http://127.0.0.1:2379",
            "--service-cluster-ip-range=" + SVC_CIDR, "--secure-port=6443",
            "--advertise-address=" + self.ip, "--tls-cert-file=" + p("api.crt"),
            "--tls-private-key-file=" + p("api.key"), "--client-ca-file=" + p("ca.crt"),
            "--token-auth-file=" + p("tokens.csv"), "--authorization-mode=AlwaysAllow",
            "--service-account-key-file=" + p("sa.pub"),
            "--service-account-signing-key-file=" + p("sa.key"),
            "--service-account-issuer=https://kubernetes.default.svc",
            "--kubelet-preferred-address-types=InternalIP",
            "--requestheader-client-ca-file=" + p("ca.crt"),
            "--requestheader-allowed-names=front-proxy-client",
            "--requestheader-username-headers=X-Remote-User",
            "--requestheader-group-headers=X-Remote-Group",
            "--requestheader-extra-headers-prefix=X-Remote-Extra-",
            "--proxy-client-cert-file=" + p("proxy.crt"),
            "--proxy-client-key-file=" + p("proxy.key"), "--enable-aggregator-routing=true"])
        zctest.wait_for(lambda: self.kubectl("get", "--raw", "/readyz", check=False,
                                             timeout=10).stdout == "ok", 90, "the API server")
        # containerd: its own instance, state and socket (Docker's stays untouched). The
        # sandbox may not lower its OOM score below containerd's own where the process lacks
        # CAP_SYS_RESOURCE (a machine that is itself a container).
        cd = os.path.join(w, "containerd")
        os.makedirs(os.path.join(w, "cni"))
        os.makedirs(cd)
        with open(os.path.join(cd, "config.toml"), "w") as f:
            f.write('version = 2\nroot = "%s/root"\nstate = "%s/state"\n[grpc]\n  address = "%s"\n'
                    '[plugins]\n  [plugins."io.containerd.grpc.v1.cri"]\n'
                    '    sandbox_image = "registry.k8s.io/pause:3.10"\n'
                    '    restrict_oom_score_adj = true\n'
                    '    [plugins."io.containerd.grpc.v1.cri".cni]\n'
                    '      bin_dir = "/usr/lib/cni"\n      conf_dir = "%s/cni"\n'
                    '  [plugins."io.containerd.internal.v1.opt"]\n    path = "%s/opt"\n'
                    % (cd, cd, self.sock, w, cd))
        with open(os.path.join(w, "cni", "10-zc.conflist"), "w") as f:
            json.dump({"cniVersion": "0.4.0", "name": "zc-pods", "plugins": [
                {"type": "bridge", "bridge": "zccni0", "isGateway": True, "ipMasq": True,
                 "hairpinMode": True, "ipam": {"type": "host-local",
                                               "ranges": [[{"subnet": POD_CIDR}]],
                                               "routes": [{"dst": "0.0.0.0/0"}]}},
                {"type": "portmap", "capabilities": {"portMappings": True}},
                {"type": "loopback"}]}, f)
        self.start("containerd", ["containerd", "--config", os.path.join(cd, "config.toml")])
        zctest.wait_for(lambda: run(["ctr", "-a", self.sock, "version"], check=False,
                                    timeout=10).returncode == 0, 30, "containerd")
        # Docker's FORWARD policy drops what it does not know; pods talk through the bridge.
        for r in self.fwd_rules:
            run(["iptables", "-I"] + r)
        with open(os.path.join(w, "resolv.conf"), "w") as f:
            f.write("nameserver %s\n" % self.ip)
        with open(os.path.join(w, "kubelet.yaml"), "w") as f:
            f.write("apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n"
                    "cgroupDriver: cgroupfs\nfailSwapOn: false\nfailCgroupV1: false\n"
                    "clusterDNS: [\"%s\"]\nclusterDomain: cluster.local\nresolvConf: %s\n"
                    "authentication:\n  anonymous: {enabled: true}\n  webhook: {enabled: false}\n"
                    "authorization: {mode: AlwaysAllow}\n"
                    "evictionHard: {\"memory.available\": \"100Mi\", \"nodefs.available\": \"1%%\","
                    " \"imagefs.available\": \"1%%\"}\n"
                    "imageGCHighThresholdPercent: 100\nimageGCLowThresholdPercent: 99\n"
                    % (self.ip, os.path.join(w, "resolv.conf")))
        self.start("kubelet", [os.path.join(k, "kubelet"), "--kubeconfig=" + self.kubeconfig,
                               "--config=" + os.path.join(w, "kubelet.yaml"),
                               "--container-runtime-endpoint=unix://" + self.sock,
                               "--root-dir=" + self.kroot, "--hostname-override=zc-node",
                               "--node-ip=" + self.ip])
        self.start("kube-controller-manager", [
            os.path.join(k, "kube-controller-manager"), "--kubeconfig=" + self.kubeconfig,
            "--service-account-private-key-file=" + p("sa.key"),
            "--root-ca-file=" + p("ca.crt"), "--leader-elect=false",
            "--cluster-cidr=" + POD_CIDR, "--service-cluster-ip-range=" + SVC_CIDR])
        self.start("kube-scheduler", [os.path.join(k, "kube-scheduler"),
                                      "--kubeconfig=" + self.kubeconfig, "--leader-elect=false"])
        self.start("kube-proxy", [os.path.join(k, "kube-proxy"), "--kubeconfig=" + self.kubeconfig,
                                  "--proxy-mode=iptables", "--cluster-cidr=" + POD_CIDR,
                                  "--hostname-override=zc-node"])
        with open(os.path.join(w, "Corefile"), "w") as f:
            f.write(".:53 {\n    bind %s\n    errors\n"
                    "    kubernetes cluster.local in-addr.arpa ip6.arpa {\n"
                    "        kubeconfig %s zc\n        pods insecure\n    }\n}\n"
                    % (self.ip, self.kubeconfig))
        self.start("coredns", [self.coredns, "-conf", os.path.join(w, "Corefile")])
        # metrics-server on the node, behind a Service without selector, registered as the
        # metrics API: what the HorizontalPodAutoscalers read.
        self.start("metrics-server", [
            self.metrics_server, "--kubeconfig=" + self.kubeconfig,
            "--authentication-kubeconfig=" + self.kubeconfig,
            "--authorization-kubeconfig=" + self.kubeconfig, "--bind-address=" + self.ip,
            "--secure-port=4443", "--cert-dir=" + os.path.join(w, "metrics-server"),
            "--kubelet-insecure-tls", "--kubelet-preferred-address-types=InternalIP",
            "--metric-resolution=15s"])   # more than its kubelet timeout (10 s)
        with open(os.path.join(w, "metrics-api.yaml"), "w") as f:
            f.write("apiVersion: v1\nkind: Service\nmetadata: {name: metrics-server, namespace: "
                    "kube-system}\nspec:\n  ports: [{port: 443, targetPort: 4443}]\n---\n"
                    "apiVersion: v1\nkind: Endpoints\nmetadata: {name: metrics-server, namespace: "
                    "kube-system}\nsubsets:\n  - addresses: [{ip: \"%s\"}]\n"
                    "    ports: [{port: 4443}]\n---\n"
                    "apiVersion: apiregistration.k8s.io/v1\nkind: APIService\n"
                    "metadata: {name: v1beta1.metrics.k8s.io}\nspec:\n"
                    "  service: {name: metrics-server, namespace: kube-system}\n"
                    "  group: metrics.k8s.io\n  version: v1beta1\n  insecureSkipTLSVerify: true\n"
                    "  groupPriorityMinimum: 100\n  versionPriority: 100\n" % self.ip)
        self.kubectl("apply", "-f", os.path.join(w, "metrics-api.yaml"))

    def import_image(self, ref, name=None):
        save = subprocess.Popen(["docker", "save", ref], stdout=subprocess.PIPE)
        r = subprocess.run(["ctr", "-a", self.sock, "-n", "k8s.io", "images", "import", "-"],
                           stdin=save.stdout, capture_output=True, text=True, timeout=600)
        save.stdout.close()
        save.wait(timeout=60)
        if r.returncode != 0 or save.returncode != 0:
            raise RuntimeError("importing %s: %s" % (ref, r.stderr))

    def down(self):
        """Containers first (through containerd), then every process by PID, then what
        the node left on the host: mounts, the bridge, iptables rules, network namespaces."""
        if any(n == "containerd" for n, _ in self.procs):
            ctr = ["ctr", "-a", self.sock, "-n", "k8s.io"]
            for name, p in self.procs:
                if name == "kubelet" and p.poll() is None:
                    p.send_signal(signal.SIGTERM)
                    try:
                        p.wait(timeout=20)
                    except subprocess.TimeoutExpired:
                        p.kill()
            tasks = run(ctr + ["tasks", "ls", "-q"], check=False, timeout=30).stdout.split()
            for t in tasks:
                run(ctr + ["tasks", "kill", "-s", "SIGKILL", t], check=False, timeout=30)
            deadline = time.time() + 30
            while tasks and time.time() < deadline:
                tasks = run(ctr + ["tasks", "ls", "-q"], check=False, timeout=30).stdout.split()
                for t in tasks:
                    run(ctr + ["tasks", "rm", "-f", t], check=False, timeout=30)
                time.sleep(0.5)
            for c in run(ctr + ["containers", "ls", "-q"], check=False, timeout=30).stdout.split():
                run(ctr + ["containers", "rm", c], check=False, timeout=30)
        for name, p in reversed(self.procs):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait(timeout=10)
        # The shims of our containerd (their sockets and state live in the work dir).
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    cmd = open("/proc/%s/cmdline" % d, "rb").read().split(b"\0")
                except OSError:
                    continue
                if cmd and cmd[0].endswith(b"containerd-shim-runc-v2") and \
                        self.sock.encode() in b" ".join(cmd):
                    try:
                        os.kill(int(d), signal.SIGKILL)
                    except ProcessLookupError:
                        pass
        if os.path.exists(os.path.join(self.kbin, "kube-proxy")):
            run([os.path.join(self.kbin, "kube-proxy"), "--cleanup"], check=False, timeout=60)
        mounts = [line.split()[1] for line in open("/proc/mounts")
                  if line.split()[1].startswith(self.work + "/")]
        for m in sorted(mounts, key=len, reverse=True):
            run(["umount", "-l", m], check=False)
        for r in self.fwd_rules:
            run(["iptables", "-D"] + r, check=False)
        # The bridge plugin's masquerade rules (CNI-<id> chains) of sandboxes never deleted,
        # and the kubelet's own chains (kube-proxy --cleanup removed kube-proxy's).
        kubelet_chains = ("-N KUBE-KUBELET-CANARY", "-N KUBE-FIREWALL", "-N KUBE-IPTABLES-HINT")
        for table in ("nat", "filter", "mangle"):
            rules = run(["iptables", "-t", table, "-S"], check=False).stdout.splitlines()
            for line in rules:
                if (line.startswith("-A POSTROUTING") and "CNI-" in line) or \
                        (line.startswith(("-A INPUT", "-A OUTPUT")) and "-j KUBE-FIREWALL" in line):
                    run(["iptables", "-t", table, "-D"] + shlex.split(line)[1:], check=False)
            for line in rules:
                if line.startswith("-N CNI-") or line.startswith(kubelet_chains):
                    run(["iptables", "-t", table, "-F", line.split()[1]], check=False)
                    run(["iptables", "-t", table, "-X", line.split()[1]], check=False)
        run(["ip", "link", "del", "zccni0"], check=False)
        for ns in run(["ip", "netns", "list"], check=False).stdout.split("\n"):
            if ns.startswith("cni-"):
                run(["ip", "netns", "delete", ns.split()[0]], check=False)


# --------------------------------------------------------------------------- the crawl

def overlay(work, image, site_image, pv_state, pv_out):
    d = os.path.join(work, "overlay")
    os.makedirs(d)
    base = os.path.relpath(os.path.join(ROOT, "deploy", "k8s"), d)
    name, tag = image.rsplit(":", 1)
    seeds = " ".join(compose_site.seeds(HOSTS, compose_lib.SITE_PORT))
    with open(os.path.join(d, "kustomization.yaml"), "w") as f:
        f.write("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                "resources:\n  - %s\n  - site.yaml\n  - pv.yaml\n"
                "images:\n  - name: zcrawl\n    newName: docker.io/library/%s\n    newTag: %s\n"
                "patches:\n  - target: {kind: ConfigMap, name: zcrawl-config}\n    patch: |-\n"
                "      - {op: replace, path: /data/ZCRAWL_SEED, value: \"%s\"}\n"
                "      - {op: replace, path: /data/ZCRAWL_DELAY_MS, value: \"100\"}\n"
                "      - {op: add, path: /data/ZCRAWL_ALLOW_PRIVATE, value: \"true\"}\n"
                # A short crawl on two cores: the autoscalers act at 1% of the CPU request
                # (not 70%), up to 3 pods, so that they visibly scale within the test.
                "  - target: {kind: HorizontalPodAutoscaler}\n    patch: |-\n"
                "      - {op: replace, path: /spec/maxReplicas, value: 3}\n"
                "      - {op: replace, path: /spec/metrics/0/resource/target/averageUtilization,"
                " value: 1}\n"
                % (base, name, tag, seeds))
    with open(os.path.join(d, "pv.yaml"), "w") as f:
        for n, path in [("zc-test-state", pv_state), ("zc-test-out", pv_out)]:
            f.write("---\napiVersion: v1\nkind: PersistentVolume\nmetadata: {name: %s}\n"
                    "spec:\n  capacity: {storage: 10Gi}\n  accessModes: [ReadWriteOnce]\n"
                    "  persistentVolumeReclaimPolicy: Retain\n  hostPath: {path: %s}\n"
                    % (n, path))
    with open(os.path.join(d, "site.yaml"), "w") as f:
        f.write("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: site}\nspec:\n"
                "  replicas: 1\n  selector: {matchLabels: {app: zc-site}}\n  template:\n"
                "    metadata: {labels: {app: zc-site}}\n    spec:\n      containers:\n"
                "        - name: site\n          image: docker.io/library/%s\n"
                "          imagePullPolicy: Never\n"
                "          args: [\"--port\", \"%d\", \"--hosts\", \"%d\", \"--pages\", \"%d\","
                " \"--delay-ms\", \"%d\"]\n"
                % (site_image, compose_lib.SITE_PORT, HOSTS, PAGES, SITE_DELAY_MS))
        for k in range(HOSTS):
            f.write("---\napiVersion: v1\nkind: Service\nmetadata: {name: %s}\nspec:\n"
                    "  selector: {app: zc-site}\n  ports: [{port: %d, targetPort: %d}]\n"
                    % (compose_site.host_name(k), compose_lib.SITE_PORT, compose_lib.SITE_PORT))
    return d


def pods(cl, component):
    r = cl.kubectl("get", "pods", "-l", "app.kubernetes.io/component=" + component,
                   "-o", "json", check=False)
    try:
        return [p for p in json.loads(r.stdout)["items"]
                if not p["metadata"].get("deletionTimestamp")]
    except (ValueError, KeyError):
        return []


def sink_stats(port):
    try:
        status, body = zctest.http_get(port, "/stats", timeout=3)
        return json.loads(body) if status == 200 else None
    except (OSError, ValueError):
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--keep", action="store_true", help="keep the work dir (logs)")
    ap.add_argument("--k8s-version", default="v1.34.4")
    ap.add_argument("--cache", default=os.path.expanduser("~/.cache/zcrawl-k8s"))
    a = ap.parse_args()
    if os.geteuid() != 0:
        sys.exit("k8s_onenode: needs root (a kubelet, containerd, iptables)")
    for exe in ("go", "docker", "openssl", "gcc", "ip", "iptables"):
        if not shutil.which(exe):
            sys.exit("k8s_onenode: %s not found" % exe)
    c = zctest.Checks("k8s_onenode")
    ensure_packages()
    os.makedirs(a.cache, exist_ok=True)
    kbin = build_kubernetes(a.k8s_version, a.cache)
    coredns = go_install(a.cache, "github.com/coredns/coredns", COREDNS, "coredns")
    metrics_server = go_install(a.cache, "sigs.k8s.io/metrics-server/cmd/metrics-server",
                                METRICS_SERVER, "metrics-server")
    image, _probe = compose_lib.build_images()
    site_image = compose_lib.build_site_image()

    work = tempfile.mkdtemp(prefix="zck8s.")
    cl = Cluster(work, kbin, coredns, metrics_server)
    pf = None
    try:
        # The pause image: a static binary that sleeps until it is told to stop.
        pdir = os.path.join(work, "pause")
        os.makedirs(os.path.join(pdir, "root"))
        with open(os.path.join(pdir, "pause.c"), "w") as f:
            f.write("#include <signal.h>\n#include <unistd.h>\n"
                    "static void on(int s) { (void)s; _exit(0); }\n"
                    "int main(void) { signal(SIGTERM, on); signal(SIGINT, on);"
                    " for (;;) pause(); }\n")
        run(["gcc", "-O2", "-static", "-o", os.path.join(pdir, "root", "pause"),
             os.path.join(pdir, "pause.c")])
        run(["tar", "-C", os.path.join(pdir, "root"), "-cf", os.path.join(pdir, "pause.tar"), "."])
        run(["docker", "import", "-c", 'ENTRYPOINT ["/pause"]', os.path.join(pdir, "pause.tar"),
             "registry.k8s.io/pause:3.10"])

        cl.up()
        for ref in ("registry.k8s.io/pause:3.10", image, site_image):
            cl.import_image(ref)
        zctest.wait_for(lambda: "True" in cl.kubectl(
            "get", "nodes", "-o", "jsonpath={.items[*].status.conditions[?(@.type==\"Ready\")].status}",
            check=False).stdout, 90, "the node to be Ready")
        zctest.wait_for(lambda: cl.kubectl("get", "serviceaccount", "default", check=False)
                        .returncode == 0, 60, "the default service account")
        zctest.wait_for(lambda: cl.kubectl("get", "--raw", "/apis/metrics.k8s.io/v1beta1/nodes",
                                           check=False, timeout=10).returncode == 0,
                        90, "the metrics API (metrics-server)", step=1)
        log("one-node cluster up: Kubernetes %s, node %s" % (a.k8s_version, cl.ip))

        keys = os.path.join(work, "keys")
        run([os.path.join(ROOT, "build", "bin", "zcrawl") if os.path.exists(
            os.path.join(ROOT, "build", "bin", "zcrawl")) else "zcrawl", "keygen", keys])
        cl.kubectl("create", "secret", "generic", "zcrawl-keys", "--from-file=" + keys)
        pv_state, pv_out = os.path.join(work, "pv-state"), os.path.join(work, "pv-out")
        for d in (pv_state, pv_out):
            os.makedirs(d)
            os.chown(d, 10001, 10001)    # the image's user; hostPath ignores fsGroup
        ov = overlay(work, image, site_image, pv_state, pv_out)
        r = cl.kubectl("apply", "-k", ov, check=False)
        c.ok(r.returncode == 0, "kubectl apply -k of deploy/k8s through the overlay: %s"
             % (r.stderr or "")[-500:])

        def available():
            r = cl.kubectl("get", "deploy", "-o", "json", check=False)
            try:
                items = json.loads(r.stdout)["items"]
            except (ValueError, KeyError):
                return False
            return len(items) == 6 and all(
                d["status"].get("availableReplicas", 0) >= d["spec"]["replicas"] for d in items)
        t0 = time.time()
        try:
            zctest.wait_for(available, 180, "every Deployment available", step=1)
            c.ok(True, "every Deployment available")
        except AssertionError as e:
            c.ok(False, str(e) + ": " + cl.kubectl("get", "pods", "-o", "wide", check=False).stdout)
            raise
        log("all Deployments available after %.0f s" % (time.time() - t0))

        port = zctest.free_port()
        pf = subprocess.Popen(["kubectl", "--kubeconfig", cl.kubeconfig, "port-forward",
                               "svc/sink", "%d:8080" % port], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
        zctest.wait_for(lambda: sink_stats(port), 30, "the sink through kubectl port-forward")
        status, body = zctest.http_get(port, "/")
        c.ok(status == 200 and b"<title>zcrawl dashboard</title>" in body,
             "the dashboard answers through kubectl port-forward")

        # A crash of the producer (its pod deleted without grace) and a crawler pod deleted,
        # once a fifth of the pages are written.
        total = HOSTS + PAGES
        zctest.wait_for(lambda: (sink_stats(port) or {}).get("records_written", 0) >= total // 5,
                        120, "a fifth of the pages written", step=0.5)
        prod = pods(cl, "producer")
        crawlers = pods(cl, "crawler")
        c.ok(len(prod) == 1 and len(crawlers) >= 1, "a producer pod and crawler pods run")
        cl.kubectl("delete", "pod", prod[0]["metadata"]["name"], "--grace-period=0", "--force",
                   "--wait=false", check=False)
        cl.kubectl("delete", "pod", crawlers[0]["metadata"]["name"], "--wait=false", check=False)
        log("producer pod %s killed, crawler pod %s deleted at %s records"
            % (prod[0]["metadata"]["name"], crawlers[0]["metadata"]["name"],
               (sink_stats(port) or {}).get("records_written")))

        scaled = {}

        def complete():
            for h in json.loads(cl.kubectl("get", "hpa", "-o", "json", check=False).stdout
                                or '{"items": []}')["items"]:
                n = h.get("status", {}).get("desiredReplicas", 0)
                if n > 2:
                    scaled[h["metadata"]["name"]] = n
            s = sink_stats(port)
            return s if s and s.get("complete") else None
        try:
            s = zctest.wait_for(complete, 240, "the crawl to complete", step=1)
        except AssertionError:
            # The port-forward dies with the sink pod's connection now and then: once more.
            pf.terminate()
            pf.wait(timeout=10)
            pf = subprocess.Popen(["kubectl", "--kubeconfig", cl.kubeconfig, "port-forward",
                                   "svc/sink", "%d:8080" % port], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, start_new_session=True)
            s = zctest.wait_for(complete, 60, "the crawl to complete", step=1)
        c.ok(s["records_written"] == total, "the sink wrote %d records, %d expected"
             % (s["records_written"], total))
        log("crawl complete: %d records" % s["records_written"])
        new_prod = pods(cl, "producer")
        c.ok(len(new_prod) == 1 and new_prod[0]["metadata"]["name"] != prod[0]["metadata"]["name"],
             "the Deployment replaced the killed producer pod")

        with open(os.path.join(pv_out, "pages.jsonl")) as f:
            compose_lib.check_pages(c, f.read(), HOSTS, PAGES)

        hpa = json.loads(cl.kubectl("get", "hpa", "-o", "json").stdout)["items"]
        targets = sorted(h["spec"]["scaleTargetRef"]["name"] for h in hpa)
        c.ok(targets == ["crawler", "parser"], "HorizontalPodAutoscalers for %s" % targets)
        for h in hpa:
            st = h.get("status", {})
            cpu = [m["resource"]["current"].get("averageUtilization") for m in
                   st.get("currentMetrics") or [] if m.get("type") == "Resource"]
            c.ok(cpu and cpu[0] is not None,
                 "the %s autoscaler reads CPU from the metrics API (%s)"
                 % (h["metadata"]["name"], cpu))
        c.ok(scaled, "an autoscaler raised its Deployment above 2 replicas during the crawl (%s)"
             % scaled)
    finally:
        if pf and pf.poll() is None:
            pf.terminate()
            pf.wait(timeout=10)
        cl.down()
        if a.keep:
            log("work dir kept: " + work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    c.done()


if __name__ == "__main__":
    main()
