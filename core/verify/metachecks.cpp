#include "verify/metachecks.h"
#include "verify/trustedrepository.h"

#include "crypto/hash.h"

#include <QIODevice>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Uptane::Verify {

namespace {

Result<void> checkLength(qint64 actual, std::optional<qint64> length)
{
    if (length && actual != *length) {
        return fail(ErrorCode::LengthMismatch,
                    u"%1 bytes, metadata lists %2"_s.arg(actual).arg(*length));
    }
    return {};
}

// One '[...]' class of a glob at pattern[pos] == '['. Python fnmatch semantics: '!' negates,
// a ']' right after the opening (or after '!') is literal, "a-z" is a range. valid is false
// when there is no closing ']' (then '[' is an ordinary character).
struct ClassMatch
{
    bool valid = false;
    bool matched = false;
    qsizetype next = 0;  // index after the closing ']'
};

ClassMatch matchClass(QStringView pattern, qsizetype pos, QChar ch)
{
    qsizetype i = pos + 1;
    bool negate = false;
    if (i < pattern.size() && pattern[i] == u'!') {
        negate = true;
        ++i;
    }
    bool matched = false;
    bool first = true;
    while (i < pattern.size() && (first || pattern[i] != u']')) {
        first = false;
        const QChar low = pattern[i];
        if (i + 2 < pattern.size() && pattern[i + 1] == u'-' && pattern[i + 2] != u']') {
            if (low <= ch && ch <= pattern[i + 2])
                matched = true;
            i += 3;
        } else {
            if (low == ch)
                matched = true;
            ++i;
        }
    }
    if (i >= pattern.size())
        return ClassMatch{};
    return ClassMatch{true, matched != negate, i + 1};
}

// Glob of one path segment (no '/' in either argument), with backtracking on the last '*'.
bool matchSegment(QStringView pattern, QStringView text)
{
    qsizetype p = 0;
    qsizetype t = 0;
    qsizetype starP = -1;
    qsizetype starT = 0;
    while (t < text.size()) {
        if (p < pattern.size()) {
            const QChar c = pattern[p];
            if (c == u'*') {
                starP = p++;
                starT = t;
                continue;
            }
            if (c == u'?') {
                ++p;
                ++t;
                continue;
            }
            if (c == u'[') {
                const ClassMatch cls = matchClass(pattern, p, text[t]);
                if (cls.valid && cls.matched) {
                    p = cls.next;
                    ++t;
                    continue;
                }
                if (!cls.valid && text[t] == u'[') {
                    ++p;
                    ++t;
                    continue;
                }
            } else if (c == text[t]) {
                ++p;
                ++t;
                continue;
            }
        }
        if (starP < 0)
            return false;
        p = starP + 1;
        t = ++starT;
    }
    while (p < pattern.size() && pattern[p] == u'*')
        ++p;
    return p == pattern.size();
}

} // namespace

QString metaFileName(const QString &role, Metadata::Encoding encoding)
{
    return role + u'.' + Metadata::fileExtension(encoding);
}

Metadata::MetaFile metaFileFor(qint64 version, const QByteArray &bytes)
{
    Metadata::MetaFile meta;
    meta.version = version;
    meta.length = bytes.size();
    meta.hashes.insert(QStringLiteral("sha256"), Crypto::sha256(bytes));
    meta.hashes.insert(QStringLiteral("sha512"), Crypto::sha512(bytes));
    return meta;
}

Result<StreamVerifier> StreamVerifier::create(std::optional<qint64> length,
                                              const Metadata::Hashes &hashes, bool requireHash)
{
    StreamVerifier verifier;
    verifier.m_length = length;
    for (auto it = hashes.cbegin(); it != hashes.cend(); ++it) {
        const auto algorithm = Crypto::hashAlgorithmFromName(it.key());
        if (!algorithm)
            continue;  // e.g. "md5" or "blake2b": skipped, as python-tuf and tuf-js skip them
        verifier.m_digests.push_back(Digest{it.key(), it.value(), Crypto::Hasher(*algorithm)});
    }
    if (verifier.m_digests.empty() && (requireHash || !hashes.isEmpty())) {
        return fail(ErrorCode::Unsupported,
                    hashes.isEmpty() ? u"no hash listed"_s
                                     : u"no supported hash algorithm among: %1"_s.arg(
                                           QStringList(hashes.keys()).join(u", ")));
    }
    return verifier;
}

void StreamVerifier::addData(QByteArrayView data)
{
    m_seen += data.size();
    // Past the allowed length the verdict is already known: stop hashing (endless data).
    if (m_length && m_seen > *m_length)
        return;
    for (Digest &digest : m_digests)
        digest.hasher.addData(data);
}

Result<void> StreamVerifier::finish()
{
    if (auto ok = checkLength(m_seen, m_length); !ok)
        return ok;
    for (Digest &digest : m_digests) {
        const QByteArray actual = digest.hasher.result();
        if (actual.size() != digest.expected.size()
            || !Crypto::constantTimeEquals(actual, digest.expected)) {
            return fail(ErrorCode::HashMismatch,
                        u"%1 is %2, metadata lists %3"_s.arg(
                            digest.name, QString::fromLatin1(actual.toHex()),
                            QString::fromLatin1(digest.expected.toHex())));
        }
    }
    return {};
}

Result<void> checkLengthAndHashes(QByteArrayView data, std::optional<qint64> length,
                                  const Metadata::Hashes &hashes, bool requireHash)
{
    if (auto ok = checkLength(data.size(), length); !ok)
        return ok;
    auto verifier = StreamVerifier::create(length, hashes, requireHash);
    if (!verifier)
        return fail(verifier.error());
    verifier->addData(data);
    return verifier->finish();
}

Result<void> checkLengthAndHashes(QIODevice &device, std::optional<qint64> length,
                                  const Metadata::Hashes &hashes, bool requireHash)
{
    auto verifier = StreamVerifier::create(length, hashes, requireHash);
    if (!verifier)
        return fail(verifier.error());
    QByteArray chunk(64 * 1024, Qt::Uninitialized);
    for (;;) {
        const qint64 n = device.read(chunk.data(), chunk.size());
        if (n < 0)
            return fail(ErrorCode::IoError, u"read failed: %1"_s.arg(device.errorString()));
        if (n == 0)
            break;
        verifier->addData(QByteArrayView(chunk.constData(), n));
        if (length && verifier->bytesSeen() > *length)
            break;  // more than allowed: stop reading, finish() reports the length
    }
    return verifier->finish();
}

bool isExpired(const QDateTime &expires, const QDateTime &referenceTime)
{
    return !expires.isValid() || referenceTime >= expires;
}

Result<void> checkNotExpired(const QString &role, const QDateTime &expires,
                             const QDateTime &referenceTime)
{
    if (isExpired(expires, referenceTime)) {
        return fail(ErrorCode::Expired,
                    u"%1 expired at %2 (reference time %3)"_s.arg(
                        role, expires.toString(Qt::ISODate), referenceTime.toString(Qt::ISODate)));
    }
    return {};
}

Result<void> verifyThreshold(const QByteArray &signedBytes,
                             const QList<Metadata::Signature> &signatures,
                             const QMap<QString, Metadata::KeyEntry> &keys,
                             const Metadata::RoleKeys &role, const QString &roleName)
{
    if (role.threshold < 1) {
        return fail(ErrorCode::ThresholdNotMet,
                    u"%1 has threshold %2; a threshold must be at least 1"_s.arg(roleName).arg(
                        role.threshold));
    }
    // Each key counts once (TUF 5.3.4, 4.2): by keyid, and also by key material, so one key
    // listed under several keyids (tuf-conformance test_duplicate_keys_root) adds only once.
    QSet<QString> countedIds;
    QList<Crypto::PublicKey> countedKeys;
    for (const Metadata::Signature &signature : signatures) {
        if (signature.value.isEmpty() || countedIds.contains(signature.keyid)
            || !role.keyids.contains(signature.keyid)) {
            continue;
        }
        const auto entry = keys.constFind(signature.keyid);
        if (entry == keys.constEnd() || entry->key.isNull())
            continue;  // unknown keyid, or a key type we could not parse: never counts
        if (countedKeys.contains(entry->key))
            continue;
        if (!entry->key.verify(signedBytes, signature.value))
            continue;
        countedIds.insert(signature.keyid);
        countedKeys.append(entry->key);
    }
    if (countedIds.size() < role.threshold) {
        return fail(ErrorCode::ThresholdNotMet,
                    u"%1 has %2 of %3 required valid signatures"_s.arg(roleName)
                        .arg(countedIds.size())
                        .arg(role.threshold));
    }
    return {};
}

bool matchesPathPattern(const QString &pattern, const QString &targetPath)
{
    // Matching segment by segment is what keeps '*', '?' and classes from ever matching a
    // '/' (TUF §4: "*.tgz" matches "foo.tgz" but not "targets/foo.tgz").
    const QList<QStringView> patternParts = QStringView(pattern).split(u'/');
    const QList<QStringView> pathParts = QStringView(targetPath).split(u'/');
    if (patternParts.size() != pathParts.size())
        return false;
    for (qsizetype i = 0; i < patternParts.size(); ++i) {
        if (!matchSegment(patternParts[i], pathParts[i]))
            return false;
    }
    return true;
}

bool delegationCovers(const Metadata::DelegatedRole &role, const QString &targetPath)
{
    if (role.paths) {
        for (const QString &pattern : *role.paths) {
            if (matchesPathPattern(pattern, targetPath))
                return true;
        }
    }
    if (role.pathHashPrefixes) {
        const QString digest =
            QString::fromLatin1(Crypto::sha256(targetPath.toUtf8()).toHex());
        for (const QString &prefix : *role.pathHashPrefixes) {
            if (digest.startsWith(prefix, Qt::CaseInsensitive))
                return true;
        }
    }
    return false;
}

} // namespace Uptane::Verify
