#!/usr/bin/env python3
"""The runs of scripts/engine-test: the real Pulumi CLI and engine, the real Java language host, stand-in providers.

Every check is an assertion over what the real engine did: its exit codes and messages, the state file it wrote
(`pulumi stack export` and the file backend's JSON), the stack outputs it reports, and the calls the stand-in
providers recorded (one JSONL file per pulumi command, written by StandInProvider). Python stdlib only.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STACKS = ["dev", "prod", "bootstrap-dev", "bootstrap-prod"]
PASSPHRASE = "engine-test passphrase (not a secret)"

# What carries traffic out of the VPC: deleting one of these while anything in the cluster still exists can strand
# the cluster's objects (load balancers, finalizers, Helm uninstall hooks) without a way to their APIs.
EGRESS_TYPES = {
    "aws:ec2/route:Route",
    "aws:ec2/routeTableAssociation:RouteTableAssociation",
    "aws:ec2/natGateway:NatGateway",
    "aws:ec2/internetGateway:InternetGateway",
    "aws:ec2/vpcEndpoint:VpcEndpoint",
}
NODE_POOL = "kubernetes:karpenter.sh/v1:NodePool"
# docs/configuration.md, `protect`: it puts Pulumi's protect on these.
PROTECTED_TYPES = {"aws:ec2/vpc:Vpc", "aws:eks/cluster:Cluster", "aws:kms/key:Key", "aws:route53/zone:Zone",
                   "aws:resourcegroups/group:Group"}
HELM_RELEASE = "kubernetes:helm.sh/v3:Release"
STACK_REFERENCE = "pulumi:pulumi:StackReference"
KARPENTER_RELEASE_NAME = "karpenter-chart"
SECRET_PLAINTEXT = "engine-test-plaintext-7f3a9c"  # must never appear in a state file


def in_cluster(rtype):
    """Kubernetes objects and Helm releases (the Kubernetes provider resource itself is not an object)."""
    return rtype.startswith("kubernetes:") and not rtype.startswith("pulumi:providers:")


# ------------------------------------------------------------------------------------------------ log analysis

def read_log(path):
    if not Path(path).exists():
        return []
    return [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]


def destroy_order_violations(records):
    """What the recorded deletes of a destroy say about its order; [] when it is right.

    Times are the stand-ins' (start, end) of each Delete, in epoch microseconds; the engine waits for a delete to
    end before it starts the delete of anything that resource depends on.
    """
    deletes = [r for r in records if r.get("method") == "Delete" and "error" not in r]
    problems = []
    if not deletes:
        return ["no Delete was recorded"]
    cluster = [d for d in deletes if in_cluster(d["type"])]
    egress = [d for d in deletes if d["type"] in EGRESS_TYPES]
    if not cluster:
        problems.append("no in-cluster object (kubernetes:*) was deleted")
    if not egress:
        problems.append("no egress resource (route, association, NAT, IGW, endpoint) was deleted")
    if cluster and egress:
        last_cluster = max(cluster, key=lambda d: d["end"])
        for e in sorted(egress, key=lambda d: d["start"]):
            alive = [c for c in cluster if c["end"] > e["start"]]
            if alive:
                problems.append("%s %s deleted while %d in-cluster object(s) still existed (e.g. %s %s, deleted "
                                "%.3f s later)" % (e["type"], e["name"], len(alive), alive[0]["type"],
                                                   alive[0]["name"], (alive[0]["end"] - e["start"]) / 1e6))
        del last_cluster

    def one(pred, what):
        found = [d for d in deletes if pred(d)]
        if not found:
            problems.append("no Delete of %s was recorded" % what)
        return found

    pools = one(lambda d: d["type"] == NODE_POOL, "the Karpenter NodePool")
    releases = one(lambda d: d["type"] == HELM_RELEASE and d["name"] == KARPENTER_RELEASE_NAME,
                   "the Karpenter Helm release")
    after_release = (one(lambda d: d["type"] == "aws:iam/role:Role" and d["name"].startswith("karpenter-"),
                         "Karpenter's IAM roles")
                     + one(lambda d: d["type"] == "aws:sqs/queue:Queue", "the interruption queue")
                     + one(lambda d: d["type"] == "aws:eks/nodeGroup:NodeGroup", "the system node group"))
    for p in pools:
        for r in releases:
            if r["start"] < p["end"]:
                problems.append("the Karpenter release was deleted before the NodePool %s was gone" % p["name"])
    for r in releases:
        for a in after_release:
            if a["start"] < r["end"]:
                problems.append("%s %s was deleted before the Karpenter release was gone" % (a["type"], a["name"]))
    return problems


def dependency_graph(deployment):
    """URN -> URNs it depends on, as the engine orders deletes (pkg/resource/graph DependenciesOf: the provider,
    the parent, dependencies, property dependencies and deletedWith)."""
    graph = {}
    for r in deployment["deployment"].get("resources") or []:
        deps = set(r.get("dependencies") or [])
        for pdeps in (r.get("propertyDependencies") or {}).values():
            deps.update(pdeps)
        for key in ("parent", "deletedWith"):
            if r.get(key):
                deps.add(r[key])
        if r.get("provider"):
            deps.add(r["provider"].rsplit("::", 1)[0])  # "<provider urn>::<provider id>"
        graph[r["urn"]] = deps
    return graph


def destroy_order_guarantees(deployment):
    """Whether the state's dependencies force the destroy order (any engine that deletes a resource only after
    everything depending on it is gone must then keep egress to the end); [] when they do."""
    graph = dependency_graph(deployment)
    types = {r["urn"]: r["type"] for r in deployment["deployment"].get("resources") or []}
    memo = {}

    def reach(urn):
        if urn not in memo:
            memo[urn] = set()
            seen, todo = set(), list(graph.get(urn, ()))
            while todo:
                u = todo.pop()
                if u not in seen:
                    seen.add(u)
                    todo.extend(graph.get(u, ()))
            memo[urn] = seen
        return memo[urn]

    def named(pred):
        return sorted(u for u, t in types.items() if pred(u, t))

    problems = []
    egress = set(named(lambda u, t: t in EGRESS_TYPES))
    cluster = named(lambda u, t: in_cluster(t))
    if not egress or not cluster:
        return ["the state has no egress resource or no in-cluster object"]
    loose = [(c, egress - reach(c)) for c in cluster if not egress <= reach(c)]
    if loose:
        c, missing = loose[0]
        problems.append("%d of %d in-cluster objects do not depend (directly or not) on the whole egress path, "
                        "e.g. %s misses %d of %d: %s" % (len(loose), len(cluster), c.rsplit("::", 1)[1],
                                                         len(missing), len(egress),
                                                         ", ".join(sorted(m.rsplit("::", 1)[1] for m in missing)[:4])))
    pools = named(lambda u, t: t == NODE_POOL)
    releases = named(lambda u, t: t == HELM_RELEASE and u.endswith("::" + KARPENTER_RELEASE_NAME))
    later = named(lambda u, t: (t == "aws:iam/role:Role" and u.rsplit("::", 1)[1].startswith("karpenter-"))
                  or t in ("aws:sqs/queue:Queue", "aws:eks/nodeGroup:NodeGroup"))
    for p in pools:
        for r in releases:
            if r not in reach(p):
                problems.append("the NodePool does not depend on the Karpenter release")
    for r in releases:
        for a in later:
            if a not in reach(r):
                problems.append("the Karpenter release does not depend on %s" % a.rsplit("::", 1)[1])
    if not pools or not releases:
        problems.append("the state has no NodePool or no Karpenter release")
    return problems


# ------------------------------------------------------------------------------------ docs/outputs.md

def documented_outputs(readme_text):
    """The table of stack outputs (docs/outputs.md): {output name: (stacks that have it, whether it is secret, whether its
    description says it may be empty: "empty when ..." / "empty for ...")}."""
    section = readme_text.split("<!-- stack-outputs:start -->", 1)[1].split("<!-- stack-outputs:end -->", 1)[0]
    outputs = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 4 or not cells[0].startswith("`"):
            continue
        name = cells[0].strip("`")
        stacks = set(re.findall(r"[a-z][a-z-]*", cells[1]))
        outputs[name] = (stacks, cells[2].lower() == "yes", bool(re.search(r"\bempty (when|for)\b", cells[3])))
    if not outputs:
        raise SystemExit("docs/outputs.md: no stack outputs table between the stack-outputs markers")
    return outputs


# ------------------------------------------------------------------------------------------------ harness

class Harness:
    def __init__(self, engine_dir, work, versions):
        self.engine_dir = Path(engine_dir)
        self.work = Path(work)
        self.project = self.work / "project"
        self.state = self.work / "state"
        self.logs = self.work / "logs"
        self.runs = 0
        self.passed = 0
        self.failed = []
        self.seq = 0
        for d in (self.project / "target", self.state, self.logs, self.work / "home"):
            d.mkdir(parents=True, exist_ok=True)
        for f in ROOT.glob("Pulumi*.yaml"):
            shutil.copy(f, self.project / f.name)
        shutil.copy(ROOT / "target" / "eks-platform.jar", self.project / "target" / "eks-platform.jar")
        (self.project / "target" / "lib").symlink_to(ROOT / "target" / "lib")
        classpath = os.pathsep.join(str(ROOT / "target" / p) for p in ("test-classes", "classes", "lib/*"))
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("PULUMI_", "AWS_", "KUBECONFIG", "ENGINE_TEST_"))}
        self.env.update({
            "PATH": os.pathsep.join([str(ROOT / "scripts" / "engine"), str(self.engine_dir), os.environ["PATH"]]),
            "PULUMI_HOME": str(self.work / "home"),
            "PULUMI_CONFIG_PASSPHRASE": PASSPHRASE,
            "PULUMI_SKIP_UPDATE_CHECK": "true",
            "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
            "PULUMI_SKIP_CONFIRMATIONS": "true",
            "ENGINE_TEST_CLASSPATH": classpath,
            "ENGINE_TEST_PLUGIN_VERSION_AWS": versions["aws"],
            "ENGINE_TEST_PLUGIN_VERSION_KUBERNETES": versions["kubernetes"],
        })

    # -- checks

    def check(self, ok, what, detail=""):
        if ok:
            self.passed += 1
            print("  ok    %s" % what, flush=True)
        else:
            self.failed.append(what)
            print("  FAIL  %s%s" % (what, (": " + detail) if detail else ""), flush=True)
        return ok

    # -- running the CLI

    def pulumi(self, stack, *args, fail=None, project=None, count=True):
        """Runs one pulumi command; returns (exit code, combined output, provider records)."""
        self.seq += 1
        label = "%02d-%s-%s" % (self.seq, stack or "none", args[0])
        log = self.logs / (label + ".jsonl")
        env = dict(self.env, ENGINE_TEST_LOG=str(log))
        if fail:
            env["ENGINE_TEST_FAIL"] = fail
        cmd = ["pulumi", *args, "--non-interactive"]
        if stack:
            cmd += ["--stack", stack]
        if args[0] in ("preview", "up", "destroy"):
            cmd += ["--color", "never"]
        started = time.monotonic()
        proc = subprocess.run(cmd, cwd=project or self.project, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
        (self.logs / (label + ".out")).write_text(proc.stdout)
        if count:
            self.runs += 1
        print("  run   %-58s exit %d, %5.1f s" % (" ".join(["pulumi", *args[:3]]) + (" (" + stack + ")" if stack
                                                                                    else ""),
                                                  proc.returncode, time.monotonic() - started), flush=True)
        return proc.returncode, proc.stdout, read_log(log)

    def ok_run(self, what, result):
        rc, out, _ = result
        return self.check(rc == 0, what, "exit %d\n%s" % (rc, tail(out)))

    def export(self, stack):
        rc, out, _ = self.pulumi(stack, "stack", "export", count=False)
        return json.loads(out) if rc == 0 else {"deployment": {"resources": []}}

    def state_file(self, stack):
        return self.state / ".pulumi" / "stacks" / "eks-platform" / (stack + ".json")

    def custom_resources(self, deployment):
        """What the program manages: not providers, not StackReferences (reads of a stack's outputs)."""
        return [r for r in deployment["deployment"].get("resources") or []
                if r.get("custom") and not r["type"].startswith("pulumi:providers:")
                and r["type"] != STACK_REFERENCE]

    def stack_references(self, deployment):
        return [r for r in deployment["deployment"].get("resources") or [] if r["type"] == STACK_REFERENCE]

    # -- the scenarios

    def login_and_init(self, stacks):
        self.check(self.pulumi(None, "login", "file://" + str(self.state), count=False)[0] == 0,
                   "pulumi login to a local file backend")
        for stack in stacks:
            rc, out, _ = self.pulumi(stack, "stack", "init", "--secrets-provider", "passphrase", count=False)
            self.check(rc == 0, "%s: pulumi stack init with a passphrase secrets provider" % stack, tail(out))

    def preview_up_no_changes(self, stack):
        rc, out, recs = self.pulumi(stack, "preview", "--diff")
        if not self.check(rc == 0, "%s: pulumi preview succeeds" % stack, "exit %d\n%s" % (rc, tail(out))):
            return False
        self.check(any(r["method"] == "Configure" for r in recs) and any(r["method"] == "Check" for r in recs),
                   "%s: preview reached the stand-in providers (Configure, Check)" % stack)
        self.check(not [r for r in recs if r["method"] in ("Create", "Update", "Delete")],
                   "%s: preview changed nothing (no Create/Update/Delete)" % stack)
        rc, out, recs = self.pulumi(stack, "up", "--yes", "--skip-preview")
        if not self.check(rc == 0, "%s: pulumi up succeeds" % stack, "exit %d\n%s" % (rc, tail(out))):
            return False
        creates = [r for r in recs if r["method"] == "Create"]
        state = self.export(stack)
        custom = self.custom_resources(state)
        self.check(len(creates) == len(custom) and {r["urn"] for r in creates} == {r["urn"] for r in custom},
                   "%s: up created every resource of the state once (%d)" % (stack, len(custom)),
                   "%d creates, %d resources in state" % (len(creates), len(custom)))
        self.check_against_render(stack, custom)
        if not stack.startswith("bootstrap"):
            # The identity guard (lifecycle/StackIdentity) reads the stack's own previous outputs through a
            # StackReference, which the offline render replaces by the base plan: here the real engine resolves it.
            refs = self.stack_references(state)
            self.check(len(refs) == 1 and refs[0].get("inputs", {}).get("name", "").endswith(stack),
                       "%s: the identity guard's StackReference reads the stack itself" % stack,
                       "references: %s" % [(r["urn"], r.get("inputs")) for r in refs])
        self.check(rc == 0, "%s: preview --expect-no-changes after up (idempotent)" % stack,
                   "exit %d\n%s" % (rc, tail(out)))
        changed = [r for r in recs if r["method"] == "Diff" and r.get("changes") != "DIFF_NONE"]
        self.check(not changed, "%s: every Diff of the second preview is DIFF_NONE" % stack,
                   ", ".join("%s %s" % (r["name"], r.get("diffs")) for r in changed[:5]))
        return True

    def check_against_render(self, stack, custom):
        """The real engine's state holds exactly the resources the offline render registers."""
        out = self.work / "render" / stack
        proc = subprocess.run(["java", "-jar", str(ROOT / "target" / "eks-platform.jar"), "render", "--config",
                               str(ROOT / ("Pulumi.%s.yaml" % stack)), "--stack", stack, "--out", str(out)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
        if not self.check(proc.returncode == 0, "%s: offline render runs" % stack, tail(proc.stdout)):
            return
        plan = json.loads((out / "plan.json").read_text())
        rendered = sorted(r["urn"] for r in plan["resources"]
                          if not r["type"].startswith("pulumi:") and not is_component(r["type"]))
        real = sorted(r["urn"] for r in custom)
        missing = sorted(set(rendered) - set(real))
        extra = sorted(set(real) - set(rendered))
        self.check(not missing and not extra,
                   "%s: state holds the same %d resources (URNs) as the offline render" % (stack, len(real)),
                   "only in render: %s; only in state: %s" % (missing[:5], extra[:5]))
        rendered_protected = {r["urn"] for r in plan["resources"] if r.get("protect")}
        real_protected = {r["urn"] for r in custom if r.get("protect")}
        self.check(rendered_protected == real_protected,
                   "%s: the state protects exactly what the render protects (%d)" % (stack, len(real_protected)),
                   "only in render: %s; only in state: %s" % (sorted(rendered_protected - real_protected)[:5],
                                                             sorted(real_protected - rendered_protected)[:5]))

    def outputs_as_documented(self, stack):
        documented = documented_outputs((ROOT / "docs" / "outputs.md").read_text())
        rc, out, _ = self.pulumi(stack, "stack", "output", "--json", "--show-secrets", count=False)
        outputs = json.loads(out) if rc == 0 else {}
        expected = {name for name, (stacks, _, _) in documented.items() if stack in stacks}
        self.check(set(outputs) == expected, "%s: stack outputs are docs/outputs.md's (%d)" % (stack, len(expected)),
                   "missing %s, undocumented %s" % (sorted(expected - set(outputs)), sorted(set(outputs) - expected)))
        # docs/outputs.md marks the outputs that may be empty ("empty when ..." / "empty for ...").
        may_be_empty = {name for name, (_, _, may_be) in documented.items() if may_be}
        empty = [k for k, v in outputs.items() if v in (None, "", [], {}) and k not in may_be_empty]
        self.check(not empty, "%s: no output is empty (but those docs/outputs.md says may be)" % stack, str(empty))
        raw = json.loads(self.state_file(stack).read_text())
        state_outputs = next((r.get("outputs", {}) for r in raw["checkpoint"]["latest"]["resources"]
                              if r["type"] == "pulumi:pulumi:Stack"), {})
        secret_names = {name for name, (stacks, secret, _) in documented.items() if secret and stack in stacks}
        for name in sorted(secret_names):
            value = state_outputs.get(name)
            self.check(isinstance(value, dict) and "ciphertext" in value,
                       "%s: output %s is ciphertext in the state file" % (stack, name), repr(value)[:120])
        return outputs

    def image_bump(self, stack, promised_types):
        """Only the promised resources change when the app's image changes (docs/workload.md)."""
        path = self.project / ("Pulumi.%s.yaml" % stack)
        text = path.read_text()
        bumped = re.sub(r'(eks-platform:appImageTag: )"?[^"\n]*"?', r'\1"6.9.99"', text)
        bumped = re.sub(r"(eks-platform:appImageDigest: )sha256:[0-9a-f]{64}", r"\1sha256:" + "ab" * 32, bumped)
        self.check(bumped != text and "6.9.99" in bumped, "%s: stack file edited (appImageTag, appImageDigest)" % stack)
        path.write_text(bumped)
        rc, out, _ = self.pulumi(stack, "preview", "--json")
        steps = []
        try:
            steps = [s for s in json.loads(out).get("steps", []) if s.get("op") not in ("same", "read")]
        except ValueError:
            pass
        self.check(rc == 0, "%s: preview of the image bump succeeds" % stack, tail(out))
        changed = sorted("%s %s %s" % (s["op"], s["urn"].split("::")[-2].split("$")[-1], s["urn"].split("::")[-1])
                         for s in steps)
        self.check(len(steps) == len(promised_types) and all(s["op"] == "update" for s in steps)
                   and sorted(s["urn"].split("::")[-2].split("$")[-1] for s in steps) == sorted(promised_types),
                   "%s: the image bump previews as an update of exactly %s" % (stack, ", ".join(promised_types)),
                   "previewed: " + "; ".join(changed))
        rc, out, recs = self.pulumi(stack, "up", "--yes", "--skip-preview")
        self.check(rc == 0, "%s: up of the image bump succeeds" % stack, tail(out))
        updates = [r for r in recs if r["method"] in ("Create", "Update", "Delete")]
        self.check(sorted(r["type"] for r in updates) == sorted(promised_types)
                   and all(r["method"] == "Update" for r in updates),
                   "%s: the engine updated exactly %s" % (stack, ", ".join(promised_types)),
                   "; ".join("%s %s %s %s" % (r["method"], r["type"], r["name"], r.get("diffs")) for r in updates))
        rc, out, _ = self.pulumi(stack, "preview", "--expect-no-changes")
        self.check(rc == 0, "%s: no changes after the image bump" % stack, tail(out))

    def secret_and_failed_up(self, stack):
        """A secure config value is ciphertext in the stack file and the state; a failed up is resumable."""
        rc, out, _ = self.pulumi(stack, "config", "set", "--secret", "--path",
                                 "eks-platform:appSecretEnv.ENGINE_TEST_TOKEN", SECRET_PLAINTEXT, count=False)
        stack_file = (self.project / ("Pulumi.%s.yaml" % stack)).read_text()
        self.check(rc == 0 and SECRET_PLAINTEXT not in stack_file and "secure: v1:" in stack_file,
                   "%s: pulumi config set --secret writes ciphertext to the stack file" % stack, tail(out))
        # The first up fails on the app's Secret (the new resource the secret value brings): what depends on it
        # must not run, the rest of the state must stay as it was.
        before = {r["urn"] for r in self.custom_resources(self.export(stack))}
        rc, out, recs = self.pulumi(stack, "up", "--yes", "--skip-preview", fail="app-secret-env")
        failed = [r for r in recs if "error" in r]
        self.check(rc != 0 and [r["name"] for r in failed] == ["app-secret-env"],
                   "%s: up with the stand-in told to fail app-secret-env fails on that resource only" % stack,
                   "exit %d, failed: %s\n%s" % (rc, [r["name"] for r in failed], tail(out)))
        after = {r["urn"] for r in self.custom_resources(self.export(stack))}
        self.check(before <= after and not any(u.endswith("::app-secret-env") for u in after),
                   "%s: the failed up kept every resource and recorded no app-secret-env" % stack)
        rc, out, recs = self.pulumi(stack, "up", "--yes", "--skip-preview")
        created = [r["name"] for r in recs if r["method"] == "Create"]
        self.check(rc == 0 and "app-secret-env" in created,
                   "%s: the next up completes (creates app-secret-env)" % stack, "exit %d, created %s\n%s"
                   % (rc, created, tail(out)))
        rc, out, _ = self.pulumi(stack, "preview", "--expect-no-changes")
        self.check(rc == 0, "%s: no changes after the resumed up" % stack, tail(out))
        state_text = self.state_file(stack).read_text()
        self.check(SECRET_PLAINTEXT not in state_text, "%s: the secret's plain text is not in the state file" % stack)
        raw = json.loads(state_text)
        secret = next((r for r in raw["checkpoint"]["latest"]["resources"]
                       if r["urn"].endswith("::app-secret-env")), None)
        carried = json.dumps(secret["inputs"]) if secret else ""
        self.check(secret is not None and "ciphertext" in carried,
                   "%s: the app Secret's inputs hold the value as ciphertext" % stack, carried[:200])

    def destroy_in_order(self, stack, expect_violations=False):
        """`pulumi destroy`, checked twice: the order the engine recorded, and whether the state's dependencies force
        that order (the 3.231 engine deletes in levels of dependency depth, ScheduleDeletes in
        pkg/resource/deploy/step_generator.go, which keeps egress last even without dependencies on it; only the
        dependencies make that a guarantee)."""
        guarantees = destroy_order_guarantees(self.export(stack))
        rc, out, recs = self.pulumi(stack, "destroy", "--yes", "--skip-preview")
        recorded = destroy_order_violations(recs)
        if expect_violations:
            return rc, recorded, guarantees
        self.check(rc == 0, "%s: pulumi destroy succeeds" % stack, tail(out))
        self.check(not self.custom_resources(self.export(stack)), "%s: destroy leaves an empty state" % stack)
        self.check(not recorded, "%s: recorded destroy order: no egress resource deleted while an in-cluster object "
                                 "existed; NodePool, then the Karpenter release, then its IAM roles, queue and the "
                                 "system node group" % stack, "\n      ".join([""] + recorded))
        self.check(not guarantees, "%s: the state's dependencies force that order (every in-cluster object depends on "
                                   "the egress path; NodePool -> Karpenter release -> roles, queue, node group)"
                   % stack, "\n      ".join([""] + guarantees))
        return rc, recorded, guarantees

    def bad_config_refused(self):
        """A production stack file that breaks a promise and sets an unknown key: `pulumi up` ends with the program's
        one message and a non-zero exit, and no provider is called (the program checks before Pulumi.run)."""
        stack = "prod-unsafe"
        # the CLI has rewritten prod's file by now (values quoted, its own encryptionsalt)
        text = "".join(l for l in (self.project / "Pulumi.prod.yaml").read_text().splitlines(keepends=True)
                       if not l.startswith("encryptionsalt:"))
        text = re.sub(r'eks-platform:protect: "?true"?', "eks-platform:protect: false", text)
        text = text.replace("config:\n", "config:\n  eks-platform:vpcCidrr: 10.0.0.0/16\n", 1)
        (self.project / ("Pulumi.%s.yaml" % stack)).write_text(text)
        self.pulumi(stack, "stack", "init", "--secrets-provider", "passphrase", count=False)
        rc, out, recs = self.pulumi(stack, "up", "--yes", "--skip-preview")
        self.check(rc != 0 and "Invalid configuration for stack 'prod-unsafe' (2 problems)" in out
                   and "eks-platform:vpcCidrr: unknown key" in out and "eks-platform:protect = false: breaks a"
                   " production promise" in out, "%s: pulumi up refuses the stack with the program's message" % stack,
                   "exit %d\n%s" % (rc, tail(out)))
        self.check(not [r for r in recs if r["method"] in ("Check", "Create")] and "Exception" not in out,
                   "%s: no resource reached a provider, no stack trace" % stack, tail(out))
        self.check(not self.custom_resources(self.export(stack)), "%s: nothing in the state" % stack)

    def destroy_refused(self, stack):
        before = self.custom_resources(self.export(stack))
        rc, out, recs = self.pulumi(stack, "destroy", "--yes", "--skip-preview")
        after = self.custom_resources(self.export(stack))
        self.check(rc != 0 and "protect" in out, "%s: pulumi destroy is refused by protect" % stack,
                   "exit %d\n%s" % (rc, tail(out)))
        protected_before = {r["urn"] for r in before if r.get("protect")}
        protected_types = {r["type"] for r in before if r.get("protect")}
        self.check(PROTECTED_TYPES <= protected_types,
                   "%s: protect is on the VPC, the cluster, the KMS keys, the hosted zones and the stack's resource group "
                   "(docs/configuration.md), among %d protected types" % (stack, len(protected_types)),
                   "protected types: %s" % sorted(protected_types))
        self.check(protected_before and protected_before <= {r["urn"] for r in after},
                   "%s: every protected resource (%d) is still in the state" % (stack, len(protected_before)))
        deletes = [r for r in recs if r["method"] == "Delete"]
        # protect alone guards only the protected resources; the stack's protected resource group depends on every
        # other resource, so the engine meets it first and a refused destroy deletes nothing (StackResourceGroup).
        self.check(not deletes, "%s: the refused destroy deleted nothing (the protected stack resource group is "
                                "deleted first)" % stack,
                   "deleted %d of %d resources first: %d Kubernetes objects and Helm releases, %d node groups, "
                   "%d NAT gateways" % (
                       len(deletes), len(before), len([d for d in deletes if in_cluster(d["type"])]),
                       len([d for d in deletes if d["type"] == "aws:eks/nodeGroup:NodeGroup"]),
                       len([d for d in deletes if d["type"] == "aws:ec2/natGateway:NatGateway"])))
        return deletes


def is_component(rtype):
    return rtype.startswith("eks-platform:") or rtype == "pulumi:pulumi:Stack"


def tail(text, lines=25):
    return "\n".join("      " + l for l in (text or "").strip().splitlines()[-lines:])


# ------------------------------------------------------------------------------------------------ self-tests

def self_test_typed_key_without_default(h):
    """A declared key without a default makes the CLI refuse the stack: the harness must report that."""
    project = h.work / "self-test-typed-key"
    shutil.copytree(h.project, project, symlinks=True, ignore=shutil.ignore_patterns("*.jsonl"))
    text = (project / "Pulumi.yaml").read_text()
    (project / "Pulumi.yaml").write_text(text.replace("\nconfig:\n", "\nconfig:\n  clusterName:\n    type: string\n",
                                                      1))
    rc, out, _ = h.pulumi("dev", "preview", project=project, count=False)
    h.check(rc != 0 and "clusterName" in out,
            "self-test: a typed key without default in Pulumi.yaml fails the dev preview (the harness's first "
            "check would fail)", "exit %d\n%s" % (rc, tail(out)))
    print(tail(out, 4))


def self_test_destroy_regression(h):
    """Two regressions of the destroy order, each applied to the real engine's state of a dev copy with
    `pulumi stack import`, then destroyed by the real engine."""
    cases = (
        # 1. No in-cluster object depends on the egress path any more (what the program registered before issue 10).
        ("dev-no-egress-deps", None, "guarantees",
         "without dependencies on the egress path the dependency check fails (%d problems)"),
        # 2. The egress path depends on an in-cluster object (the Deployment), so the engine deletes it first.
        ("dev-egress-first", "kubernetes:apps/v1:Deployment", "recorded",
         "when the engine deletes egress before the cluster's objects the recorded-order check fails (%d violations)"),
    )
    for stack, egress_after, failing, claim in cases:
        if regressed_state(h, stack, egress_after=egress_after) is None:
            continue
        rc, recorded, guarantees = h.destroy_in_order(stack, expect_violations=True)
        found = guarantees if failing == "guarantees" else recorded
        h.check(rc == 0 and found, "self-test: " + claim % len(found))
        for p in found[:2]:
            print("        " + p)
        if failing == "guarantees":
            print("  info  self-test: the recorded order of that destroy had %d violations (the engine's depth levels "
                  "still kept egress last)" % len(recorded))


def regressed_state(h, stack, egress_after=None):
    shutil.copy(h.project / "Pulumi.dev.yaml", h.project / ("Pulumi.%s.yaml" % stack))
    h.pulumi(stack, "stack", "init", "--secrets-provider", "passphrase", count=False)
    rc, out, _ = h.pulumi(stack, "up", "--yes", "--skip-preview")
    if not h.check(rc == 0, "self-test: up of %s" % stack, tail(out)):
        return None
    state = h.export(stack)
    resources = state["deployment"]["resources"]
    egress = [r for r in resources if r["type"] in EGRESS_TYPES]
    egress_urns = {r["urn"] for r in egress}
    removed = 0
    for r in resources:
        if r["type"] in EGRESS_TYPES:
            continue
        deps = r.get("dependencies") or []
        r["dependencies"] = [d for d in deps if d not in egress_urns]
        removed += len(deps) - len(r["dependencies"])
        for prop, pdeps in (r.get("propertyDependencies") or {}).items():
            r["propertyDependencies"][prop] = [d for d in pdeps if d not in egress_urns]
    if egress_after:
        # A dependency must precede its dependent in the state: the egress path moves to the end.
        anchor = next(r["urn"] for r in resources if r["type"] == egress_after)
        for r in egress:
            r["dependencies"] = (r.get("dependencies") or []) + [anchor]
        state["deployment"]["resources"] = [r for r in resources if r["urn"] not in egress_urns] + egress
    edited = h.work / ("%s-state.json" % stack)
    edited.write_text(json.dumps(state))
    rc, out, _ = h.pulumi(stack, "stack", "import", "--file", str(edited), count=False)
    if not h.check(rc == 0, "self-test: pulumi stack import of the edited state of %s (%d dependencies on the "
                            "egress path removed%s)" % (stack, removed, ", egress after the " + egress_after.rsplit(
                                ":", 1)[1] if egress_after else ""), tail(out)):
        return None
    return state


# ------------------------------------------------------------------------------------------------ main

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--engine", required=True, help="folder with pulumi and pulumi-language-java")
    parser.add_argument("--work", help="working folder (default: a new temporary one, removed unless --keep)")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--self-test", action="store_true", help="also show that the checks fail on regressions")
    parser.add_argument("--stacks", default=",".join(STACKS))
    parser.add_argument("--aws-version", required=True)
    parser.add_argument("--kubernetes-version", required=True)
    args = parser.parse_args()
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="engine-test-"))
    started = time.monotonic()
    h = Harness(args.engine, work, {"aws": args.aws_version, "kubernetes": args.kubernetes_version})
    stacks = args.stacks.split(",")
    print("engine-test: work folder %s" % work, flush=True)
    h.login_and_init(stacks)
    for stack in stacks:
        print("== %s" % stack, flush=True)
        if not h.preview_up_no_changes(stack):
            continue
        h.outputs_as_documented(stack)
        if stack == "dev":
            h.image_bump(stack, ["kubernetes:apps/v1:Deployment"])
            h.secret_and_failed_up(stack)
            h.destroy_in_order(stack)
        if stack == "prod":
            h.destroy_refused(stack)
            h.bad_config_refused()
    if args.self_test:
        print("== self-tests (each passes when the harness catches the regression)", flush=True)
        self_test_typed_key_without_default(h)
        self_test_destroy_regression(h)
    if not args.keep and not args.work and not h.failed:
        shutil.rmtree(work, ignore_errors=True)
    elif h.failed:
        print("engine-test: logs kept in %s" % h.logs)
    print("engine: %d stacks, %d runs, %d checks passed, %d failed, %.0f s%s" % (
        len(stacks), h.runs, h.passed, len(h.failed), time.monotonic() - started,
        " (self-tests included)" if args.self_test else ""))
    return 1 if h.failed else 0


if __name__ == "__main__":
    sys.exit(main())
