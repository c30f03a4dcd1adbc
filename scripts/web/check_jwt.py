#!/usr/bin/env python3
"""Checks netprep's HS256 JWTs with an independent implementation (PyJWT).

Run either with a token:
    python3 scripts/web/check_jwt.py TOKEN SECRET_HEX NOW
or with a demo's JSON on stdin, to compare verdicts:
    netprep demo run web.jwt --tamper payload --json | python3 scripts/web/check_jwt.py --demo-json

Prints one JSON object {"valid": bool, "reason": str|null, "claims": {...}|null}.
Exit status: 0 valid (or, with --demo-json, PyJWT agrees with the model), 1 invalid (or
disagreement), 2 bad usage. Expiry is judged at NOW (Unix seconds), not the wall clock, since
the model's time is a parameter: PyJWT checks structure, algorithm and signature, then exp is
compared with NOW exactly as RFC 7519 section 4.1.4 says (expired when NOW >= exp).
"""
import json
import sys

import jwt


def check(token, secret_hex, now):
    try:
        claims = jwt.decode(
            token,
            key=bytes.fromhex(secret_hex),
            algorithms=["HS256"],
            options={"verify_exp": False, "verify_iat": False, "require": ["exp"]},
        )
    except jwt.InvalidSignatureError:
        return {"valid": False, "reason": "signature mismatch", "claims": None}
    except jwt.InvalidAlgorithmError:
        return {"valid": False, "reason": "algorithm not allowed", "claims": None}
    except jwt.DecodeError as error:
        # PyJWT reports alg "none" with no signature as a DecodeError or algorithm error
        # depending on the version.
        text = str(error)
        if "alg" in text.lower() or "algorithm" in text.lower():
            return {"valid": False, "reason": "algorithm not allowed", "claims": None}
        return {"valid": False, "reason": "malformed: " + text, "claims": None}
    except jwt.InvalidTokenError as error:
        return {"valid": False, "reason": "invalid: " + str(error), "claims": None}
    if now >= int(claims["exp"]):
        return {"valid": False, "reason": "expired", "claims": claims}
    return {"valid": True, "reason": None, "claims": claims}


def main(argv):
    if len(argv) == 2 and argv[1] == "--demo-json":
        trace = json.load(sys.stdin)
        params, result = trace["params"], trace["result"]
        verdict = check(result["presented"], result["secret"], params["now"] + params["at"])
        verdict["model_accepted"] = result["accepted"]
        verdict["agree"] = verdict["valid"] == result["accepted"]
        print(json.dumps(verdict, sort_keys=True))
        return 0 if verdict["agree"] else 1
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    verdict = check(argv[1], argv[2], int(argv[3]))
    print(json.dumps(verdict, sort_keys=True))
    return 0 if verdict["valid"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
