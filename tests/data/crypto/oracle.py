"""Independent oracle for tests/crypto/tst_keyoracle.cpp, built on Python "cryptography".

  oracle.py make MESSAGE_HEX   -> JSON on stdout: fresh keys of the three TUF types and
                                  signatures over MESSAGE (good ones and deliberately wrong ones)
  oracle.py check < JSON       -> JSON on stdout: whether each of our keys/signatures is
                                  accepted by "cryptography"

RSA-PSS follows securesystemslib: MGF1-SHA256, salt 32 when signing; "check" verifies our
signatures with salt length exactly 32 to prove we sign that way.
"""
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

PEM = serialization.Encoding.PEM
SPKI = serialization.PublicFormat.SubjectPublicKeyInfo
RAW = serialization.Encoding.Raw


def private_pem(key, fmt):
    return key.private_bytes(PEM, fmt, serialization.NoEncryption()).decode()


def pss(salt, mgf_hash=None):
    return padding.PSS(mgf=padding.MGF1(mgf_hash or hashes.SHA256()), salt_length=salt)


def make(message):
    out = {}
    ed = ed25519.Ed25519PrivateKey.generate()
    out["ed25519"] = {
        "public": ed.public_key().public_bytes(RAW, serialization.PublicFormat.Raw).hex(),
        "private": [private_pem(ed, serialization.PrivateFormat.PKCS8)],
        "good": {"ed25519": ed.sign(message).hex()},
        "bad": {"other message": ed.sign(message + b"x").hex()},
    }

    r = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    max_salt = padding.calculate_max_pss_salt_length(r, hashes.SHA256())
    out["rsa"] = {
        "public": r.public_key().public_bytes(PEM, SPKI).decode(),
        "private": [private_pem(r, serialization.PrivateFormat.PKCS8),
                    private_pem(r, serialization.PrivateFormat.TraditionalOpenSSL)],
        "good": {
            "pss salt 32": r.sign(message, pss(32), hashes.SHA256()).hex(),
            "pss salt 0": r.sign(message, pss(0), hashes.SHA256()).hex(),
            "pss salt max": r.sign(message, pss(max_salt), hashes.SHA256()).hex(),
        },
        "bad": {
            "pkcs1v15": r.sign(message, padding.PKCS1v15(), hashes.SHA256()).hex(),
            "pss mgf1-sha512": r.sign(message, pss(32, hashes.SHA512()), hashes.SHA256()).hex(),
            "pss sha512 digest": r.sign(message, pss(32), hashes.SHA512()).hex(),
            "other message": r.sign(message + b"x", pss(32), hashes.SHA256()).hex(),
        },
    }

    e = ec.generate_private_key(ec.SECP256R1())
    der = e.sign(message, ec.ECDSA(hashes.SHA256()))
    rr, ss = decode_dss_signature(der)
    out["ecdsa"] = {
        "public": e.public_key().public_bytes(PEM, SPKI).decode(),
        "private": [private_pem(e, serialization.PrivateFormat.PKCS8),
                    private_pem(e, serialization.PrivateFormat.TraditionalOpenSSL)],
        "good": {"der": der.hex()},
        "bad": {
            "raw r||s": (rr.to_bytes(32, "big") + ss.to_bytes(32, "big")).hex(),
            "sha384 digest": e.sign(message, ec.ECDSA(hashes.SHA384())).hex(),
            "other message": e.sign(message + b"x", ec.ECDSA(hashes.SHA256())).hex(),
        },
    }
    return out


def verify(kind, public, signature, message):
    try:
        if kind == "ed25519":
            ed25519.Ed25519PublicKey.from_public_bytes(bytes.fromhex(public)).verify(signature, message)
        elif kind == "rsa":
            serialization.load_pem_public_key(public.encode()).verify(
                signature, message, pss(32), hashes.SHA256())
        else:
            serialization.load_pem_public_key(public.encode()).verify(
                signature, message, ec.ECDSA(hashes.SHA256()))
        return True
    except InvalidSignature:
        return False


def public_of(kind, private):
    pub = private.public_key()
    if kind == "ed25519":
        return pub.public_bytes(RAW, serialization.PublicFormat.Raw).hex()
    return pub.public_bytes(PEM, SPKI).decode()


def check(request):
    message = bytes.fromhex(request["message"])
    out = {}
    for kind, key in request["keys"].items():
        signature = bytes.fromhex(key["signature"])
        private = serialization.load_pem_private_key(key["private"].encode(), password=None)
        out[kind] = {
            "verified": verify(kind, key["public"], signature, message),
            "other message rejected": not verify(kind, key["public"], signature, message + b"x"),
            "private matches public": public_of(kind, private) == key["public"],
        }
    return out


if __name__ == "__main__":
    if sys.argv[1] == "make":
        result = make(bytes.fromhex(sys.argv[2]))
    else:
        result = check(json.load(sys.stdin))
    json.dump(result, sys.stdout)
