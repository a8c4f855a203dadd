"""The field's scanners over what this repository ships; run by .ci/scan with the pinned tools of .venv-ci/.

1. zizmor over .github/workflows (--persona auditor, config .github/zizmor.yml);
2. checkov over the workflows (github_actions) and over every stack's rendered Kubernetes manifests (kubernetes),
   skipped checks only in .checkov.yaml;
3. kubernetes-validate --strict over every stack's manifests, against the schemas of the Kubernetes version
   that stack's cluster runs (read from its plan.json, not a constant).

Each tool is also run on a seeded violation (.ci/scan-fixtures/) and must report it, so a tool that silently
stopped checking fails the scan. Every problem is printed; the exit status is 1 if there was any.
"""
import concurrent.futures
import glob
import importlib.metadata
import json
import os
import re
import subprocess
import sys

BIN = os.path.join(".venv-ci", "bin")
JAR = os.path.join("target", "eks-platform.jar")
OUT = os.path.join("target", "scan")
FIXTURES = os.path.join(".ci", "scan-fixtures")
CHECKOV = [os.path.join(BIN, "checkov"), "--config-file", ".checkov.yaml"]
ZIZMOR = [os.path.join(BIN, "zizmor"), "--persona", "auditor", "--config", os.path.join(".github", "zizmor.yml")]
# Custom resources the program creates whose CRDs ship no schema kubernetes-validate knows (it has the built-in
# API only; no CRD of the pinned charts is available offline): KarpenterTest, EdgeTest and ApplicationTest assert
# their values instead.
NO_SCHEMA = {
    "karpenter.sh/v1 NodePool",
    "karpenter.k8s.aws/v1 EC2NodeClass",
    "elbv2.k8s.aws/v1beta1 IngressClassParams",
    "argoproj.io/v1alpha1 Application",
}

problems = []


def run(command, **kwargs):
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


def problem(text):
    problems.append(text)
    print("FAIL " + text, flush=True)


def ok(text):
    print("ok   " + text, flush=True)


def checkov_failed_ids(command):
    """The ids of the failed checks of a checkov run with JSON output (one report or a list of them)."""
    result = run(command + ["--output", "json"])
    try:
        reports = json.loads(result.stdout)
    except json.JSONDecodeError:
        return None, result
    reports = reports if isinstance(reports, list) else [reports]
    return {c["check_id"] for r in reports for c in r.get("results", {}).get("failed_checks", [])}, result


def stacks():
    return sorted(re.fullmatch(r"Pulumi\.(.+)\.yaml", os.path.basename(f)).group(1)
                  for f in glob.glob("Pulumi.*.yaml"))


def cluster_version(plan_file):
    """The Kubernetes version of the stack's EKS cluster as registered (None when the stack has no cluster)."""
    with open(plan_file) as f:
        plan = json.load(f)
    versions = {r["inputs"].get("version") for r in plan["resources"] if r["type"] == "aws:eks/cluster:Cluster"}
    if len(versions) > 1:
        raise ValueError(f"{plan_file}: clusters of several versions {versions}")
    return next(iter(versions), None)


def validate(files, version):
    """kubernetes-validate --strict: (errors, kinds without a schema) of the files against that version."""
    result = run([os.path.join(BIN, "kubernetes-validate"), "--strict", "--quiet", "-k", version] + files)
    errors, missing = [], set()
    for line in result.stdout.splitlines() + result.stderr.splitlines():
        m = re.search(r"Couldn't find schema for kind (\S+) with api version (\S+)", line)
        if m:
            missing.add(f"{m.group(2)} {m.group(1)}")
        elif line.startswith(("ERROR", "FATAL")) or "Traceback" in line:
            errors.append(line)
    if result.returncode != 0 and not errors:
        errors.append(f"kubernetes-validate exited {result.returncode}: {result.stdout}{result.stderr}")
    return errors, missing


def self_tests():
    """Each tool, with this repository's configuration, reports its seeded violation."""
    workflows = os.path.join(FIXTURES, ".github", "workflows")
    for fixture, audits in [
            ("unpinned.yml", {"unpinned-uses"}),
            ("replaced-java-checks.yml", {"dangerous-triggers", "excessive-permissions", "template-injection",
                                          "overprovisioned-secrets", "secrets-inherit", "unpinned-uses"})]:
        fixture = os.path.join(workflows, fixture)
        result = run(ZIZMOR + ["--offline", "--format", "json", fixture])
        idents = {f["ident"] for f in json.loads(result.stdout)} if result.stdout.startswith("[") else set()
        if result.returncode != 0 and audits <= idents:
            ok(f"zizmor reports {', '.join(sorted(audits))} on {fixture} (exit {result.returncode})")
        else:
            problem(f"zizmor did not report {sorted(audits - idents)} on {fixture} (exit {result.returncode},"
                    f" findings {sorted(idents)}, stderr {result.stderr.strip()[-300:]})")

    seeded = {os.path.join(FIXTURES, "k8s", "privileged.yaml"): "CKV_K8S_16",
              os.path.join(FIXTURES, ".github", "workflows", "unsecure-commands.yml"): "CKV_GHA_1"}
    command = CHECKOV + ["--framework", "kubernetes", "github_actions"]
    for fixture in seeded:
        command += ["--file", fixture]
    failed, result = checkov_failed_ids(command)
    for fixture, check in seeded.items():
        if failed is not None and check in failed and result.returncode != 0:
            ok(f"checkov fails {check} on {fixture} (exit {result.returncode})")
        else:
            problem(f"checkov did not fail {check} on {fixture} (exit {result.returncode}, failed {failed},"
                    f" stderr {result.stderr.strip()[-300:]})")



def schema_self_test(version, tested=set()):
    """kubernetes-validate --strict, at this cluster version, rejects the seeded unknown field (once per version)."""
    if version in tested:
        return
    tested.add(version)
    fixture = os.path.join(FIXTURES, "k8s", "unknown-field.yaml")
    errors, _ = validate([fixture], version)
    if any("readOnlyRootFileSystem" in e for e in errors):
        ok(f"kubernetes-validate --strict -k {version} rejects the unknown field of {fixture}")
    else:
        problem(f"kubernetes-validate --strict -k {version} did not reject readOnlyRootFileSystem in {fixture}: {errors}")


def render(stack):
    out = os.path.join(OUT, stack)
    result = run(["java", "-jar", JAR, "render", "--stack", stack, "--out", out])
    if result.returncode != 0:
        problem(f"render --stack {stack} failed ({result.returncode}): {result.stdout[-500:]}{result.stderr[-500:]}")
        return None
    return out


def main():
    zizmor_mode = [] if os.environ.get("GH_TOKEN") else ["--offline"]
    print("scan: " + ", ".join(f"{tool} {importlib.metadata.version(tool)}"
                               for tool in ("zizmor", "checkov", "kubernetes-validate")), flush=True)
    self_tests()

    result = run(ZIZMOR + zizmor_mode + [os.path.join(".github", "workflows")])
    if result.returncode == 0:
        ok("zizmor: " + (result.stdout.strip().splitlines() or ["no findings"])[-1])
    else:
        problem(f"zizmor found problems in .github/workflows (exit {result.returncode}):\n{result.stdout}")

    # The renders run two at a time (2 cores); one checkov run then covers the workflows and every stack.
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        rendered = dict(zip(stacks(), pool.map(render, stacks())))
    checkov_dirs = [os.path.join(".github", "workflows")]
    for stack, out in rendered.items():
        if out is None:
            continue
        manifests = sorted(glob.glob(os.path.join(out, "k8s", "*.yaml")))
        version = cluster_version(os.path.join(out, "plan.json"))
        if not manifests:
            if version is None:
                ok(f"{stack}: no cluster, no Kubernetes objects")
            else:
                problem(f"{stack}: a cluster {version} but no rendered Kubernetes object")
            continue
        if version is None:
            problem(f"{stack}: {len(manifests)} Kubernetes objects but no aws:eks/cluster:Cluster version in the plan")
            continue
        checkov_dirs.append(os.path.join(out, "k8s"))
        schema_self_test(version)
        errors, missing = validate(manifests, version)
        unexpected = missing - NO_SCHEMA
        if errors or unexpected:
            problem(f"{stack}: kubernetes-validate --strict -k {version}:\n  " + "\n  ".join(
                errors + [f"no schema for {kind} in Kubernetes {version} (a removed or misspelt API version?)"
                          for kind in sorted(unexpected)]))
        else:
            ok(f"{stack}: kubernetes-validate --strict -k {version}: {len(manifests)} objects, every one with a schema"
               f" valid; no schema for {', '.join(sorted(missing)) or 'none'}")

    command = CHECKOV + ["--framework", "kubernetes", "github_actions"]
    for directory in checkov_dirs:
        command += ["--directory", directory]
    result = run(command)
    if result.returncode == 0:
        ok(f"checkov (kubernetes, github_actions) passes on {', '.join(checkov_dirs)}")
    else:
        problem(f"checkov failed:\n{result.stdout}{result.stderr[-1000:]}")

    if problems:
        print(f"scan: FAILED ({len(problems)} problem(s))", file=sys.stderr)
        return 1
    print("scan: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
