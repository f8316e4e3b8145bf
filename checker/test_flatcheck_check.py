"""Agreement tests for checker/flatcheck_check.py: every committed certificate is accepted and every
forged one rejected, by this checker AND by `flatcheck verify-certificate` (the Java checker).

    python3 -m unittest discover -s checker

Needs java and target/flatcheck.jar (built with `./flatcheck --version` when missing). Each forgery
starts from a committed certificate and changes it the way a cheat would; where a forgery must also
carry values that recompute correctly, they come from this checker's own evaluator.
"""
import copy
import json
import os
import subprocess
import sys
import tempfile
import unittest
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
import flatcheck_check as fc  # noqa: E402

JAR = ROOT / "target" / "flatcheck.jar"
SMALL = ["dinh-hessian-unbounded", "dinh-keskar-sharpness", "dinh-volume-flatness", "function-invariance",
         "kwon-adaptive-invariance", "liang-fisher-rao", "meng-basis-paths", "meng-path-values-equivalence",
         "rangamani-layer-scaling-invariance", "rangamani-node-rescaling-invariance", "transformation-law",
         "yi-psi-rescaling-invariance", "yi-psi-skeleton-independence", "kristiadi-log-hessian-invariance",
         "andriushchenko-adaptive-invariance", "dasilva-geodesic-invariance", "jang-fisher-invariance", "kim-connectivity-invariance"]
REFUTED = ["rangamani-node-rescaling-invariance", "yi-psi-skeleton-independence"]

# Forgeries that verify-certificate (Java) is known to accept although docs/certificates.md makes them
# invalid or malformed: forgery name -> (python exit, java exit). Each is a Java bug reported to its
# owner; the test asserts these exact codes, so it fails (and asks for the entry to go) once Java is fixed.
KNOWN_JAVA_BUGS = {
    # Empty: the four disagreements this suite found (an identity rescaling accepted as a path-values
    # instance, integral-looking JSON floats, statistics in a theorem certificate, an unknown op reported as
    # invalid rather than malformed) were Java bugs, fixed with regression tests in ForgeryTest.
}


def load(name):
    return json.loads((ROOT / "certificates" / (name + ".json")).read_text())


def num(v):
    return str(v.numerator) if v.denominator == 1 else "%d/%d" % (v.numerator, v.denominator)


def recompute(doc, only=None):
    """Sets every quantity's recorded value (in relations, or the checks listed in only) to what the
    checker recomputes, so that a forgery cannot be caught by a stale value alone."""
    cert = fc.Cert(copy.deepcopy(doc), 10000)
    ev = fc.Evaluator()

    def value(q):
        v = sum(value(t) for t in q["terms"]) if q["q"] == "sum" else ev.compute(q)
        if q["factor"] is not None:
            v = [q["factor"] * x for x in v] if isinstance(v, list) else q["factor"] * v
        return v

    def fix(raw, q):
        for rt, t in zip(raw.get("terms", ()), q.get("terms", ())):
            fix(rt, t)
        v = value(q)
        raw["value"] = [num(x) for x in v] if isinstance(v, list) else num(v)
    for i, (raw, ch) in enumerate(zip(doc["checks"], cert.checks)):
        if ch["check"] == "relation" and (only is None or i in only):
            fix(raw["lhs"], ch["lhs"])
            fix(raw["rhs"], ch["rhs"])
    return doc


def with_statement_of(doc, claim):
    kind, source, paper, checked = fc.CLAIMS[claim]
    doc.update(claim=claim, kind=kind, source=source, statement={"paper": paper, "checked": checked})
    return doc


def f_flip(name):
    d = load(name)
    d["verdict"] = {"HOLDS": "REFUTED", "REFUTED": "HOLDS"}[d["verdict"]]
    return d


def f_constant_counterexample(name, op="==", rhs="1"):
    """A true relation between constants (1 == 1, or 1 != 2) labelled counterexample, verdict REFUTED."""
    d = load(name)
    d["verdict"] = "REFUTED"
    d["checks"].append({"check": "relation", "role": "counterexample", "lhs": {"q": "constant", "value": "1"},
                        "op": op, "rhs": {"q": "constant", "value": rhs}})
    return d


def f_all_instance_flipped(name):
    d = load(name)
    for c in d["checks"]:
        c["role"] = "instance"
    d["verdict"] = {"HOLDS": "REFUTED", "REFUTED": "HOLDS"}[d["verdict"]]
    return d


def f_factor_zero(name):
    d = load(name)
    for c in d["checks"]:
        if c["check"] == "relation":
            for side in ("lhs", "rhs"):
                q = c[side]
                q["factor"] = "0"
                q["value"] = ["0"] * len(q["value"]) if isinstance(q["value"], list) else "0"
    return d


def f_delete_counterexamples(name):
    d = load(name)
    d["checks"] = [c for c in d["checks"] if c["role"] != "counterexample"]
    return d


def f_statement_negated(name):
    d = load(name)
    d["statement"]["checked"] = "It is not the case that: " + d["statement"]["checked"]
    return d


def f_unknown_field(where):
    def build(name):
        d = load(name)
        if where == "top":
            d["comment"] = "trust me"
        elif where == "check":
            d["checks"][0]["trusted"] = True
        elif where == "quantity":
            next(c for c in d["checks"] if c["check"] == "relation")["lhs"]["trusted"] = True
        elif where == "element":
            next(c for c in d["checks"] if c["check"] == "group_image")["element"]["trusted"] = True
        return d
    return build


def f_other_claims_check(name):
    """A check from another claim's certificate (with its networks and datasets) appended."""
    d = load(name)
    other = load("dinh-keskar-sharpness" if name != "dinh-keskar-sharpness" else "dinh-hessian-unbounded")
    d["checks"].append(other["checks"][0])   # loss(A, D) == 0 of the other certificate
    for n in ("A",):
        d["networks"].setdefault(n, other["networks"][n])
    d["datasets"].setdefault("D", other["datasets"]["D"])
    return d


def f_one_check_left(name):
    d = load(name)
    d["checks"] = d["checks"][:1]
    return d


def f_relabel(target):
    def build(name):
        return with_statement_of(load(name), target)
    return build


def f_keskar_epsilon():
    d = load("dinh-keskar-sharpness")
    big = "1000000"
    only = set()
    for i, c in enumerate(d["checks"]):
        if c["check"] == "in_keskar_box":
            c["epsilon"] = big
        if c["check"] == "relation" and c["rhs"]["q"] == "keskar_upper_bound":
            c["rhs"]["epsilon"] = big
            only.add(i)
    return recompute(d, only)


def f_node_as_layer():
    d = load("rangamani-node-rescaling-invariance")
    return with_statement_of(d, "rangamani-layer-scaling-invariance")


def f_identities(name):
    """Every group element replaced by an identity of its form, every image network by a copy of its
    source, values recomputed: every stated fact is true, but no symmetry acts."""
    d = load(name)
    for c in d["checks"]:
        if c["check"] == "group_image":
            el = c["element"]
            if "scales" in el:
                el["scales"] = {k: "1" for k in el["scales"]}
            elif "factors" in el:
                el["factors"] = ["1"] * len(el["factors"])
            else:
                el["permutation"] = {k: k for k in el["permutation"]}
            el.pop("description", None)
            src = copy.deepcopy(d["networks"][c["from"]])
            src["name"] = c["to"]
            d["networks"][c["to"]] = src
    return recompute(d)


def f_weight_nudged(name):
    d = load(name)
    net = next(iter(d["networks"].values()))
    w = net["weights"][0][0]
    w[0] = num(Fraction(w[0]) + Fraction(1, 1000))
    return d


def f_value_plus_one(name):
    d = load(name)
    for c in d["checks"]:
        if c["check"] == "relation":
            q = c["lhs"]
            if isinstance(q["value"], list):
                q["value"][0] = num(Fraction(q["value"][0]) + 1)
            else:
                q["value"] = num(Fraction(q["value"]) + 1)
            return d


def f_instance_relabelled_counterexample(name):
    d = load(name)
    next(c for c in d["checks"] if c["check"] == "relation")["role"] = "counterexample"
    return d


def f_trivial_same_net(name):
    """A decisive relation rewired to compare a network with itself (true, but on no image)."""
    d = load(name)
    c = next(c for c in d["checks"] if c["check"] == "relation" and c["lhs"].get("net") != c["rhs"].get("net")
             and "net" in c["lhs"] and "net" in c["rhs"])
    c["rhs"] = copy.deepcopy(c["lhs"])
    return d


def f_duplicate_check(name):
    d = load(name)
    d["checks"].append(copy.deepcopy(d["checks"][0]))
    return d


def f_wrong_symmetry_label(name):
    d = load(name)
    el = next(c for c in d["checks"] if c["check"] == "group_image")["element"]
    el["symmetry"] = "permutation" if "scales" in el or "factors" in el else "node_rescaling"
    return d


def f_rayleigh_threshold():
    d = load("dinh-hessian-unbounded")
    for c in d["checks"]:
        if c["check"] == "relation" and c["rhs"].get("value") == "1000000000000":
            c["rhs"]["value"] = "100000000000"
    return d


def f_volume_two_boxes():
    """Only the base fact and the first two images with their facts: fewer than three boxes."""
    d = load("dinh-volume-flatness")
    out, images = [], 0
    for c in d["checks"]:
        images += c["check"] == "group_image"
        if images <= 2:
            out.append(c)
    d["checks"] = out
    return d


def f_keskar_statistics():
    d = load("keskar-large-batch-sharper")
    d["statistics"]["p_value"] = "1/1000000000000000"
    return d


def f_keskar_verdict():
    d = load("keskar-large-batch-sharper")
    d["verdict"] = "NOT_SUPPORTED"
    return d


def layered_json(net, theta, name):
    """A layered network's JSON from a parameter vector in parameter order (W0, b0, W1, b1, …)."""
    it = iter(num(t) for t in theta)
    L = net.layers
    weights, biases = [], []
    for l in range(len(L) - 1):
        weights.append([[next(it) for _ in range(L[l])] for _ in range(L[l + 1])])
        if net.has_bias:
            biases.append([next(it) for _ in range(L[l + 1])])
    out = {"name": name, "layers": L, "weights": weights}
    if net.has_bias:
        out["biases"] = biases
    return out


def f_kwon_outside_box(claim="kwon-adaptive-invariance", move=lambda t: 2 * t):
    """kwon (and the claims built like it): the loss relation's networks moved off the chart around A0, e.g. far
    outside the ρ-box (values recomputed)."""
    d = load(claim)
    cert = fc.Cert(copy.deepcopy(d), 10000)
    img = next(c for c in cert.checks if c["check"] == "group_image" and c["from"].name == "A0y")
    Y = img["from"]
    far = [move(t) for t in Y.theta]
    d["networks"]["A0y"] = layered_json(Y, far, "A0y")
    moved = fc.Cert(copy.deepcopy(d), 10000)
    image, _ = fc.element_image(img["element"], moved.nets["A0y"])
    d["networks"]["B0y"] = layered_json(Y, [image[k] for k in Y.keys], "B0y")
    return recompute(d)


def f_same_skeleton():
    d = load("yi-psi-skeleton-independence")
    for c in d["checks"]:
        if c["check"] == "relation" and c["lhs"]["q"] == "psi_trace":
            c["rhs"]["skeleton"] = c["lhs"]["skeleton"]
    return d


def f_drop_critical(name):
    """The gradient == 0 fact of the first network removed."""
    d = load(name)
    i = next(i for i, c in enumerate(d["checks"]) if c["check"] == "relation" and c["lhs"]["q"] == "gradient")
    del d["checks"][i]
    return d


def f_scale_input_node():
    d = load("function-invariance")
    el = next(c for c in d["checks"] if c["check"] == "group_image" and "scales" in c["element"])["element"]
    el["scales"]["x0"] = "1"
    return d


def f_edit(fn):
    def build():
        d = load("dinh-keskar-sharpness")
        fn(d)
        return d
    return build


def f_huge_number():
    d = load("dinh-keskar-sharpness")
    d["checks"][0]["lhs"]["value"] = "1" + "0" * 4000
    return d


TEXT_FORGERIES = {
    "duplicate-key": lambda: '{"format": "flatcheck-certificate/1", "format": "flatcheck-certificate/1"}',
    "float-number": lambda: json.dumps(load("dinh-keskar-sharpness")).replace('"epsilon": "1/1000"}', '"epsilon": 0.001}', 1),
    "integral-float-weight": lambda: json.dumps(load("dinh-keskar-sharpness")).replace('[["2", "-5/4"]', '[[2.0, "-5/4"]', 1),
    "integral-float-factor": lambda: json.dumps(load("dinh-keskar-sharpness")).replace('["10000", "1/10000"]',
                                                                                       '[1e4, "1/10000"]', 1),
    "not-json": lambda: "{\"format\": ",
}


def forgeries():
    out = {}
    for n in SMALL:
        if n in REFUTED:
            out["flip/" + n] = lambda n=n: f_flip(n)
            out["counterexamples-deleted/" + n] = lambda n=n: f_delete_counterexamples(n)
        else:
            out["flip/" + n] = lambda n=n: f_flip(n)
            out["counterexample-relabel/" + n] = lambda n=n: f_instance_relabelled_counterexample(n)
        out["all-instance-flipped/" + n] = lambda n=n: f_all_instance_flipped(n)
        out["factor-zero/" + n] = lambda n=n: f_factor_zero(n)
        out["statement-negated/" + n] = lambda n=n: f_statement_negated(n)
        out["one-check-left/" + n] = lambda n=n: f_one_check_left(n)
        out["other-claims-check/" + n] = lambda n=n: f_other_claims_check(n)
        # Not forgeries, hence left out: a nudged weight in meng-basis-paths (its facts are about the
        # graph and hold for any weights) and a repeated same_path_values instance (a true instance twice).
        if n != "meng-basis-paths":
            out["weight-nudged/" + n] = lambda n=n: f_weight_nudged(n)
        out["value-plus-one/" + n] = lambda n=n: f_value_plus_one(n)
        if n != "meng-path-values-equivalence":
            out["duplicate-check/" + n] = lambda n=n: f_duplicate_check(n)
    for n in ("function-invariance", "dinh-keskar-sharpness", "meng-path-values-equivalence"):
        for target in fc.CLAIMS:
            if target != n:
                out["relabel/%s-as-%s" % (n, target)] = lambda n=n, t=target: f_relabel(t)(n)
    for n in ("function-invariance", "transformation-law", "kwon-adaptive-invariance", "liang-fisher-rao",
              "meng-path-values-equivalence", "yi-psi-rescaling-invariance", "rangamani-layer-scaling-invariance",
              "dinh-volume-flatness", "dinh-hessian-unbounded", "kristiadi-log-hessian-invariance",
              "andriushchenko-adaptive-invariance", "dasilva-geodesic-invariance", "jang-fisher-invariance",
              "kim-connectivity-invariance"):
        out["identities/" + n] = lambda n=n: f_identities(n)
    for n in ("function-invariance", "liang-fisher-rao"):
        out["constant-counterexample/" + n] = lambda n=n: f_constant_counterexample(n)
        out["constant-ne-counterexample/" + n] = lambda n=n: f_constant_counterexample(n, "!=", "2")
        out["trivial-same-net/" + n] = lambda n=n: f_trivial_same_net(n)
    for where in ("top", "check", "quantity", "element"):
        out["unknown-field-%s/function-invariance" % where] = lambda w=where: f_unknown_field(w)("function-invariance")
    out["symmetry-label/function-invariance"] = lambda: f_wrong_symmetry_label("function-invariance")
    out["kwon-loss-outside-box"] = f_kwon_outside_box
    out["andriushchenko-loss-outside-ball"] = lambda: f_kwon_outside_box("andriushchenko-adaptive-invariance")
    out["dasilva-loss-off-geodesic"] = lambda: f_kwon_outside_box("dasilva-geodesic-invariance", lambda t: -t)
    out["same-skeleton"] = f_same_skeleton
    out["no-critical-point/rangamani-layer-scaling-invariance"] = lambda: f_drop_critical("rangamani-layer-scaling-invariance")
    out["no-critical-point/yi-psi-skeleton-independence"] = lambda: f_drop_critical("yi-psi-skeleton-independence")
    out["no-critical-point/dinh-keskar-sharpness"] = lambda: f_drop_critical("dinh-keskar-sharpness")
    out["scale-on-input-node"] = f_scale_input_node
    out["unknown-claim"] = f_edit(lambda d: d.update(claim="dinh-keskar-sharpness-2"))
    out["wrong-format"] = f_edit(lambda d: d.update(format="flatcheck-certificate/2"))
    out["empty-checks"] = f_edit(lambda d: d.update(checks=[]))
    out["dangling-network"] = f_edit(lambda d: d["checks"][0]["lhs"].update(net="nobody"))
    out["dangling-dataset"] = f_edit(lambda d: d["checks"][0]["lhs"].update(data="nothing"))
    out["unknown-role"] = f_edit(lambda d: d["checks"][0].update(role="proof"))
    out["unknown-op"] = f_edit(lambda d: d["checks"][0].update(op="≈"))
    out["kind-empirical"] = f_edit(lambda d: d.update(kind="empirical"))
    out["source-changed"] = f_edit(lambda d: d.update(source="Dinh et al. 2017"))
    out["verdict-supported"] = f_edit(lambda d: d.update(verdict="SUPPORTED"))
    out["statistics-on-theorem"] = f_edit(lambda d: d.update(statistics={"verdicts": {}}))
    out["huge-number"] = f_huge_number
    out["keskar-epsilon-1e6"] = f_keskar_epsilon
    out["node-counterexample-as-layer-claim"] = f_node_as_layer
    out["rayleigh-below-1e12"] = f_rayleigh_threshold
    out["volume-two-boxes"] = f_volume_two_boxes
    if os.environ.get("FLATCHECK_CHECK_SKIP_KESKAR") != "1":
        out["keskar-statistics"] = f_keskar_statistics
        out["keskar-verdict"] = f_keskar_verdict
    return out


def java(paths):
    """Exit code and first lines of `verify-certificate` for each file. One JVM reads them all; a file
    it reports neither valid nor INVALID (malformed or too large) is re-run alone for its exit code."""
    if not JAR.exists():
        subprocess.run([str(ROOT / "flatcheck"), "--version"], check=True, stdout=subprocess.DEVNULL)
    run = lambda ps: subprocess.run(["java", "-jar", str(JAR), "verify-certificate"] + [str(p) for p in ps],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    r = run(paths)
    codes = {}
    lines = r.stdout.splitlines()
    for p in paths:
        mine = [l for l in lines if l.startswith(str(p) + ": ")]
        if mine and mine[0].startswith(str(p) + ": valid"):
            codes[p] = (0, mine[:1])
        elif mine and mine[0].startswith(str(p) + ": INVALID"):
            codes[p] = (1, mine[:1])
        else:
            one = run([p])
            codes[p] = (one.returncode, (one.stdout + one.stderr).strip().splitlines()[:2])
    return codes


def python(path):
    rep = fc.check_file(str(path), 10 ** 9, 10000)
    return rep["exit"], rep["messages"][:1]


class Agreement(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="flatcheck-forgeries-")
        cls.files = {}
        for name, build in forgeries().items():
            path = Path(cls.tmp.name) / (name.replace("/", "__") + ".json")
            doc = build()
            path.write_text(doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False))
            cls.files[name] = path
        for name, build in TEXT_FORGERIES.items():
            path = Path(cls.tmp.name) / (name + ".json")
            path.write_text(build())
            cls.files["text/" + name] = path
        cls.py = {name: python(p) for name, p in cls.files.items()}
        cls.jv = {name: code for name, code in zip(cls.files, java(list(cls.files.values())).values())}

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_forgeries_rejected_by_python_checker(self):
        for name, (code, msg) in self.py.items():
            with self.subTest(forgery=name):
                self.assertNotEqual(code, 0, "flatcheck_check.py accepted forgery %s" % name)

    def test_forgeries_rejected_by_java_checker(self):
        for name, (code, msg) in self.jv.items():
            with self.subTest(forgery=name):
                if name in KNOWN_JAVA_BUGS:
                    self.assertEqual(code, KNOWN_JAVA_BUGS[name][1], "Java changed on %s: update KNOWN_JAVA_BUGS" % name)
                else:
                    self.assertNotEqual(code, 0, "verify-certificate accepted forgery %s" % name)

    def test_exit_codes_agree(self):
        for name in self.files:
            with self.subTest(forgery=name):
                pair = (self.py[name][0], self.jv[name][0])
                if name in KNOWN_JAVA_BUGS:
                    self.assertEqual(pair, KNOWN_JAVA_BUGS[name])
                else:
                    self.assertEqual(pair[0], pair[1], "%s: python %s %s, java %s" % (name, pair[0], self.py[name][1],
                                                                                   self.jv[name]))

    def test_catalogue_is_large(self):
        self.assertGreaterEqual(len(self.files), 150)


VALID_VARIANTS = {
    # informational fields are not checked (§2), so a float there is no error
    "float-in-informational-inputs": lambda: json.dumps(load("dinh-keskar-sharpness")).replace(
        '"epsilon": "1/1000", "architecture"', '"epsilon": 0.001, "architecture"', 1),
    "integer-json-value": f_edit(lambda d: d["checks"][0]["lhs"].update(value=0)),
    "note-added": f_edit(lambda d: d["checks"][0].update(note="any text")),
}


class Variants(unittest.TestCase):
    def test_harmless_variants_accepted_by_both(self):
        with tempfile.TemporaryDirectory() as tmp:
            paths = {}
            for name, build in VALID_VARIANTS.items():
                doc = build()
                paths[name] = Path(tmp) / (name + ".json")
                paths[name].write_text(doc if isinstance(doc, str) else json.dumps(doc))
            jv = java(list(paths.values()))
            for name, p in paths.items():
                with self.subTest(variant=name):
                    self.assertEqual(python(p)[0], 0, python(p)[1])
                    self.assertEqual(jv[p][0], 0, jv[p][1])

    def test_work_limit_exit_4_for_both(self):
        p = ROOT / "certificates" / "dinh-keskar-sharpness.json"
        self.assertEqual(fc.check_file(str(p), 1, 10000)["exit"], 4)
        r = subprocess.run(["java", "-jar", str(JAR), "verify-certificate", "--max-check-work", "1", str(p)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.assertEqual(r.returncode, 4)

    def test_cli_worst_outcome_and_json(self):
        good = ROOT / "certificates" / "dinh-keskar-sharpness.json"
        with tempfile.TemporaryDirectory() as tmp:
            bad = Path(tmp) / "bad.json"
            bad.write_text(json.dumps(f_flip("dinh-keskar-sharpness")))
            junk = Path(tmp) / "junk.json"
            junk.write_text("[")
            cmd = [sys.executable, str(ROOT / "checker" / "flatcheck_check.py")]
            r = subprocess.run(cmd + [str(good), str(bad)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            self.assertEqual(r.returncode, 1)
            self.assertEqual(len(r.stdout.strip().splitlines()), 2)
            r = subprocess.run(cmd + ["--json", str(bad), str(junk)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            self.assertEqual(r.returncode, 2)
            rep = json.loads(r.stdout)
            self.assertEqual([f["outcome"] for f in rep["files"]], ["invalid", "malformed"])
            self.assertNotIn("Traceback", r.stderr)


class Committed(unittest.TestCase):
    def test_every_committed_certificate_valid_for_both(self):
        names = SMALL if os.environ.get("FLATCHECK_CHECK_SKIP_KESKAR") == "1" else SMALL + ["keskar-large-batch-sharper"]
        paths = [ROOT / "certificates" / (n + ".json") for n in names]
        jv = java(paths)
        for p in paths:
            with self.subTest(certificate=p.name):
                self.assertEqual(python(p)[0], 0, python(p)[1])
                self.assertEqual(jv[p][0], 0, jv[p][1])


class Units(unittest.TestCase):
    """Small facts of the checker's own arithmetic, each able to fail."""

    def test_numbers(self):
        self.assertEqual(fc.parse_number("-2.5e-3", "x", 100), Fraction(-1, 400))
        self.assertEqual(fc.parse_number("22/7", "x", 100), Fraction(22, 7))
        for bad in ("1/0", "0x10", " 1", "1e999999999", True, 1.5, None):
            with self.assertRaises(fc.Malformed):
                fc.parse_number(bad, "x", 100)

    def test_hessian_diagonal_matches_jets(self):
        d = load("transformation-law")
        cert = fc.Cert(d, 10000)
        net, data = cert.nets["A0"], cert.data["D0"]
        info = fc.PointInfo(net, data)
        for k in range(net.P):
            e = [fc.ZERO] * net.P
            e[k] = fc.ONE
            self.assertEqual(fc.directional(net, data, info, e, 2), info.hdiag[k])
            self.assertEqual(fc.directional(net, data, info, e, 1), info.grad[k])

    def test_sign_test_small(self):
        r = fc.sign_test_result("m", [Fraction(2)] * 6, [Fraction(1)] * 6, ["t"] * 6)
        self.assertEqual(r["p_value"], Fraction(1, 64))
        self.assertEqual(r["verdict"], "SUPPORTED")
        r = fc.sign_test_result("m", [Fraction(1)] * 4 + [Fraction(2)], [Fraction(1)] * 5, ["t"] * 5)
        self.assertEqual((r["ties"], r["seeds"], r["verdict"]), (4, 1, "INCONCLUSIVE"))

    def test_rank(self):
        self.assertEqual(fc.rank([[1, 1, 0], [0, 1, 1], [1, 2, 1]]), 2)

    def test_exit_severity_worst_wins(self):
        self.assertEqual(max([0, 1, 4, 2], key=fc.SEVERITY.get), 2)
        self.assertEqual(max([1, 4], key=fc.SEVERITY.get), 4)


if __name__ == "__main__":
    unittest.main()
