#!/usr/bin/env python3
"""Parse netprep's HTTP/1.1 messages with an independent parser (h11 from PyPI).

Reads `netprep demo run http.message --json` (or any trace whose steps have kind "write",
side, bytes, head, body) on stdin. Every request a client wrote is fed to a fresh h11 server
connection, every response to a fresh h11 client connection that has sent a request with the
same method; method, target, status, fields, body and trailers must come out as the trace says. A request
the trace marks "malformed" must be refused by h11 as well, except for the three mistakes
RFC 9112 lets a recipient repair (obs-fold, a bare LF, Transfer-Encoding with Content-Length),
which netprep refuses and h11 accepts: those are reported, not failed.

    pip install -r scripts/http/requirements.txt
    netprep demo run http.message --chunked --seed 3 --json | python3 scripts/http/check_h11.py

Prints "ok: N messages parsed" and exits 0, or says what differs and exits 1.
"""
import json
import sys

import h11


def events(conn, data):
    conn.receive_data(data)
    out = []
    while True:
        event = conn.next_event()
        if event is h11.NEED_DATA or event is h11.PAUSED:
            break
        out.append(event)
        if isinstance(event, h11.EndOfMessage):
            break
    return out


def collect(evs):
    head, body, ended = None, b"", None
    for e in evs:
        if isinstance(e, (h11.Request, h11.Response)):
            head = e
        elif isinstance(e, h11.Data):
            body += e.data
        elif isinstance(e, h11.EndOfMessage):
            ended = [(n.decode(), v.decode()) for n, v in e.headers]
    return head, body, ended


def compare(number, head, body, ended, step):
    want = step["head"]
    if head is None or ended is None:
        return f"message {number}: h11 did not read a whole message"
    trailers = [(f["name"].lower(), f["value"]) for f in step.get("trailers") or []]
    if ended != trailers:
        return f"message {number}: trailers {ended} != {trailers}"
    fields = [(f["name"].lower(), f["value"]) for f in want["fields"]]
    got_fields = [(n.decode(), v.decode()) for n, v in head.headers]
    # h11 reports the framing fields the writer added; the trace lists the fields before framing.
    framing = {"content-length", "transfer-encoding"}
    if [f for f in got_fields if f[0] not in framing] != [f for f in fields if f[0] not in framing]:
        return f"message {number}: fields {got_fields} != {fields}"
    if want.get("method") is not None:
        if head.method.decode() != want["method"] or head.target.decode() != want["target"]:
            return f"message {number}: h11 read {head.method} {head.target}"
    elif head.status_code != want["status"]:
        return f"message {number}: h11 read status {head.status_code}"
    if body.hex() != step["body"]:
        return f"message {number}: body {body.hex()} != {step['body']}"
    return None


# RFC 9112 §5.2, §2.2, §6.3: a recipient may unfold, accept LF alone, let chunked win.
REPAIRABLE = {"obs-fold", "bare-lf", "smuggling"}


def check(trace):
    count = 0
    for number, step in enumerate(trace["trace"], 1):
        if step["kind"] != "write":
            continue
        data = bytes.fromhex(step["bytes"])
        if step["side"] == "client":
            conn = h11.Connection(h11.SERVER)
            try:
                head, body, ended = collect(events(conn, data))
            except h11.RemoteProtocolError as error:
                if step.get("malformed"):
                    count += 1
                    continue
                return f"message {number}: h11 refused it: {error}"
            if step.get("malformed") in REPAIRABLE:
                print(f"note: h11 accepts {step['malformed']}, as RFC 9112 allows", file=sys.stderr)
                count += 1
                continue
            if step.get("malformed"):
                return f"message {number}: malformed ({step['malformed']}) but h11 accepted it"
        else:
            conn = h11.Connection(h11.CLIENT)
            method = step.get("requestMethod") or "GET"
            conn.send(h11.Request(method=method, target="/", headers=[("Host", "example.com")]))
            conn.send(h11.EndOfMessage())
            head, body, ended = collect(events(conn, data))
        problem = compare(number, head, body, ended, step)
        if problem:
            return problem
        count += 1
    return count


def main():
    result = check(json.load(sys.stdin))
    if isinstance(result, str):
        print(result, file=sys.stderr)
        return 1
    print(f"ok: {result} messages parsed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
