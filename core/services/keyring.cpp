#include "services/keyring.h"

#include "encoding/json.h"
#include "encoding/jsonreader.h"
#include "metadata/types.h"
#include "services/fileutil.h"
#include "services/workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Uptane::Services {

QByteArray tufPublicKeyJson(const Crypto::PublicKey &key)
{
    const Json::Object object{
        {u"keytype"_s, key.keyTypeName()},
        {u"keyval"_s, Json::Object{{u"public"_s, key.publicValue()}}},
        {u"scheme"_s, key.schemeName()},
    };
    // Readable JSON rather than canonical: canonical JSON writes the newlines of a PEM raw,
    // which strict RFC 8259 readers (ours included) refuse. The keyid is computed from the
    // canonical form of this same object, not from the file's bytes.
    return Json::pretty(object);
}

Result<Crypto::PublicKey> parseTufPublicKeyJson(QByteArrayView bytes)
{
    auto value = Json::parse(bytes, Json::ParseOptions{.maxBytes = 64 * 1024, .maxDepth = 4});
    if (!value)
        return fail(value.error());
    const Json::Reader reader(*value);
    auto keytype = reader.string(u"keytype"_s);
    auto scheme = reader.string(u"scheme"_s);
    auto keyval = reader.object(u"keyval"_s);
    if (!keytype)
        return fail(keytype.error());
    if (!scheme)
        return fail(scheme.error());
    if (!keyval)
        return fail(keyval.error());
    auto publicValue = keyval->string(u"public"_s);
    if (!publicValue)
        return fail(publicValue.error());
    return Crypto::PublicKey::fromTuf(*keytype, *scheme, *publicValue);
}

KeyRing::KeyRing(QString keysDir)
    : m_dir(QDir::cleanPath(std::move(keysDir)))
{
}

QString KeyRing::privatePath(const QString &name, bool offline) const
{
    return m_dir + (offline ? u"/offline/"_s : u"/"_s) + name + u".pem"_s;
}

QString KeyRing::publicPath(const QString &name, bool offline) const
{
    return m_dir + (offline ? u"/offline/"_s : u"/"_s) + name + u".pub"_s;
}

std::optional<bool> KeyRing::location(const QString &name) const
{
    if (!Workspace::isSafeName(name))
        return std::nullopt;
    if (QFileInfo::exists(privatePath(name, false)))
        return false;
    if (QFileInfo::exists(privatePath(name, true)))
        return true;
    return std::nullopt;
}

void KeyRing::invalidateIndex() const
{
    m_indexed = false;
    m_keyidToName.clear();
}

Result<Crypto::PrivateKey> KeyRing::loadOrCreate(const QString &name, Crypto::KeyType type, bool offline)
{
    if (auto ok = Workspace::checkSafeName(name, u"key name"_s); !ok)
        return fail(ok.error());
    if (const auto where = location(name)) {
        if (*where != offline)
            return fail(ErrorCode::InvalidArgument, u"key %1 exists as an %2 key"_s.arg(
                                                        name, *where ? u"offline"_s : u"online"_s));
        auto key = load(name);
        if (key && key->type() != type)
            return fail(ErrorCode::InvalidArgument, u"key %1 is %2, not %3"_s.arg(
                                                        name, Crypto::keyTypeName(key->type()),
                                                        Crypto::keyTypeName(type)));
        return key;
    }
    auto key = Crypto::PrivateKey::generate(type);
    if (!key)
        return key;
    if (auto saved = add(name, *key, offline); !saved)
        return fail(saved.error());
    return key;
}

Result<void> KeyRing::add(const QString &name, const Crypto::PrivateKey &key, bool offline)
{
    if (auto ok = Workspace::checkSafeName(name, u"key name"_s); !ok)
        return ok;
    if (key.isNull())
        return fail(ErrorCode::InvalidArgument, u"key %1: null key"_s.arg(name));
    if (location(name) || QFileInfo::exists(m_dir + u"/revoked/"_s + name + u".pem"_s))
        return fail(ErrorCode::InvalidArgument, u"a key named %1 exists already"_s.arg(name));
    const QString dir = offline ? m_dir + u"/offline"_s : m_dir;
    if (!QDir().mkpath(dir))
        return fail(ErrorCode::IoError, u"cannot create directory %1"_s.arg(dir));
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    // The public half first: a key whose .pem exists is a key, and its .pub must be there.
    if (auto written = writeFileAtomically(publicPath(name, offline), tufPublicKeyJson(key.publicKey())); !written)
        return written;
    if (auto saved = key.save(privatePath(name, offline)); !saved) {
        QFile::remove(publicPath(name, offline));
        return saved;
    }
    invalidateIndex();
    return {};
}

Result<Crypto::PrivateKey> KeyRing::load(const QString &name) const
{
    const auto where = location(name);
    if (!where)
        return fail(ErrorCode::NotFound, u"no key named %1 in %2"_s.arg(name, m_dir));
    auto key = Crypto::PrivateKey::load(privatePath(name, *where));
    if (!key)
        return fail(key.error().context(u"key "_s + name));
    return key;
}

Result<KeyInfo> KeyRing::readPublic(const QString &name, bool offline) const
{
    KeyInfo info{name, offline, {}, {}};
    auto bytes = readWholeFile(publicPath(name, offline), 64 * 1024);
    if (bytes) {
        auto key = parseTufPublicKeyJson(*bytes);
        if (!key)
            return fail(key.error().context(publicPath(name, offline)));
        info.publicKey = *key;
    } else {
        // No .pub beside the .pem (written by hand?): derive it from the private key.
        auto key = Crypto::PrivateKey::load(privatePath(name, offline));
        if (!key)
            return fail(key.error().context(u"key "_s + name));
        info.publicKey = key->publicKey();
    }
    info.keyid = Metadata::computeKeyId(info.publicKey);
    return info;
}

Result<KeyInfo> KeyRing::info(const QString &name) const
{
    const auto where = location(name);
    if (!where)
        return fail(ErrorCode::NotFound, u"no key named %1 in %2"_s.arg(name, m_dir));
    return readPublic(name, *where);
}

bool KeyRing::contains(const QString &name) const
{
    return location(name).has_value();
}

QList<KeyInfo> KeyRing::list() const
{
    QList<KeyInfo> keys;
    for (const bool offline : {false, true}) {
        const QDir dir(offline ? m_dir + u"/offline"_s : m_dir);
        const QStringList files = dir.entryList({u"*.pem"_s}, QDir::Files, QDir::Name);
        for (const QString &file : files) {
            const QString name = file.chopped(4);
            if (!Workspace::isSafeName(name))
                continue;
            if (auto info = readPublic(name, offline))
                keys.append(*info);
        }
    }
    std::ranges::sort(keys, {}, &KeyInfo::name);
    return keys;
}

void KeyRing::buildIndex() const
{
    if (m_indexed)
        return;
    m_keyidToName.clear();
    for (const KeyInfo &info : list())
        m_keyidToName.insert(info.keyid, info.name);
    m_indexed = true;
}

QString KeyRing::nameForKeyId(const QString &keyid) const
{
    buildIndex();
    const QString name = m_keyidToName.value(keyid);
    // The index may be stale if someone moved files behind our back: check.
    if (!name.isEmpty() && !contains(name)) {
        invalidateIndex();
        buildIndex();
        return m_keyidToName.value(keyid);
    }
    return name;
}

Result<Crypto::PrivateKey> KeyRing::findByKeyId(const QString &keyid) const
{
    const QString name = nameForKeyId(keyid);
    if (name.isEmpty())
        return fail(ErrorCode::NotFound, u"no active key with keyid %1"_s.arg(keyid));
    return load(name);
}

Result<QString> KeyRing::revoke(const QString &name)
{
    const auto where = location(name);
    if (!where)
        return fail(ErrorCode::NotFound, u"no key named %1 in %2"_s.arg(name, m_dir));
    const QString revokedDir = m_dir + u"/revoked"_s;
    if (!QDir().mkpath(revokedDir))
        return fail(ErrorCode::IoError, u"cannot create directory %1"_s.arg(revokedDir));
    QFile::setPermissions(revokedDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QString target = name;
    for (int n = 2; QFileInfo::exists(revokedDir + u'/' + target + u".pem"_s); ++n)
        target = name + u'.' + QString::number(n);
    // The .pub first: a .pem left behind by a crash between the renames still counts as an
    // active key (the .pub is re-derived), so the key is never half-revoked in a way that
    // hides it from both places.
    if (QFileInfo::exists(publicPath(name, *where))
        && !QFile::rename(publicPath(name, *where), revokedDir + u'/' + target + u".pub"_s))
        return fail(ErrorCode::IoError, u"cannot move %1 to %2"_s.arg(publicPath(name, *where), revokedDir));
    if (!QFile::rename(privatePath(name, *where), revokedDir + u'/' + target + u".pem"_s))
        return fail(ErrorCode::IoError, u"cannot move %1 to %2"_s.arg(privatePath(name, *where), revokedDir));
    invalidateIndex();
    return target;
}

Result<void> KeyRing::remove(const QString &name)
{
    const auto where = location(name);
    if (!where)
        return fail(ErrorCode::NotFound, u"no key named %1 in %2"_s.arg(name, m_dir));
    QFile::remove(publicPath(name, *where));
    if (!QFile::remove(privatePath(name, *where)))
        return fail(ErrorCode::IoError, u"cannot remove %1"_s.arg(privatePath(name, *where)));
    invalidateIndex();
    return {};
}

QStringList KeyRing::revokedNames() const
{
    QStringList names;
    const QStringList files = QDir(m_dir + u"/revoked"_s).entryList({u"*.pem"_s}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        names.append(file.chopped(4));
    names.sort();
    return names;
}

Result<Crypto::PrivateKey> KeyRing::loadRevoked(const QString &revokedName) const
{
    if (auto ok = Workspace::checkSafeName(revokedName, u"key name"_s); !ok)
        return fail(ok.error());
    return Crypto::PrivateKey::load(m_dir + u"/revoked/"_s + revokedName + u".pem"_s);
}

QString KeyRing::nextFreeName(const QString &prefix) const
{
    for (int n = 1;; ++n) {
        const QString name = prefix + u'-' + QString::number(n);
        if (!contains(name) && !QFileInfo::exists(m_dir + u"/revoked/"_s + name + u".pem"_s))
            return name;
    }
}

} // namespace Uptane::Services
