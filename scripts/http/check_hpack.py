#!/usr/bin/env python3
"""Decode netprep's HPACK blocks with an independent decoder (hpack from PyPI).

Reads one demo trace as JSON on stdin, `netprep demo run http2.hpack --json` or
`netprep demo run http2.frames --json`, decodes every header block in order with hpack's
Decoder and compares the result with the fields the trace claims. For http2.frames it also
parses the 9-octet frame headers itself (RFC 9113 §4.1) and reassembles HEADERS +
CONTINUATION fragments before decoding.

    pip install -r scripts/http/requirements.txt
    netprep demo run http2.hpack --seed 4 --json | python3 scripts/http/check_hpack.py

Prints "ok: N header blocks decoded" and exits 0, or says what differs and exits 1.
"""
import json
import sys

from hpack import Decoder


def fields(items):
    return [(f["name"], f["value"]) for f in items]


def decoded(decoder, block):
    return [(n, v) for n, v in decoder.decode(block, raw=False)]


def check_hpack_demo(trace):
    decoder = Decoder()
    decoder.header_table_size = trace["params"]["tableSize"]
    count = 0
    for step in trace["trace"]:
        got = decoded(decoder, bytes.fromhex(step["bytes"]))
        want = fields(step["fields"])
        if got != want:
            return f"block {step['block']}: hpack decoded {got}, trace says {want}"
        count += 1
    return count


def check_frames_demo(trace):
    decoders = {"client": Decoder(), "server": Decoder()}
    fragments = {}
    count = 0
    for number, step in enumerate(trace["trace"], 1):
        raw = bytes.fromhex(step["bytes"])
        if step.get("type") == "PREFACE":
            continue
        if len(raw) < 9:
            return f"frame {number}: {len(raw)} octets, shorter than a frame header"
        length = int.from_bytes(raw[0:3], "big")
        ftype, flags = raw[3], raw[4]
        stream = int.from_bytes(raw[5:9], "big") & 0x7FFFFFFF
        if length != len(raw) - 9:
            return f"frame {number}: length field {length}, payload {len(raw) - 9} octets"
        if stream != step["stream"] or length != step["length"]:
            return f"frame {number}: header says stream {stream} length {length}, trace disagrees"
        payload = raw[9:]
        if ftype == 0x1:  # HEADERS
            if flags & 0x8:  # PADDED
                pad = payload[0]
                payload = payload[1 : len(payload) - pad]
            if flags & 0x20:  # PRIORITY
                payload = payload[5:]
            fragments[stream] = bytearray(payload)
        elif ftype == 0x9:  # CONTINUATION
            fragments[stream] += payload
        else:
            continue
        if flags & 0x4:  # END_HEADERS
            got = decoded(decoders[step["direction"]], bytes(fragments.pop(stream)))
            want = fields(step.get("fields", []))
            if got != want:
                return f"frame {number}: hpack decoded {got}, trace says {want}"
            count += 1
    return count


def main():
    trace = json.load(sys.stdin)
    demo = trace.get("demo")
    if demo == "http2.hpack":
        result = check_hpack_demo(trace)
    elif demo == "http2.frames":
        result = check_frames_demo(trace)
    else:
        print(f"not an HPACK trace: demo {demo!r}", file=sys.stderr)
        return 2
    if isinstance(result, str):
        print(result, file=sys.stderr)
        return 1
    print(f"ok: {result} header blocks decoded")
    return 0


if __name__ == "__main__":
    sys.exit(main())
