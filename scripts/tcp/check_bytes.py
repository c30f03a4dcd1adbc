#!/usr/bin/env python3
"""Checks the wire bytes a netprep demo prints with an independent decoder (scapy).

Usage:
    netprep demo run tcp.handshake --json | python3 scripts/tcp/check_bytes.py
    netprep demo run tcp.checksum --json | python3 scripts/tcp/check_bytes.py --fields

Reads one JSON object (or JSON Lines) from stdin, finds every "bytes" value that is an IPv4
datagram carrying TCP, and for each one lets scapy recompute the IPv4 header checksum and
the TCP checksum (over the pseudo-header) and compares them with the bytes on the wire. With
--fields it prints what scapy decoded, one JSON object per datagram, for a test to compare
with the demo's own seq/ack/flags ("document" numbers the input objects from 0). Exit status 0 when every checksum matches, 1 otherwise,
2 when no datagram was found.
"""
import json
import sys

from scapy.layers.inet import IP, TCP


def datagrams(value):
    """Yields every hex string under a "bytes" key that looks like an IPv4 datagram."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "bytes" and isinstance(item, str):
                try:
                    raw = bytes.fromhex(item)
                except ValueError:
                    continue
                if len(raw) >= 40 and raw[0] >> 4 == 4 and raw[9] == 6 and int.from_bytes(raw[2:4], "big") == len(raw):
                    yield raw
            else:
                yield from datagrams(item)
    elif isinstance(value, list):
        for item in value:
            yield from datagrams(item)


def check(raw):
    packet = IP(raw)
    wire_ip, wire_tcp = packet[IP].chksum, packet[TCP].chksum
    fresh = packet.copy()
    del fresh[IP].chksum
    del fresh[TCP].chksum
    rebuilt = IP(bytes(fresh))
    return {
        "src": packet[IP].src,
        "dst": packet[IP].dst,
        "sport": packet[TCP].sport,
        "dport": packet[TCP].dport,
        "seq": packet[TCP].seq,
        "ack": packet[TCP].ack,
        "flags": str(packet[TCP].flags),
        "window": packet[TCP].window,
        "payload": bytes(packet[TCP].payload).hex(),
        "ip_checksum_ok": rebuilt[IP].chksum == wire_ip,
        "tcp_checksum_ok": rebuilt[TCP].chksum == wire_tcp,
        "same_bytes": bytes(rebuilt) == raw,
    }


def main():
    text = sys.stdin.read()
    documents = []
    try:
        documents.append(json.loads(text))
    except json.JSONDecodeError:
        documents = [json.loads(line) for line in text.splitlines() if line.strip()]
    results = []
    for index, document in enumerate(documents):
        for raw in datagrams(document):
            result = check(raw)
            result["document"] = index
            results.append(result)
    if "--fields" in sys.argv:
        for result in results:
            print(json.dumps(result, sort_keys=True))
    bad = [r for r in results if not (r["ip_checksum_ok"] and r["tcp_checksum_ok"] and r["same_bytes"])]
    print(f"{len(results)} datagrams, {len(bad)} with a wrong checksum", file=sys.stderr)
    if not results:
        return 2
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
