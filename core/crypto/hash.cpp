#include "hash.h"

#include "crypto_p.h"

#include <QFile>
#include <QFileInfo>
#include <QIODevice>

#include <openssl/crypto.h>
#include <openssl/evp.h>

using namespace Qt::StringLiterals;

namespace Uptane::Crypto {

namespace {

// Streaming chunk: large enough that the per-call overhead of EVP_DigestUpdate and
// QIODevice::read vanishes, small enough to stay in L2 and never hold an image whole.
constexpr qint64 ChunkSize = 64 * 1024;

const EVP_MD *mdFor(HashAlgorithm algorithm)
{
    return algorithm == HashAlgorithm::Sha256 ? Detail::sha256Md() : Detail::sha512Md();
}

} // namespace

namespace Detail {

// OpenSSL 3 resolves EVP_sha256() through an implicit provider fetch (a locked lookup) on
// every init; fetching once and keeping the method object avoids that on the hot path.
// The statics are initialised thread-safely and live for the whole process.
const EVP_MD *sha256Md()
{
    static EVP_MD *const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md;
}

const EVP_MD *sha512Md()
{
    static EVP_MD *const md = EVP_MD_fetch(nullptr, "SHA512", nullptr);
    return md;
}

} // namespace Detail

QString hashAlgorithmName(HashAlgorithm algorithm)
{
    return algorithm == HashAlgorithm::Sha256 ? u"sha256"_s : u"sha512"_s;
}

Result<HashAlgorithm> hashAlgorithmFromName(const QString &name)
{
    if (name == "sha256"_L1)
        return HashAlgorithm::Sha256;
    if (name == "sha512"_L1)
        return HashAlgorithm::Sha512;
    return fail(ErrorCode::Unsupported, u"unsupported hash algorithm \"%1\""_s.arg(name));
}

int hashSize(HashAlgorithm algorithm)
{
    return algorithm == HashAlgorithm::Sha256 ? 32 : 64;
}

QByteArray hash(HashAlgorithm algorithm, QByteArrayView data)
{
    QByteArray out(hashSize(algorithm), Qt::Uninitialized);
    unsigned int len = 0;
    // EVP_Digest only fails on allocation failure inside the library; an empty result then
    // never matches any expected digest, so callers fail closed.
    if (EVP_Digest(data.data(), size_t(data.size()), reinterpret_cast<unsigned char *>(out.data()),
                   &len, mdFor(algorithm), nullptr)
            != 1
        || int(len) != out.size())
        return {};
    return out;
}

QByteArray sha256(QByteArrayView data)
{
    return hash(HashAlgorithm::Sha256, data);
}

QByteArray sha512(QByteArrayView data)
{
    return hash(HashAlgorithm::Sha512, data);
}

struct Hasher::Impl
{
    Detail::MdCtxPtr ctx{EVP_MD_CTX_new()};
    bool ok = false;        // false once the library failed: result() is then empty
    bool finished = false;  // result() was called
};

Hasher::Hasher(HashAlgorithm algorithm)
    : m_algorithm(algorithm)
    , m_impl(std::make_unique<Impl>())
{
    m_impl->ok = m_impl->ctx && EVP_DigestInit_ex(m_impl->ctx.get(), mdFor(algorithm), nullptr) == 1;
}

Hasher::~Hasher() = default;
Hasher::Hasher(Hasher &&) noexcept = default;
Hasher &Hasher::operator=(Hasher &&) noexcept = default;

void Hasher::addData(QByteArrayView data)
{
    // A moved-from or finished Hasher ignores input rather than crash; result() tells.
    if (!m_impl || !m_impl->ok || m_impl->finished || data.isEmpty())
        return;
    m_impl->ok = EVP_DigestUpdate(m_impl->ctx.get(), data.data(), size_t(data.size())) == 1;
}

QByteArray Hasher::result()
{
    if (!m_impl || !m_impl->ok || m_impl->finished)
        return {};
    m_impl->finished = true;
    QByteArray out(hashSize(m_algorithm), Qt::Uninitialized);
    unsigned int len = 0;
    if (EVP_DigestFinal_ex(m_impl->ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &len) != 1
        || int(len) != out.size())
        return {};
    return out;
}

Result<QByteArray> hashDevice(HashAlgorithm algorithm, QIODevice &device)
{
    if (!device.isOpen() || !device.isReadable())
        return fail(ErrorCode::IoError, u"device is not open for reading"_s);
    Hasher hasher(algorithm);
    QByteArray buffer(ChunkSize, Qt::Uninitialized);
    for (;;) {
        const qint64 n = device.read(buffer.data(), ChunkSize);
        if (n < 0)
            return fail(ErrorCode::IoError, u"read failed: %1"_s.arg(device.errorString()));
        if (n == 0)
            break;
        hasher.addData(QByteArrayView(buffer.constData(), n));
    }
    QByteArray digest = hasher.result();
    if (digest.isEmpty())
        return fail(ErrorCode::CryptoFailure, u"digest computation failed"_s);
    return digest;
}

Result<QByteArray> hashFile(HashAlgorithm algorithm, const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return fail(ErrorCode::NotFound, u"no such file: %1"_s.arg(path));
    if (info.isDir())
        return fail(ErrorCode::IoError, u"is a directory: %1"_s.arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::IoError, u"cannot open %1: %2"_s.arg(path, file.errorString()));
    auto digest = hashDevice(algorithm, file);
    if (!digest)
        return fail(digest.error().context(path));
    return digest;
}

bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    // Lengths are public (digest sizes); only the contents must not leak through timing.
    if (a.size() != b.size())
        return false;
    if (a.isEmpty())
        return true;
    return CRYPTO_memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

} // namespace Uptane::Crypto
