// Our crypto API against the raw libraries underneath it. Each "Ours" benchmark has raw
// counterparts doing the same work with everything pre-parsed, so the ratio shows what the
// value-type wrappers cost. Verification dominates a client refresh (every signature of
// every metadata file), hence the focus on verify.

#include "crypto/hash.h"
#include "crypto/keys.h"

#include <benchmark/benchmark.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <sodium.h>

#include <cstdlib>
#include <memory>

using namespace Uptane::Crypto;

namespace {

struct PkeyFree { void operator()(EVP_PKEY *p) const { EVP_PKEY_free(p); } };
struct CtxFree { void operator()(EVP_MD_CTX *p) const { EVP_MD_CTX_free(p); } };
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, CtxFree>;

// Roughly the size of a small signed "timestamp" object in canonical JSON.
const QByteArray Message = QByteArray(300, 'm');

[[noreturn]] void die(const char *what)
{
    std::fprintf(stderr, "bench_crypto: %s\n", what);
    std::abort();
}

struct Signed
{
    PrivateKey priv;
    PublicKey pub;
    QByteArray signature;
    Pkey pkey;  // the same public key, parsed once by OpenSSL for the raw benchmarks
};

Signed make(KeyType type, int rsaBits = 3072)
{
    Signed s;
    auto priv = PrivateKey::generate(type, rsaBits);
    if (!priv)
        die("key generation failed");
    s.priv = *priv;
    s.pub = priv->publicKey();
    auto signature = priv->sign(Message);
    if (!signature)
        die("signing failed");
    s.signature = *signature;
    const QByteArray raw = s.pub.raw();
    const auto *p = reinterpret_cast<const unsigned char *>(raw.constData());
    s.pkey.reset(type == KeyType::Ed25519
                     ? EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, p, size_t(raw.size()))
                     : d2i_PUBKEY(nullptr, &p, long(raw.size())));
    if (!s.pkey)
        die("OpenSSL could not parse our public key");
    return s;
}

const Signed &keyOf(KeyType type)
{
    static const Signed ed = make(KeyType::Ed25519);
    static const Signed rsa = make(KeyType::Rsa);
    static const Signed ec = make(KeyType::Ecdsa);
    return type == KeyType::Ed25519 ? ed : type == KeyType::Rsa ? rsa : ec;
}

const unsigned char *bytes(const QByteArray &b)
{
    return reinterpret_cast<const unsigned char *>(b.constData());
}

void ours(benchmark::State &state, KeyType type)
{
    const Signed &s = keyOf(type);
    for (auto _ : state) {
        const bool ok = s.pub.verify(Message, s.signature);
        if (!ok)
            state.SkipWithError("verify failed");
        benchmark::DoNotOptimize(ok);
    }
    state.SetItemsProcessed(state.iterations());
}

// Raw OpenSSL with a pre-parsed EVP_PKEY and one reused EVP_MD_CTX (the best a caller can do
// with the EVP API): init + one-shot EVP_DigestVerify per signature.
void rawOpenSsl(benchmark::State &state, KeyType type)
{
    const Signed &s = keyOf(type);
    MdCtx ctx(EVP_MD_CTX_new());
    for (auto _ : state) {
        EVP_MD_CTX_reset(ctx.get());
        EVP_PKEY_CTX *pctx = nullptr;
        const EVP_MD *md = type == KeyType::Ed25519 ? nullptr : EVP_sha256();
        bool ok = EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, s.pkey.get()) == 1;
        if (type == KeyType::Rsa) {
            ok = ok && EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1
                && EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) == 1
                && EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_AUTO) == 1;
        }
        ok = ok
            && EVP_DigestVerify(ctx.get(), bytes(s.signature), size_t(s.signature.size()),
                                bytes(Message), size_t(Message.size()))
                == 1;
        if (!ok)
            state.SkipWithError("verify failed");
        benchmark::DoNotOptimize(ok);
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_Ed25519Verify_Ours(benchmark::State &state) { ours(state, KeyType::Ed25519); }
void BM_Ed25519Verify_RawLibsodium(benchmark::State &state)
{
    const Signed &s = keyOf(KeyType::Ed25519);
    const QByteArray pk = s.pub.raw();
    for (auto _ : state) {
        const int rc = crypto_sign_verify_detached(bytes(s.signature), bytes(Message),
                                                   static_cast<unsigned long long>(Message.size()), bytes(pk));
        if (rc != 0)
            state.SkipWithError("verify failed");
        benchmark::DoNotOptimize(rc);
    }
    state.SetItemsProcessed(state.iterations());
}
void BM_Ed25519Verify_RawOpenSsl(benchmark::State &state) { rawOpenSsl(state, KeyType::Ed25519); }

void BM_EcdsaP256Verify_Ours(benchmark::State &state) { ours(state, KeyType::Ecdsa); }
void BM_EcdsaP256Verify_RawOpenSsl(benchmark::State &state) { rawOpenSsl(state, KeyType::Ecdsa); }

void BM_RsaPss3072Verify_Ours(benchmark::State &state) { ours(state, KeyType::Rsa); }
void BM_RsaPss3072Verify_RawOpenSsl(benchmark::State &state) { rawOpenSsl(state, KeyType::Rsa); }

const QByteArray &mebibyte()
{
    static const QByteArray data(1024 * 1024, 'x');
    return data;
}

void BM_Sha256_1MiB_Ours(benchmark::State &state)
{
    const QByteArray &data = mebibyte();
    for (auto _ : state)
        benchmark::DoNotOptimize(sha256(data));
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * data.size());
}

void BM_Sha256_1MiB_RawEvp(benchmark::State &state)
{
    const QByteArray &data = mebibyte();
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    for (auto _ : state) {
        EVP_Digest(data.constData(), size_t(data.size()), out, &len, EVP_sha256(), nullptr);
        benchmark::DoNotOptimize(out);
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * data.size());
}

} // namespace

BENCHMARK(BM_Ed25519Verify_Ours);
BENCHMARK(BM_Ed25519Verify_RawLibsodium);
BENCHMARK(BM_Ed25519Verify_RawOpenSsl);
BENCHMARK(BM_EcdsaP256Verify_Ours);
BENCHMARK(BM_EcdsaP256Verify_RawOpenSsl);
BENCHMARK(BM_RsaPss3072Verify_Ours);
BENCHMARK(BM_RsaPss3072Verify_RawOpenSsl);
BENCHMARK(BM_Sha256_1MiB_Ours);
BENCHMARK(BM_Sha256_1MiB_RawEvp);
