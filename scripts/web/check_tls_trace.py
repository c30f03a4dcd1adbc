#!/usr/bin/env python3
"""Re-checks a tls.handshake trace with an independent implementation (pyca/cryptography).

    netprep demo run tls.handshake --json | python3 scripts/web/check_tls_trace.py
    netprep demo run tls.handshake --version 1.2 --json | python3 scripts/web/check_tls_trace.py

From the trace's own bytes it recomputes the transcript hashes, the key schedule (RFC 8446
section 7.1 for TLS 1.3, the RFC 5246 PRF for 1.2), opens every encrypted record with AES-GCM
and compares it with the message bytes, checks both Finished MACs, parses the certificates and
checks the chain's signatures and the server's handshake signature. Full handshakes only (the
resumed ones start from a secret of an earlier session that the trace does not carry).
Prints one line per check and exits 0 when all pass, 1 otherwise, 2 on bad input.
"""
import hashlib
import hmac
import json
import sys

from cryptography import x509
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

failures = []


def check(name, ok):
    print(("ok   " if ok else "FAIL ") + name)
    if not ok:
        failures.append(name)


def hkdf_extract(salt, ikm):
    return hmac.new(salt or b"\0" * 32, ikm, hashlib.sha256).digest()


def hkdf_expand(prk, info, length):
    out, block, counter = b"", b"", 1
    while len(out) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        out += block
        counter += 1
    return out[:length]


def expand_label(secret, label, context, length):
    full = b"tls13 " + label.encode()
    info = length.to_bytes(2, "big") + bytes([len(full)]) + full + bytes([len(context)]) + context
    return hkdf_expand(secret, info, length)


def derive(secret, label, messages):
    return expand_label(secret, label, hashlib.sha256(b"".join(messages)).digest(), 32)


def prf(secret, label, seed, length):
    seed = label.encode() + seed
    out, a = b"", seed
    while len(out) < length:
        a = hmac.new(secret, a, hashlib.sha256).digest()
        out += hmac.new(secret, a + seed, hashlib.sha256).digest()
    return out[:length]


def certificates(message, tls13):
    body = message[4:]
    index = 1 + body[0] if tls13 else 0
    total = int.from_bytes(body[index:index + 3], "big")
    index += 3
    end = index + total
    found = []
    while index < end:
        length = int.from_bytes(body[index:index + 3], "big")
        found.append(x509.load_der_x509_certificate(body[index + 3:index + 3 + length]))
        index += 3 + length
        if tls13:
            index += 2 + int.from_bytes(body[index:index + 2], "big")
    return found


def check_chain(message, tls13):
    chain = certificates(message, tls13)
    leaf, issuer = chain[0], chain[1]
    try:
        issuer.public_key().verify(leaf.signature, leaf.tbs_certificate_bytes)
        check("leaf certificate signed by the issuing CA", True)
    except Exception:
        check("leaf certificate signed by the issuing CA", False)
    return leaf


def verify_signature(leaf, signature, content, name):
    try:
        leaf.public_key().verify(signature, content)
        check(name, True)
    except Exception:
        check(name, False)


def tls13(steps, secrets):
    handshake = [s for s in steps if s["kind"] == "message" and s.get("protection") != "client_application_traffic"]
    messages = [bytes.fromhex(s["bytes"]) for s in handshake]
    shared = bytes.fromhex(secrets["ecdhe_shared_secret"])
    early = hkdf_extract(b"", b"\0" * 32)
    hs = hkdf_extract(derive(early, "derived", []), shared)
    check("handshake_secret", hs.hex() == secrets["handshake_secret"])
    chs, shs = derive(hs, "c hs traffic", messages[:2]), derive(hs, "s hs traffic", messages[:2])
    check("server_handshake_traffic_secret", shs.hex() == secrets["server_handshake_traffic_secret"])
    key, iv = expand_label(shs, "key", b"", 16), expand_label(shs, "iv", b"", 12)
    sequence = 0
    for step in handshake:
        if step.get("protection") != "server_handshake_traffic":
            continue
        record = bytes.fromhex(step["record"])
        nonce = bytes(a ^ b for a, b in zip(iv, sequence.to_bytes(12, "big")))
        inner = AESGCM(key).decrypt(nonce, record[5:], record[:5])
        check("server record %d opens to %s" % (sequence, step["label"]), inner[:-1].hex() == step["bytes"] and inner[-1] == 22)
        sequence += 1
    labels = [s["label"] for s in handshake]
    leaf = check_chain(messages[labels.index("{Certificate}")], True)
    cv = labels.index("{CertificateVerify}")
    content = b" " * 64 + b"TLS 1.3, server CertificateVerify\0" + hashlib.sha256(b"".join(messages[:cv])).digest()
    verify_signature(leaf, messages[cv][8:], content, "CertificateVerify signature")
    sf = [i for i, s in enumerate(handshake) if s["label"] == "{Finished}" and s["side"] == "server"][0]
    finished_key = expand_label(shs, "finished", b"", 32)
    expected = hmac.new(finished_key, hashlib.sha256(b"".join(messages[:sf])).digest(), hashlib.sha256).digest()
    check("server Finished MAC", messages[sf][4:] == expected)
    master = hkdf_extract(derive(hs, "derived", []), b"\0" * 32)
    cap = derive(master, "c ap traffic", messages[:sf + 1])
    check("client_application_traffic_secret_0", cap.hex() == secrets["client_application_traffic_secret_0"])
    cf = [i for i, s in enumerate(handshake) if s["label"] == "{Finished}" and s["side"] == "client"][0]
    expected = hmac.new(expand_label(chs, "finished", b"", 32),
                        hashlib.sha256(b"".join(messages[:cf])).digest(), hashlib.sha256).digest()
    check("client Finished MAC", messages[cf][4:] == expected)
    data = [s for s in steps if s.get("protection") == "client_application_traffic"][0]
    key, iv = expand_label(cap, "key", b"", 16), expand_label(cap, "iv", b"", 12)
    record = bytes.fromhex(data["record"])
    inner = AESGCM(key).decrypt(iv, record[5:], record[:5])
    check("application data record opens", inner[:-1].hex() == data["bytes"])


def tls12(steps, secrets):
    handshake = [s for s in steps if s["kind"] == "message" and s["label"] not in ("ChangeCipherSpec", "[application data]")]
    messages = [bytes.fromhex(s["bytes"]) for s in handshake]
    labels = [s["label"] for s in handshake]
    client_random, server_random = messages[0][6:38], messages[1][6:38]
    pre_master = bytes.fromhex(secrets["pre_master_secret"])
    master = prf(pre_master, "master secret", client_random + server_random, 48)
    check("master_secret", master.hex() == secrets["master_secret"])
    block = prf(master, "key expansion", server_random + client_random, 40)
    ckey, skey, csalt, ssalt = block[:16], block[16:32], block[32:36], block[36:40]
    check("client_write_key", ckey.hex() == secrets["client_write_key"])
    leaf = check_chain(messages[labels.index("Certificate")], False)
    if "ServerKeyExchange" in labels:
        ske = messages[labels.index("ServerKeyExchange")][4:]
        params_length = 4 + ske[3]
        verify_signature(leaf, ske[params_length + 4:], client_random + server_random + ske[:params_length],
                         "ServerKeyExchange signature")

    def opened(step, key, salt, sequence):
        record = bytes.fromhex(step["record"])
        explicit, body = record[5:13], record[13:]
        aad = sequence.to_bytes(8, "big") + record[:3] + (len(body) - 16).to_bytes(2, "big")
        return AESGCM(key).decrypt(salt + explicit, body, aad)

    cf = [i for i, s in enumerate(handshake) if s["label"] == "{Finished}" and s["side"] == "client"][0]
    sf = [i for i, s in enumerate(handshake) if s["label"] == "{Finished}" and s["side"] == "server"][0]
    check("client Finished record opens", opened(handshake[cf], ckey, csalt, 0) == messages[cf])
    check("server Finished record opens", opened(handshake[sf], skey, ssalt, 0) == messages[sf])
    digest = hashlib.sha256(b"".join(messages[:cf])).digest()
    check("client Finished verify_data", messages[cf][4:] == prf(master, "client finished", digest, 12))
    digest = hashlib.sha256(b"".join(messages[:sf])).digest()
    check("server Finished verify_data", messages[sf][4:] == prf(master, "server finished", digest, 12))
    data = [s for s in steps if s["label"] == "[application data]"][0]
    check("application data record opens", opened(data, ckey, csalt, 1).hex() == data["bytes"])


def main():
    try:
        trace = json.load(sys.stdin)
        params, result, steps = trace["params"], trace["result"], trace["trace"]
    except (ValueError, KeyError) as error:
        print("not a tls.handshake trace: %s" % error, file=sys.stderr)
        return 2
    if params["resume"] or not result["completed"]:
        print("skipped: only completed full handshakes can be re-derived from the trace")
        return 0
    (tls13 if params["version"] == "1.3" else tls12)(steps, result["secrets"])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
