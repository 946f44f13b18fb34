#pragma once

// Private to core/crypto: RAII owners for OpenSSL objects, the shared, pre-fetched digest
// methods and the one-time libsodium initialisation. Never include this from outside core/crypto (it pulls in OpenSSL headers, which
// the layering test confines to this folder).

#include <QByteArray>
#include <QByteArrayView>

#include <openssl/bio.h>
#include <openssl/evp.h>

#include <memory>

namespace Uptane::Crypto::Detail {

struct PkeyFree { void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); } };
struct MdCtxFree { void operator()(EVP_MD_CTX *p) const { EVP_MD_CTX_free(p); } };
struct BioFree { void operator()(BIO *p) const { BIO_free(p); } };

using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;

// Fetched once per process (hash.cpp); never freed, never null unless OpenSSL is broken
// (which the start-up self-test reports).
const EVP_MD *sha256Md();
const EVP_MD *sha512Md();

// sodium_init() exactly once per process, thread-safely (keys.cpp). False if libsodium
// cannot initialise (no usable random source); every Ed25519 entry point then fails.
bool ensureSodium();

// Clears this thread's OpenSSL error queue after an expected failure (a bad signature, a
// PEM that does not parse), so stale entries never surface in an unrelated later call.
void clearOpenSslErrors();

// A read-only memory BIO over bytes that outlive it.
inline BioPtr memoryBio(QByteArrayView bytes)
{
    return BioPtr(BIO_new_mem_buf(bytes.data(), int(bytes.size())));
}

// Everything written to a memory BIO, as bytes.
inline QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return len > 0 ? QByteArray(data, qsizetype(len)) : QByteArray();
}

} // namespace Uptane::Crypto::Detail
