#!/usr/bin/env python3
"""Checks the DNS bytes of a `netprep demo run dns.resolve --json` trace with dnspython.

Every message step's `bytes` must parse (RFC 1035 wire format, compression pointers and
all) and agree with the step's decoded view: ID, flags, rcode, question and the three
record sections. The bytes must also equal what dnspython itself writes for the parsed
message, which pins the name compression.

Run:  pip install -r scripts/net/requirements.txt
      netprep demo run dns.resolve --json | python3 scripts/net/check_dns.py
      python3 scripts/net/check_dns.py trace.json
Prints one JSON line {"messages": N, "errors": [...]}; exits 1 if there are errors.
"""
import json
import sys

import dns.flags
import dns.message
import dns.rcode


def lines(rrsets):
    out = []
    for rrset in rrsets:
        out.extend(rrset.to_text().splitlines())
    return sorted(out)


def check(step):
    wire = bytes.fromhex(step["bytes"])
    view = step["message"]
    message = dns.message.from_wire(wire)
    problems = []

    def expect(what, got, want):
        if got != want:
            problems.append(f"{what}: dnspython {got!r}, trace {want!r}")

    expect("id", message.id, view["id"])
    expect("flags", sorted(dns.flags.to_text(message.flags).lower().split()), sorted(view["flags"]))
    expect("rcode", dns.rcode.to_text(message.rcode()), view["rcode"])
    expect("question", [q.to_text().replace(" ", " ", 1) for q in message.question], view["question"])
    expect("answer", lines(message.answer), sorted(view["answer"]))
    expect("authority", lines(message.authority), sorted(view["authority"]))
    expect("additional", lines(message.additional), sorted(view["additional"]))
    expect("wire (compression)", message.to_wire().hex(), step["bytes"])
    return problems


def main():
    text = open(sys.argv[1]).read() if len(sys.argv) > 1 else sys.stdin.read()
    errors, count = [], 0
    for document in text.splitlines():
        if not document.strip():
            continue
        trace = json.loads(document)
        for index, step in enumerate(trace["trace"]):
            if "bytes" not in step or "message" not in step:
                continue
            count += 1
            try:
                for problem in check(step):
                    errors.append(f"step {index} ({step.get('text', '')}): {problem}")
            except Exception as error:  # a parse failure is a finding, not a crash
                errors.append(f"step {index} ({step.get('text', '')}): {type(error).__name__}: {error}")
    print(json.dumps({"messages": count, "errors": errors}))
    return 1 if errors or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
