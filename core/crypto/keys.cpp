// Key type names and PublicKey (parsing, verification). PrivateKey lives in privatekey.cpp.

#include "keys_p.h"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/obj_mac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <cstring>

using namespace Qt::StringLiterals;

namespace Uptane::Crypto {

namespace Detail {

bool ensureSodium()
{
    // sodium_init() is itself idempotent and thread-safe; the static keeps later calls free.
    static const bool ok = sodium_init() >= 0;
    return ok;
}

void clearOpenSslErrors()
{
    ERR_clear_error();
}

Result<void> checkKeyFits(KeyType type, EVP_PKEY *pkey)
{
    switch (type) {
    case KeyType::Ed25519:
        if (EVP_PKEY_is_a(pkey, "ED25519"))
            return {};
        return fail(ErrorCode::InvalidKey, u"not an Ed25519 key"_s);
    case KeyType::Rsa:
        // Plain rsaEncryption keys, as securesystemslib writes them; the PSS parameters come
        // from the TUF scheme, not from the key.
        if (EVP_PKEY_is_a(pkey, "RSA"))
            return {};
        return fail(ErrorCode::InvalidKey, u"not an RSA key"_s);
    case KeyType::Ecdsa: {
        if (!EVP_PKEY_is_a(pkey, "EC"))
            return fail(ErrorCode::InvalidKey, u"not an EC key"_s);
        char group[64] = {};
        size_t len = 0;
        if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len) != 1
            || std::strcmp(group, SN_X9_62_prime256v1) != 0) {
            clearOpenSslErrors();
            return fail(ErrorCode::InvalidKey,
                        u"EC key is not on P-256 (curve \"%1\")"_s.arg(QLatin1StringView(group)));
        }
        // RFC 5480 §2.1.1: named curves only. OpenSSL maps explicit parameters that happen to
        // equal P-256 to its name, so the encoding is checked separately (Python
        // "cryptography" refuses such keys too).
        char encoding[32] = {};
        if (EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_EC_ENCODING, encoding, sizeof encoding, &len) != 1
            || std::strcmp(encoding, OSSL_PKEY_EC_ENCODING_GROUP) != 0) {
            clearOpenSslErrors();
            return fail(ErrorCode::InvalidKey, u"EC key uses explicit curve parameters"_s);
        }
        return {};
    }
    }
    return fail(ErrorCode::InvalidKey, u"unknown key type"_s);
}

QByteArray spkiDer(EVP_PKEY *pkey)
{
    const int len = i2d_PUBKEY(pkey, nullptr);
    if (len <= 0)
        return {};
    QByteArray der(len, Qt::Uninitialized);
    auto *p = reinterpret_cast<unsigned char *>(der.data());
    if (i2d_PUBKEY(pkey, &p) != len)
        return {};
    return der;
}

} // namespace Detail

namespace {

// Parses DER SubjectPublicKeyInfo; trailing bytes are refused so one value has one meaning.
Detail::PkeyPtr parseSpki(QByteArrayView der)
{
    if (der.isEmpty())
        return {};
    auto *p = reinterpret_cast<const unsigned char *>(der.data());
    Detail::PkeyPtr pkey(d2i_PUBKEY(nullptr, &p, long(der.size())));
    if (pkey && p != reinterpret_cast<const unsigned char *>(der.data()) + der.size())
        pkey.reset();
    if (!pkey)
        Detail::clearOpenSslErrors();
    return pkey;
}

QString spkiPem(EVP_PKEY *pkey)
{
    Detail::BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), pkey) != 1)
        return {};
    return QString::fromLatin1(Detail::bioContents(bio.get()));
}

// Exactly one "PUBLIC KEY" PEM block, nothing but whitespace around it.
Result<Detail::PkeyPtr> parsePublicPem(const QString &value)
{
    const QByteArray pem = value.toLatin1();
    if (!pem.trimmed().startsWith("-----BEGIN PUBLIC KEY-----"))
        return fail(ErrorCode::InvalidKey, u"not a PEM \"PUBLIC KEY\""_s);
    Detail::BioPtr bio = Detail::memoryBio(pem);
    if (!bio)
        return fail(ErrorCode::CryptoFailure, u"out of memory"_s);
    Detail::PkeyPtr pkey(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    if (!pkey) {
        Detail::clearOpenSslErrors();
        return fail(ErrorCode::InvalidKey, u"PEM public key does not parse"_s);
    }
    const QByteArray rest = Detail::bioContents(bio.get());
    if (!rest.trimmed().isEmpty())
        return fail(ErrorCode::InvalidKey, u"unexpected data after the PEM public key"_s);
    return pkey;
}

// QByteArray::fromHex skips junk silently, hence the explicit check.
constexpr bool isAsciiHexDigit(char16_t c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

Result<QByteArray> parseEd25519Hex(const QString &value)
{
    if (value.size() != 64)
        return fail(ErrorCode::InvalidKey,
                    u"Ed25519 public key must be 64 hex characters, got %1"_s.arg(value.size()));
    for (QChar c : value) {
        if (!isAsciiHexDigit(c.unicode()))
            return fail(ErrorCode::InvalidKey, u"Ed25519 public key is not hex"_s);
    }
    return QByteArray::fromHex(value.toLatin1());
}

} // namespace

QString keyTypeName(KeyType type)
{
    switch (type) {
    case KeyType::Ed25519: return u"ed25519"_s;
    case KeyType::Rsa: return u"rsa"_s;
    case KeyType::Ecdsa: return u"ecdsa"_s;
    }
    return {};
}

QString schemeName(KeyType type)
{
    switch (type) {
    case KeyType::Ed25519: return u"ed25519"_s;
    case KeyType::Rsa: return u"rsassa-pss-sha256"_s;
    case KeyType::Ecdsa: return u"ecdsa-sha2-nistp256"_s;
    }
    return {};
}

Result<KeyType> keyTypeFromTuf(const QString &keytype, const QString &scheme)
{
    // TUF 1.0 §4.2 and securesystemslib: exactly these pairs, case-sensitive. Older
    // securesystemslib releases spelled the ECDSA keytype like its scheme.
    if (keytype == "ed25519"_L1 && scheme == "ed25519"_L1)
        return KeyType::Ed25519;
    if (keytype == "rsa"_L1 && scheme == "rsassa-pss-sha256"_L1)
        return KeyType::Rsa;
    if ((keytype == "ecdsa"_L1 || keytype == "ecdsa-sha2-nistp256"_L1) && scheme == "ecdsa-sha2-nistp256"_L1)
        return KeyType::Ecdsa;
    return fail(ErrorCode::UnknownKeyType,
                u"unsupported keytype/scheme \"%1\"/\"%2\""_s.arg(keytype, scheme));
}

// ---------------------------------------------------------------------------------------
// PublicKey

PublicKey::PublicKey() = default;
PublicKey::~PublicKey() = default;
PublicKey::PublicKey(const PublicKey &) = default;
PublicKey &PublicKey::operator=(const PublicKey &) = default;

Result<PublicKey> PublicKey::fromTuf(const QString &keytype, const QString &scheme,
                                     const QString &publicValue)
{
    auto type = keyTypeFromTuf(keytype, scheme);
    if (!type)
        return fail(type.error());

    auto impl = std::make_shared<Impl>();
    impl->type = *type;
    impl->keytype = keytype;
    impl->publicValue = publicValue;
    if (*type == KeyType::Ed25519) {
        if (!Detail::ensureSodium())
            return fail(ErrorCode::CryptoFailure, u"libsodium failed to initialise"_s);
        auto raw = parseEd25519Hex(publicValue);
        if (!raw)
            return fail(raw.error());
        impl->raw = *raw;
        std::copy_n(impl->raw.cbegin(), std::min<qsizetype>(impl->raw.size(), 32), impl->ed25519.begin());
    } else {
        auto pkey = parsePublicPem(publicValue);
        if (!pkey)
            return fail(pkey.error());
        if (auto fits = Detail::checkKeyFits(*type, pkey->get()); !fits)
            return fail(fits.error().context(keytype));
        impl->raw = Detail::spkiDer(pkey->get());
        if (impl->raw.isEmpty())
            return fail(ErrorCode::CryptoFailure, u"cannot encode the public key"_s);
        impl->pkey = std::move(*pkey);
    }
    PublicKey key;
    key.m_impl = std::move(impl);
    return key;
}

Result<PublicKey> PublicKey::fromRaw(KeyType type, QByteArrayView raw)
{
    auto impl = std::make_shared<Impl>();
    impl->type = type;
    impl->keytype = Crypto::keyTypeName(type);
    if (type == KeyType::Ed25519) {
        if (!Detail::ensureSodium())
            return fail(ErrorCode::CryptoFailure, u"libsodium failed to initialise"_s);
        if (raw.size() != qsizetype(impl->ed25519.size()))
            return fail(ErrorCode::InvalidKey,
                        u"Ed25519 public key must be 32 bytes, got %1"_s.arg(raw.size()));
        impl->raw = raw.toByteArray();
        std::memcpy(impl->ed25519.data(), raw.data(), impl->ed25519.size());
        impl->publicValue = QString::fromLatin1(impl->raw.toHex());
    } else {
        Detail::PkeyPtr pkey = parseSpki(raw);
        if (!pkey)
            return fail(ErrorCode::InvalidKey, u"DER SubjectPublicKeyInfo does not parse"_s);
        if (auto fits = Detail::checkKeyFits(type, pkey.get()); !fits)
            return fail(fits.error());
        impl->raw = raw.toByteArray();
        impl->publicValue = spkiPem(pkey.get());
        if (impl->publicValue.isEmpty())
            return fail(ErrorCode::CryptoFailure, u"cannot encode the public key as PEM"_s);
        impl->pkey = std::move(pkey);
    }
    PublicKey key;
    key.m_impl = std::move(impl);
    return key;
}

bool PublicKey::isNull() const
{
    return !m_impl;
}

KeyType PublicKey::type() const
{
    return m_impl ? m_impl->type : KeyType::Ed25519;
}

QString PublicKey::keyTypeName() const
{
    return m_impl ? m_impl->keytype : QString();
}

QString PublicKey::schemeName() const
{
    return m_impl ? Crypto::schemeName(m_impl->type) : QString();
}

QString PublicKey::publicValue() const
{
    return m_impl ? m_impl->publicValue : QString();
}

QByteArray PublicKey::raw() const
{
    return m_impl ? m_impl->raw : QByteArray();
}

namespace {

// RSASSA-PSS with SHA-256 and MGF1-SHA256 (securesystemslib "rsassa-pss-sha256"), or ECDSA
// with SHA-256 over a DER (r, s) signature. The salt length is recovered from the signature
// (RSA_PSS_SALTLEN_AUTO), as securesystemslib verifies; we sign with 32.
bool evpVerify(KeyType type, EVP_PKEY *pkey, QByteArrayView message, QByteArrayView signature)
{
    if (signature.isEmpty())
        return false;
    Detail::MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx)
        return false;
    EVP_PKEY_CTX *pctx = nullptr;  // owned by ctx
    bool ok = EVP_DigestVerifyInit(ctx.get(), &pctx, Detail::sha256Md(), nullptr, pkey) == 1;
    if (ok && type == KeyType::Rsa) {
        ok = EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1
            && EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, Detail::sha256Md()) == 1
            && EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_AUTO) == 1;
    }
    ok = ok
        && EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.data()),
                            size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(message.data()),
                            size_t(message.size()))
            == 1;
    if (!ok)
        Detail::clearOpenSslErrors();
    return ok;
}

} // namespace

namespace {
std::atomic<quint64> g_verifyCount{0};
} // namespace

quint64 PublicKey::verifyCount()
{
    return g_verifyCount.load(std::memory_order_relaxed);
}

bool PublicKey::verify(QByteArrayView message, QByteArrayView signature) const
{
    if (!m_impl)
        return false;
    g_verifyCount.fetch_add(1, std::memory_order_relaxed);
    if (m_impl->type == KeyType::Ed25519) {
        // RFC 8032 §5.1.7 via libsodium, which also refuses non-canonical S and small-order
        // public keys and R values.
        if (signature.size() != crypto_sign_BYTES)
            return false;
        return crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(signature.data()),
                                           reinterpret_cast<const unsigned char *>(message.data()),
                                           static_cast<unsigned long long>(message.size()),
                                           m_impl->ed25519.data())
            == 0;
    }
    return evpVerify(m_impl->type, m_impl->pkey.get(), message, signature);
}

bool PublicKey::operator==(const PublicKey &other) const
{
    if (!m_impl || !other.m_impl)
        return !m_impl && !other.m_impl;
    return m_impl->type == other.m_impl->type && m_impl->raw == other.m_impl->raw;
}

} // namespace Uptane::Crypto
