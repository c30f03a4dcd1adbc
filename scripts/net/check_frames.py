#!/usr/bin/env python3
"""Checks the Ethernet frames of `netprep demo run arp|net.encapsulation|url.journey --json`.

For every trace step carrying `bytes` and an `ethernet` view: scapy must decode the frame to
the same addresses and EtherType, the FCS must be zlib's CRC-32 of the bytes, an ARP payload
must decode to the step's `arp` fields, and an IPv4 payload must carry IPv4, TCP and UDP checksums
equal to the ones scapy computes itself (it recomputes them after the fields are deleted).

Run:  pip install -r scripts/net/requirements.txt
      netprep demo run arp --json | python3 scripts/net/check_frames.py
Prints one JSON line {"frames": N, "errors": [...]}; exits 1 if there are errors.
"""
import json
import sys
import zlib

from scapy.layers.inet import IP, TCP, UDP
from scapy.layers.l2 import ARP, Ether


def check(step):
    raw = bytes.fromhex(step["bytes"])
    view = step["ethernet"]
    frame = Ether(raw)
    problems = []

    def expect(what, got, want):
        if got != want:
            problems.append(f"{what}: scapy {got!r}, trace {want!r}")

    expect("dst", frame.dst, view["destination"])
    expect("src", frame.src, view["source"])
    expect("type", frame.type, int(view["etherType"], 16))
    expect("length", len(raw), view["length"])
    expect("fcs", zlib.crc32(raw).to_bytes(4, "little").hex(), view["fcs"])
    if ARP in frame:
        arp, want = frame[ARP], step["arp"]
        expect("arp op", arp.op, want["operation"])
        expect("arp hwsrc", arp.hwsrc, want["senderHardware"])
        expect("arp psrc", arp.psrc, want["senderProtocol"])
        expect("arp hwdst", arp.hwdst, want["targetHardware"])
        expect("arp pdst", arp.pdst, want["targetProtocol"])
    if IP in frame:
        ip = frame[IP]
        got_ip = ip.chksum
        got_tcp = frame[TCP].chksum if TCP in frame else None
        got_udp = frame[UDP].chksum if UDP in frame else None
        fresh = Ether(raw)
        del fresh[IP].chksum
        if TCP in fresh:
            del fresh[TCP].chksum
        if UDP in fresh:
            del fresh[UDP].chksum
        rebuilt = Ether(bytes(fresh))
        expect("ipv4 checksum", got_ip, rebuilt[IP].chksum)
        if got_tcp is not None:
            expect("tcp checksum", got_tcp, rebuilt[TCP].chksum)
        if got_udp is not None:
            expect("udp checksum", got_udp, rebuilt[UDP].chksum)
        if "ipv4" in step:
            expect("ipv4 src", ip.src, step["ipv4"]["source"])
            expect("ipv4 dst", ip.dst, step["ipv4"]["destination"])
            expect("ipv4 total length", ip.len, step["ipv4"]["totalLength"])
    return problems


def main():
    text = open(sys.argv[1]).read() if len(sys.argv) > 1 else sys.stdin.read()
    errors, count = [], 0
    for document in text.splitlines():
        if not document.strip():
            continue
        for index, step in enumerate(json.loads(document)["trace"]):
            if "bytes" not in step or "ethernet" not in step:
                continue
            count += 1
            try:
                for problem in check(step):
                    errors.append(f"step {index} ({step.get('text', '')}): {problem}")
            except Exception as error:
                errors.append(f"step {index}: {type(error).__name__}: {error}")
    print(json.dumps({"frames": count, "errors": errors}))
    return 1 if errors or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
