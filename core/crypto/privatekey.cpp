// PrivateKey: generation, PKCS#8 PEM import/export, atomic 0600 files, signing.

#include "keys_p.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <sodium.h>

using namespace Qt::StringLiterals;

namespace Uptane::Crypto {

namespace {

// RSASSA-PSS salt length when signing: the digest length, as securesystemslib signs.
constexpr int PssSaltLength = 32;
// A private key file larger than this is not one of ours (RSA-16384 PEM is ~13 KiB).
constexpr qint64 MaxKeyFileSize = 1024 * 1024;
constexpr int MinRsaBits = 2048;
constexpr int MaxRsaBits = 16384;

// Never prompt on a terminal for a passphrase: encrypted keys simply fail to load.
int noPassphrase(char *, int, int, void *)
{
    return -1;
}

} // namespace

// The OpenSSL key serves PEM export for every type and signing for RSA/ECDSA; Ed25519 signs
// with libsodium's 64-byte secret key (seed || public key) derived from the same seed.
struct PrivateKey::Impl
{
    KeyType type = KeyType::Ed25519;
    Detail::PkeyPtr pkey;
    PublicKey publicKey;
    unsigned char ed25519[crypto_sign_SECRETKEYBYTES] = {};

    Impl() = default;
    Impl(const Impl &) = delete;
    Impl &operator=(const Impl &) = delete;
    ~Impl() { sodium_memzero(ed25519, sizeof ed25519); }

    // A PrivateKey around an OpenSSL private key of the given type (a nested class may set
    // the enclosing class's m_impl).
    static Result<PrivateKey> build(KeyType type, Detail::PkeyPtr pkey);
};

Result<PrivateKey> PrivateKey::Impl::build(KeyType type, Detail::PkeyPtr pkey)
{
    if (auto fits = Detail::checkKeyFits(type, pkey.get()); !fits)
        return fail(fits.error());
    auto impl = std::make_shared<Impl>();
    impl->type = type;
    if (type == KeyType::Ed25519) {
        if (!Detail::ensureSodium())
            return fail(ErrorCode::CryptoFailure, u"libsodium failed to initialise"_s);
        unsigned char seed[crypto_sign_SEEDBYTES];
        size_t seedLen = sizeof seed;
        unsigned char pk[crypto_sign_PUBLICKEYBYTES];
        unsigned char osslPk[crypto_sign_PUBLICKEYBYTES];
        size_t osslPkLen = sizeof osslPk;
        const bool ok = EVP_PKEY_get_raw_private_key(pkey.get(), seed, &seedLen) == 1
            && seedLen == sizeof seed
            && crypto_sign_seed_keypair(pk, impl->ed25519, seed) == 0
            && EVP_PKEY_get_raw_public_key(pkey.get(), osslPk, &osslPkLen) == 1
            && osslPkLen == sizeof osslPk;
        sodium_memzero(seed, sizeof seed);
        if (!ok) {
            Detail::clearOpenSslErrors();
            return fail(ErrorCode::CryptoFailure, u"cannot derive the Ed25519 key pair"_s);
        }
        // Both libraries must agree on the public key, or signatures would not verify.
        if (sodium_memcmp(pk, osslPk, sizeof pk) != 0)
            return fail(ErrorCode::CryptoFailure, u"OpenSSL and libsodium disagree on the Ed25519 key"_s);
        auto pub = PublicKey::fromRaw(type, QByteArrayView(pk, sizeof pk));
        if (!pub)
            return fail(pub.error());
        impl->publicKey = *pub;
    } else {
        auto pub = PublicKey::fromRaw(type, Detail::spkiDer(pkey.get()));
        if (!pub)
            return fail(pub.error());
        impl->publicKey = *pub;
    }
    impl->pkey = std::move(pkey);
    PrivateKey key;
    key.m_impl = std::move(impl);
    return key;
}

PrivateKey::PrivateKey() = default;
PrivateKey::~PrivateKey() = default;
PrivateKey::PrivateKey(const PrivateKey &) = default;
PrivateKey &PrivateKey::operator=(const PrivateKey &) = default;

Result<PrivateKey> PrivateKey::generate(KeyType type, int rsaBits)
{
    Detail::PkeyPtr pkey;
    switch (type) {
    case KeyType::Ed25519: {
        if (!Detail::ensureSodium())
            return fail(ErrorCode::CryptoFailure, u"libsodium failed to initialise"_s);
        unsigned char seed[crypto_sign_SEEDBYTES];
        randombytes_buf(seed, sizeof seed);
        auto key = ed25519FromSeed(QByteArrayView(seed, sizeof seed));
        sodium_memzero(seed, sizeof seed);
        return key;
    }
    case KeyType::Rsa:
        if (rsaBits < MinRsaBits || rsaBits > MaxRsaBits)
            return fail(ErrorCode::InvalidArgument, u"RSA key size %1 outside %2..%3 bits"_s
                                                        .arg(rsaBits).arg(MinRsaBits).arg(MaxRsaBits));
        pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(rsaBits)));
        break;
    case KeyType::Ecdsa:
        pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
        break;
    }
    if (!pkey) {
        Detail::clearOpenSslErrors();
        return fail(ErrorCode::CryptoFailure, u"key generation failed"_s);
    }
    return Impl::build(type, std::move(pkey));
}

Result<PrivateKey> PrivateKey::ed25519FromSeed(QByteArrayView seed)
{
    if (seed.size() != crypto_sign_SEEDBYTES)
        return fail(ErrorCode::InvalidKey,
                    u"Ed25519 seed must be 32 bytes, got %1"_s.arg(seed.size()));
    Detail::PkeyPtr pkey(EVP_PKEY_new_raw_private_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(seed.data()), size_t(seed.size())));
    if (!pkey) {
        Detail::clearOpenSslErrors();
        return fail(ErrorCode::CryptoFailure, u"cannot build an Ed25519 key"_s);
    }
    return Impl::build(KeyType::Ed25519, std::move(pkey));
}

QByteArray PrivateKey::toPem() const
{
    if (!m_impl)
        return {};
    Detail::BioPtr bio(BIO_new(BIO_s_mem()));
    // OpenSSL 3 writes PKCS#8 "PRIVATE KEY" for every key type here.
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), m_impl->pkey.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        Detail::clearOpenSslErrors();
        return {};
    }
    return Detail::bioContents(bio.get());
}

Result<PrivateKey> PrivateKey::fromPem(QByteArrayView pem)
{
    if (pem.isEmpty())
        return fail(ErrorCode::InvalidKey, u"empty private key"_s);
    Detail::BioPtr bio = Detail::memoryBio(pem);
    if (!bio)
        return fail(ErrorCode::CryptoFailure, u"out of memory"_s);
    // PKCS#8 as we write it; OpenSSL's decoder also takes the traditional "RSA/EC PRIVATE
    // KEY" forms securesystemslib wrote, which eases importing existing repositories.
    Detail::PkeyPtr pkey(PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr));
    if (!pkey) {
        Detail::clearOpenSslErrors();
        return fail(ErrorCode::InvalidKey, u"PEM private key does not parse (or is encrypted)"_s);
    }
    KeyType type;
    if (EVP_PKEY_is_a(pkey.get(), "ED25519"))
        type = KeyType::Ed25519;
    else if (EVP_PKEY_is_a(pkey.get(), "RSA"))
        type = KeyType::Rsa;
    else if (EVP_PKEY_is_a(pkey.get(), "EC"))
        type = KeyType::Ecdsa;  // checkKeyFits() insists on P-256
    else
        return fail(ErrorCode::InvalidKey, u"unsupported private key type"_s);
    return Impl::build(type, std::move(pkey));
}

Result<void> PrivateKey::save(const QString &path) const
{
    if (!m_impl)
        return fail(ErrorCode::InvalidArgument, u"cannot save a null private key"_s);
    const QByteArray pem = toPem();
    if (pem.isEmpty())
        return fail(ErrorCode::CryptoFailure, u"cannot encode the private key"_s);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(ErrorCode::IoError, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    // Restrict the temporary file before a single secret byte goes in; the rename in
    // commit() keeps the mode, so the key is never readable by others at any moment.
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        file.cancelWriting();
        return fail(ErrorCode::IoError, u"cannot restrict permissions of %1"_s.arg(path));
    }
    if (file.write(pem) != pem.size() || !file.commit())
        return fail(ErrorCode::IoError, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    return {};
}

Result<PrivateKey> PrivateKey::load(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return fail(ErrorCode::NotFound, u"no such key file: %1"_s.arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::IoError, u"cannot open %1: %2"_s.arg(path, file.errorString()));
    const QByteArray pem = file.read(MaxKeyFileSize + 1);
    if (pem.size() > MaxKeyFileSize)
        return fail(ErrorCode::InvalidKey, u"%1 is too large to be a key"_s.arg(path));
    if (file.error() != QFileDevice::NoError)
        return fail(ErrorCode::IoError, u"cannot read %1: %2"_s.arg(path, file.errorString()));
    auto key = fromPem(pem);
    if (!key)
        return fail(key.error().context(path));
    return key;
}

bool PrivateKey::isNull() const
{
    return !m_impl;
}

KeyType PrivateKey::type() const
{
    return m_impl ? m_impl->type : KeyType::Ed25519;
}

PublicKey PrivateKey::publicKey() const
{
    return m_impl ? m_impl->publicKey : PublicKey();
}

Result<QByteArray> PrivateKey::sign(QByteArrayView message) const
{
    if (!m_impl)
        return fail(ErrorCode::InvalidArgument, u"cannot sign with a null private key"_s);
    const auto *msg = reinterpret_cast<const unsigned char *>(message.data());
    if (m_impl->type == KeyType::Ed25519) {
        QByteArray sig(crypto_sign_BYTES, Qt::Uninitialized);
        if (crypto_sign_detached(reinterpret_cast<unsigned char *>(sig.data()), nullptr, msg,
                                 static_cast<unsigned long long>(message.size()), m_impl->ed25519)
            != 0)
            return fail(ErrorCode::CryptoFailure, u"Ed25519 signing failed"_s);
        return sig;
    }

    Detail::MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr;  // owned by ctx
    bool ok = ctx && EVP_DigestSignInit(ctx.get(), &pctx, Detail::sha256Md(), nullptr, m_impl->pkey.get()) == 1;
    if (ok && m_impl->type == KeyType::Rsa) {
        ok = EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1
            && EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, Detail::sha256Md()) == 1
            && EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, PssSaltLength) == 1;
    }
    // EVP_PKEY_get_size is the maximum signature size; DER ECDSA signatures are often shorter.
    QByteArray sig(EVP_PKEY_get_size(m_impl->pkey.get()), Qt::Uninitialized);
    size_t len = size_t(sig.size());
    ok = ok && !sig.isEmpty()
        && EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(sig.data()), &len, msg,
                          size_t(message.size()))
            == 1;
    if (ok)
        sig.truncate(qsizetype(len));
    if (!ok) {
        Detail::clearOpenSslErrors();
        return fail(ErrorCode::CryptoFailure, u"%1 signing failed"_s.arg(Crypto::schemeName(m_impl->type)));
    }
    return sig;
}

} // namespace Uptane::Crypto
