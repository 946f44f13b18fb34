#pragma once

// Test helpers for EcuStore and its JSON files (header-only, shared by tst_ecustore and
// tst_ecustorejson): configs, image descriptions, the factory change, file access.

#include "crypto/hash.h"
#include "encoding/json.h"
#include "vehicle/ecustore.h"

#include <QFile>

namespace Uptane::Test {

using namespace Qt::StringLiterals;

using Vehicle::EcuChange;
using Vehicle::EcuConfig;
using Vehicle::Verification;

inline const QDateTime kFactoryTime = QDateTime::fromSecsSinceEpoch(1735689600, Qt::UTC);  // 2025-01-01T00:00:00Z

inline Crypto::PrivateKey newKey()
{
    return *Crypto::PrivateKey::generate(Crypto::KeyType::Ed25519);
}

inline EcuConfig makeConfig(Metadata::Encoding encoding, bool primary = false, Verification verification = Verification::Full)
{
    EcuConfig config;
    config.vin = u"democar"_s;
    config.serial = primary ? u"INFOdemocar"_s : u"TCUdemocar"_s;
    config.hardwareId = primary ? u"infotainment"_s : u"acme-ecu"_s;
    config.primary = primary;
    config.verification = verification;
    config.encoding = encoding;
    config.timeServerKey = newKey().publicKey();
    return config;
}

inline Metadata::TargetFile target(const QString &path, const QByteArray &bytes, qint64 release = 1)
{
    Metadata::TargetFile file;
    file.path = path;
    file.length = bytes.size();
    file.hashes.insert(u"sha256"_s, Crypto::sha256(bytes));
    file.hashes.insert(u"sha512"_s, Crypto::sha512(bytes));
    file.hardwareId = u"acme-ecu"_s;
    file.releaseCounter = release;
    return file;
}

inline EcuChange factoryChange(const QByteArray &image = "factory image")
{
    EcuChange change;
    change.state.attestedTime = kFactoryTime;
    change.state.installed = target(u"acme/ecu-1.0.img"_s, image);
    change.metadata = {{u"director/root"_s, "director root v1"}, {u"imagerepo/root"_s, "image root v1"}};
    change.newImage = image;
    return change;
}

// An installed image's description, compared field by field (TargetFile has no ==).
inline QString describe(const std::optional<Metadata::TargetFile> &file)
{
    if (!file)
        return u"none"_s;
    QStringList hashes;
    for (auto it = file->hashes.cbegin(); it != file->hashes.cend(); ++it)
        hashes.append(it.key() + u'=' + QString::fromLatin1(it.value().toHex()));
    return u"%1 %2 [%3] %4 %5"_s.arg(file->path).arg(file->length).arg(hashes.join(u' '),
                                                                       file->hardwareId.value_or(u"-"_s))
        .arg(file->releaseCounter.value_or(-1));
}

inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

// A valid document (ecu.json or state.json) with one member replaced (or removed when
// value is absent): the starting point of every schema refusal.
inline QByteArray withMember(const QByteArray &document, const QString &key, std::optional<Json::Value> value)
{
    Json::Object object = Json::parse(document)->toObject();
    if (value)
        object.insert(key, *value);
    else
        object.remove(key);
    return Json::pretty(object);
}

} // namespace Uptane::Test
