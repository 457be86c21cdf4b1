"""The HTML scanner against the html5lib tokenizer tests.

Loads every .test file of ../shared/testdata/html5lib-tokenizer (beside the
repo; a missing folder is a failure, not a skip), runs every case once per
initial state through one zc_htmltok process, and checks that the start tags
the scanner reports, with their attributes (names and decoded values, in
order), equal the StartTag tokens of the expected output. html5lib's
expected attributes already keep only the first of duplicate names, as the
scanner does; the self-closing flag is not compared. A case without start
tags passes when the scanner finds none either.

Inputs go to zc_htmltok as hex UTF-8 bytes. The HTML5 tokenizer works on code
points, the scanner on UTF-8 bytes, which cannot hold a lone surrogate (they
appear in the doubleEscaped cases): each lone surrogate is replaced with
U+FFFD in the input, and the same replacement is applied to the expected
names and values before comparing. CR and CR LF are left in the input: the
scanner does the input stream's newline normalisation itself.

The character data the scanner's text callback delivers is compared too, for
the runs that start in the data, RCDATA, PLAINTEXT or CDATA section state
(the other states start in raw text, which the callback does not deliver);
a mismatch there is a failure like a wrong tag.

Prints the failures (at most 30), then `test_html5lib: N passed, M failed`
with one check per case and initial state.
"""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zctest  # noqa: E402

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared",
                        "testdata", "html5lib-tokenizer")
SHOW_MAX = 30
RUN_TIMEOUT = 300
TEXT_STATES = ("Data state", "RCDATA state", "PLAINTEXT state", "CDATA section state")

_ESC = re.compile(r"\\u([0-9A-Fa-f]{4})")


def unescape(s):
    """The second round of \\uHHHH unescaping of doubleEscaped tests."""
    return _ESC.sub(lambda m: chr(int(m.group(1), 16)), s)


def fix_surrogates(s):
    """Pairs surrogates into one code point; lone ones become U+FFFD."""
    return s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def deep(f, v):
    if isinstance(v, str):
        return f(v)
    if isinstance(v, list):
        return [deep(f, x) for x in v]
    if isinstance(v, dict):
        return {f(k): deep(f, x) for k, x in v.items()}
    return v


def load_cases(checks):
    """(file, test, state) for every run, and the number of files."""
    if not os.path.isdir(DATA_DIR):
        checks.ok(False, "html5lib tokenizer tests not found at %s" % os.path.normpath(DATA_DIR))
        checks.done()
    files = sorted(f for f in os.listdir(DATA_DIR) if f.endswith(".test"))
    if not files:
        checks.ok(False, "no .test files in %s" % os.path.normpath(DATA_DIR))
        checks.done()
    runs, ncases = [], 0
    for name in files:
        with open(os.path.join(DATA_DIR, name), encoding="utf-8") as f:
            doc = json.load(f)
        # xmlViolation.test expects the "coercing an HTML DOM into an
        # infoset" tweaks on top of the tokenizer (U+FFFF as U+FFFD, FF as
        # space...): its start tags are compared, its text is not.
        tests = [(t, True) for t in doc.get("tests", [])]
        tests += [(t, False) for t in doc.get("xmlViolationTests", [])]
        for t, tokenizer_text in tests:
            ncases += 1
            inp, out = t["input"], t["output"]
            if t.get("doubleEscaped"):
                inp, out = unescape(inp), deep(unescape, out)
            inp, out = fix_surrogates(inp), deep(fix_surrogates, out)
            want = [[tok[1], [[k, v] for k, v in tok[2].items()]]
                    for tok in out if tok[0] == "StartTag"]
            text = "".join(tok[1] for tok in out if tok[0] == "Character")
            for state in t.get("initialStates", ["Data state"]):
                runs.append({"file": name, "description": t["description"], "input": inp,
                             "state": state, "last": t.get("lastStartTag"), "want": want,
                             "text": text if tokenizer_text else None})
    return files, ncases, runs


def main():
    a = zctest.args()
    checks = zctest.Checks("test_html5lib")
    tool = os.path.join(a.bin, "zc_htmltok")
    files, ncases, runs = load_cases(checks)
    lines = "".join(json.dumps({"input_hex": r["input"].encode("utf-8").hex(),
                                "state": r["state"], "last": r["last"]}) + "\n" for r in runs)
    p = subprocess.run([tool], input=lines.encode(), stdout=subprocess.PIPE, timeout=RUN_TIMEOUT)
    got = [json.loads(l) for l in p.stdout.decode("utf-8", "replace").splitlines()]
    checks.ok(p.returncode == 0 and len(got) == len(runs),
              "zc_htmltok exited %d with %d lines for %d runs" % (p.returncode, len(got), len(runs)))
    print("html5lib tokenizer tests: %d files, %d cases, %d runs (case x initial state)"
          % (len(files), ncases, len(runs)), flush=True)
    shown = 0
    for r, g in zip(runs, got):
        start = g.get("start")
        ok = start == r["want"]
        text_ok = (r["text"] is None or r["state"] not in TEXT_STATES or
                   g.get("text") == r["text"])
        if ok and text_ok:
            checks.ok(True, "")
            continue
        if shown >= SHOW_MAX:
            checks.failed += 1
            continue
        shown += 1
        what = "%s: %s [%s, last %s] input %r: " % (r["file"], r["description"], r["state"],
                                                    r["last"], r["input"])
        if not ok:
            what += "start tags %s, want %s" % (json.dumps(start, ensure_ascii=False),
                                                json.dumps(r["want"], ensure_ascii=False))
        else:
            what += "text %r, want %r" % (g.get("text"), r["text"])
        checks.ok(False, what)
    if checks.failed > shown:
        print("... and %d more failures" % (checks.failed - shown), flush=True)
    checks.done()


if __name__ == "__main__":
    main()
